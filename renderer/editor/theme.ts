import type { EditorThemeClasses } from 'lexical';

/** Class names Lexical puts on the declaration's elements; styles.css gives them their look. */
export const declarationTheme: EditorThemeClasses = {
  paragraph: 'doc-p',
  // Accord's block node (shared/declaration/nodes/BlockNode.ts) reads these, by the paragraph's kind.
  block: {
    title: 'doc-clause doc-title-clause',
    opening: 'doc-clause doc-opening',
    pp: 'doc-clause doc-pp',
    'operative-opening': 'doc-clause doc-operative-opening',
    op: 'doc-clause doc-op',
    sub: 'doc-clause doc-sub',
    adoption: 'doc-clause doc-adoption',
    paragraph: 'doc-p',
    h1: 'doc-h1',
    h2: 'doc-h2',
    h3: 'doc-h3',
    quote: 'doc-quote',
    bullet: 'doc-ul',
    number: 'doc-ol',
  },
  field: 'doc-field',
  bracket: 'doc-bracket',
  alternative: 'doc-alternative',
  mark: 'doc-comment',
  markOverlap: 'doc-comment--overlap',
  text: {
    bold: 'doc-bold',
    italic: 'doc-italic',
    underline: 'doc-underline',
  },
};
