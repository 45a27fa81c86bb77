import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import type * as Y from 'yjs';
import type { DraftParagraph } from '../../shared/declaration/meetingDraft';
import { $createClauseNode } from '../../shared/declaration/nodes';
import { openHeadlessDeclaration } from '../../shared/model/headlessDeclaration';

/**
 * Writes a new declaration's first content: the given paragraphs (a draft built from the
 * meeting), or one empty paragraph, so every window opens it ready to type.
 */
export function seedDeclaration(doc: Y.Doc, paragraphs: ReadonlyArray<DraftParagraph> = []): void {
  const session = openHeadlessDeclaration(doc);
  try {
    session.update(() => {
      const root = $getRoot();
      if (paragraphs.length === 0) root.append($createParagraphNode());
      for (const { kind, text } of paragraphs) {
        const paragraph = $createClauseNode(kind);
        if (text) paragraph.append($createTextNode(text));
        root.append(paragraph);
      }
    });
  } finally {
    session.dispose();
  }
}
