import * as Y from 'yjs';
import { insertParagraphs, type NewParagraph } from '../../../../../shared/declaration/model/operations';
import { readParagraphs } from '../../../../../shared/declaration/model/paragraphOrder';
import type { BlockKind } from '../../../../../shared/declaration/model/shape';

/** Two laptops holding the same declaration, and a way to bring them together. */
export function twoLaptops(paragraphs: ReadonlyArray<[BlockKind, string]>): { a: Y.Doc; b: Y.Doc; ids: string[]; merge(): void } {
  const a = new Y.Doc();
  const spec: NewParagraph[] = paragraphs.map(([kind, text]) => ({ kind, runs: text ? [{ text, attributes: {} }] : [] }));
  const ids = insertParagraphs(a, null, spec);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b, ids, merge: () => merge(a, b) };
}

export function merge(a: Y.Doc, b: Y.Doc): void {
  const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, forB);
  Y.applyUpdate(a, forA);
}

/** Each paragraph shown, as "kind: words", with "(revived)" on a tombstone that holds words. */
export function outline(doc: Y.Doc): string[] {
  return readParagraphs(doc).map((p) => `${p.kind}: ${p.text.toString()}${p.revived ? ' (revived)' : ''}`);
}

/** Types at the end of a paragraph, as a delegate would. */
export function typeAtEnd(doc: Y.Doc, id: string, words: string): void {
  const paragraph = doc.getMap<Y.Map<unknown>>('paragraphs').get(id)!;
  const text = paragraph.get('text') as Y.Text;
  text.insert(text.length, words, {});
}
