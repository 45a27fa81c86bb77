import { $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import * as Y from 'yjs';
import type { BlockKind } from '../../../../shared/model/kinds';
import { insertParagraphs } from '../../../../shared/declaration/model/operations';
import { readParagraphs } from '../../../../shared/declaration/model/paragraphOrder';
import { $readOutline } from '../../../../shared/declaration/outline';
import { openHeadlessDeclaration, type HeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';

/** Laptops holding one declaration, each with an editor bound as a window's is, and a way to sync them. */
export function laptops(count = 2): { sessions: HeadlessDeclaration[]; docs: Y.Doc[]; sync(): void } {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  const sessions = docs.map((doc) => openHeadlessDeclaration(doc, { history: true }));
  const sync = () => {
    for (let round = 0; round < 2; round += 1)
      for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  return { sessions, docs, sync };
}

/** Paragraphs written at the end, as a drafter (or main's seeding) would. */
export function write(session: HeadlessDeclaration, paragraphs: ReadonlyArray<[BlockKind, string]>): void {
  const doc = session.binding.doc;
  insertParagraphs(doc, readParagraphs(doc).at(-1)?.id ?? null, paragraphs.map(([kind, text]) => ({ kind, runs: text ? [{ text, attributes: {} }] : [] })));
}

/** Selects `words` in the first paragraph holding them, as a delegate dragging over them would. */
export function selectWords(session: HeadlessDeclaration, words: string): void {
  const paragraph = readParagraphs(session.binding.doc).find((p) => p.text.toString().includes(words));
  if (!paragraph) throw new Error(`no “${words}”`);
  const at = paragraph.text.toString().indexOf(words);
  session.update(() => session.binding.$select({ id: paragraph.id, offset: at }, { id: paragraph.id, offset: at + words.length }));
}

/** The caret at the end of the paragraph starting with `start`. */
export function caretAtEnd(session: HeadlessDeclaration, start: string): void {
  const paragraph = readParagraphs(session.binding.doc).find((p) => p.text.toString().startsWith(start));
  if (!paragraph) throw new Error(`no paragraph “${start}”`);
  session.update(() => session.binding.$select({ id: paragraph.id, offset: paragraph.text.length }));
}

/** Each paragraph as the window numbers it: "1. Encourage …", "(a) open …", "pp Recognizing …". */
export function numbered(session: HeadlessDeclaration): string[] {
  return session.editor.getEditorState().read(() => {
    const blocks = $getRoot().getChildren();
    return $readOutline().map((item, i) => `${item.marker || item.kind} ${blocks[i]!.getTextContent()}`.trim());
  });
}

export function shownText(session: HeadlessDeclaration): string {
  return session.editor.getEditorState().read(() => $getRoot().getTextContent());
}

/** Types at the caret, as a keystroke does. */
export function type(session: HeadlessDeclaration, text: string): void {
  session.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) throw new Error('no caret');
    selection.insertText(text);
  });
}
