import type * as Y from 'yjs';
import type { DraftParagraph } from '../../shared/declaration/meetingDraft';
import { insertParagraphs } from '../../shared/declaration/model/operations';

/**
 * Writes a new declaration's first content: the given paragraphs (a draft built from the
 * meeting), or one empty paragraph, so every window opens it ready to type.
 */
export function seedDeclaration(doc: Y.Doc, paragraphs: ReadonlyArray<DraftParagraph> = []): void {
  const seed = paragraphs.length > 0 ? paragraphs : [{ kind: 'paragraph' as const, text: '' }];
  insertParagraphs(
    doc,
    null,
    seed.map(({ kind, text }) => ({ kind, runs: text ? [{ text, attributes: {} }] : [] })),
  );
}
