import { $createParagraphNode, $getRoot } from 'lexical';
import type * as Y from 'yjs';
import { openHeadlessDeclaration } from '../../shared/model/headlessDeclaration';

/** Gives a new declaration its first, empty paragraph, so every window opens it ready to type. */
export function seedDeclaration(doc: Y.Doc): void {
  const session = openHeadlessDeclaration(doc);
  try {
    session.update(() => {
      $getRoot().append($createParagraphNode());
    });
  } finally {
    session.dispose();
  }
}
