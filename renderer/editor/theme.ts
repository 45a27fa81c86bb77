import type { EditorThemeClasses } from 'lexical';

/** Class names Lexical puts on the declaration's elements; styles.css gives them their look. */
export const declarationTheme: EditorThemeClasses = {
  paragraph: 'doc-p',
  // Collaborators' carets and name flags; their colour comes in --lexical-cursor-color.
  collaboration: { cursor: 'collab-cursor', cursorName: 'collab-cursor__name' },
  heading: { h1: 'doc-h1', h2: 'doc-h2', h3: 'doc-h3' },
  quote: 'doc-quote',
  // Accord's own nodes (shared/declaration/nodes) read these keys.
  clause: {
    title: 'doc-clause doc-title-clause',
    opening: 'doc-clause doc-opening',
    pp: 'doc-clause doc-pp',
    'operative-opening': 'doc-clause doc-operative-opening',
    op: 'doc-clause doc-op',
    sub: 'doc-clause doc-sub',
    adoption: 'doc-clause doc-adoption',
  },
  field: 'doc-field',
  bracket: 'doc-bracket',
  alternative: 'doc-alternative',
  mark: 'doc-comment',
  markOverlap: 'doc-comment--overlap',
  list: {
    ol: 'doc-ol',
    ul: 'doc-ul',
    listitem: 'doc-li',
    nested: { listitem: 'doc-li--nested' },
  },
  text: {
    bold: 'doc-bold',
    italic: 'doc-italic',
    underline: 'doc-underline',
  },
};
