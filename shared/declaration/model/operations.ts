import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import { nextKindAfter } from '../../model/kinds';
import { arrange } from './arrange';
import { readParagraphs } from './paragraphOrder';
import { type BlockKind, clauseKindOf, createTombstone, type ParagraphEntry, readEntryById } from './shape';
import { insertRuns, readRuns, type Run, sliceRuns } from './textRuns';

/**
 * The structural operations on a declaration: every one changes properties, keys and text ranges,
 * and none deletes a paragraph's container, so text another laptop typed into any paragraph at
 * the same time survives the merge.
 *
 * Each runs in up to two transactions. New paragraphs are first created as placed, empty
 * tombstones (`writer.create`); then they are filled and made live (`writer.change`). An undo
 * manager tracking only `writer.change` so undoes a split or an insert by turning the new
 * paragraph back into a tombstone: never by deleting a container someone may have typed into.
 */
export interface Writer {
  /** Transaction origin of creating paragraphs (left out of undo). */
  create?: unknown;
  /** Transaction origin of every other change. */
  change?: unknown;
  /** New paragraph, bracket and wording ids; random by default, seeded in tests that replay. */
  newId?: () => string;
  /** The jitter of new order keys; Math.random by default. */
  random?: () => number;
}

export function newParagraphId(writer: Writer = {}): string {
  return writer.newId ? writer.newId() : uuidv4();
}

export interface NewParagraph {
  id?: string;
  kind: BlockKind;
  runs?: ReadonlyArray<Run>;
}

function visibleIds(doc: Y.Doc): string[] {
  return readParagraphs(doc).map((paragraph) => paragraph.id);
}

function entry(doc: Y.Doc, id: string): ParagraphEntry {
  const found = readEntryById(doc, id);
  if (!found) throw new Error(`No paragraph ${id} in this declaration.`);
  return found;
}

function makeLive(paragraph: ParagraphEntry): void {
  if (paragraph.deleted) paragraph.map.set('deleted', false);
  if (paragraph.mergedInto !== null) paragraph.map.delete('mergedInto');
}

/**
 * Puts words beside the text for someone to decide on, flagged: paragraphs that stay tombstones
 * holding words (so they are shown, marked with `origin`) until someone keeps or discards them.
 */
export function insertFlaggedParagraphs(doc: Y.Doc, after: string | null, paragraphs: ReadonlyArray<NewParagraph>, origin: 'earlier-copy', writer: Writer = {}): string[] {
  const ids = paragraphs.map((paragraph) => paragraph.id ?? newParagraphId(writer));
  doc.transact(() => {
    const order = visibleIds(doc);
    paragraphs.forEach((paragraph, i) => {
      createTombstone(doc, ids[i]!, paragraph.kind);
      const created = entry(doc, ids[i]!);
      created.map.set('origin', origin);
      insertRuns(created.text, 0, paragraph.runs ?? []);
    });
    const at = after === null ? 0 : order.indexOf(after) + 1 || order.length;
    arrange(doc, [...order.slice(0, at), ...ids, ...order.slice(at)], writer.random);
  }, writer.change);
  return ids;
}

/** Inserts paragraphs after `after` (null: at the start), in the given order. Returns their ids. */
export function insertParagraphs(doc: Y.Doc, after: string | null, paragraphs: ReadonlyArray<NewParagraph>, writer: Writer = {}): string[] {
  const ids = paragraphs.map((paragraph) => paragraph.id ?? newParagraphId(writer));
  doc.transact(() => {
    const order = visibleIds(doc);
    paragraphs.forEach((paragraph, i) => createTombstone(doc, ids[i]!, paragraph.kind));
    const at = after === null ? 0 : order.indexOf(after) + 1 || order.length;
    arrange(doc, [...order.slice(0, at), ...ids, ...order.slice(at)], writer.random);
  }, writer.create);
  doc.transact(() => {
    paragraphs.forEach((paragraph, i) => {
      const created = entry(doc, ids[i]!);
      insertRuns(created.text, 0, paragraph.runs ?? []);
      makeLive(created);
    });
  }, writer.change);
  return ids;
}

export interface SplitResult {
  /** The paragraph the caret goes to: the one holding what followed the split point. */
  caret: string;
  created: string;
}

/** The kind Enter starts after a paragraph of this kind, at its end. */
function kindAfter(paragraph: ParagraphEntry, next: ParagraphEntry | undefined): BlockKind {
  const clause = clauseKindOf(paragraph.kind);
  if (clause === null) return paragraph.kind === 'h1' || paragraph.kind === 'h2' || paragraph.kind === 'h3' ? 'paragraph' : paragraph.kind;
  // Enter at the end of an OP that has sub-paragraphs starts a new first one, "(a)".
  if (clause === 'op' && next?.kind === 'sub' && next.parent === paragraph.id) return 'sub';
  return nextKindAfter[clause] ?? 'paragraph';
}

/**
 * Enter at `offset`. At the end of a paragraph a new, empty one follows it (the part a drafter
 * writes next). Anywhere else the words before the caret move into a new paragraph inserted
 * before, and the paragraph keeps its identity with the words after the caret: what another
 * delegation types after the split point at the same moment (typically, more words at the end)
 * stays exactly where it was typed, and what it types before the split point stays in this
 * paragraph too, at its start. Nothing is ever lost; at worst words sit one paragraph off.
 */
export function splitParagraph(doc: Y.Doc, id: string, offset: number, writer: Writer = {}): SplitResult {
  const paragraph = entry(doc, id);
  const length = paragraph.text.length;
  const at = Math.max(0, Math.min(offset, length));
  const created = newParagraphId(writer);
  const order = readParagraphs(doc);
  const index = order.findIndex((p) => p.id === id);
  const atEnd = at === length;
  const newKind = atEnd ? kindAfter(paragraph, order[index + 1]) : paragraph.kind;
  doc.transact(() => {
    createTombstone(doc, created, newKind);
    const ids = order.map((p) => p.id);
    const where = index < 0 ? ids.length : atEnd ? index + 1 : index;
    arrange(doc, [...ids.slice(0, where), created, ...ids.slice(where)], writer.random);
  }, writer.create);
  doc.transact(() => {
    const target = entry(doc, created);
    if (at > 0 && !atEnd) {
      insertRuns(target.text, 0, sliceRuns(readRuns(paragraph.text), 0, at));
      paragraph.text.delete(0, at);
    }
    makeLive(target);
    makeLive(paragraph);
  }, writer.change);
  return { caret: atEnd ? created : id, created };
}

/**
 * Backspace at the start of `second` (or Delete at the end of `first`): the words of `second` are
 * appended to `first`, and `second` becomes a tombstone that remembers where they went. Whatever
 * another laptop types into `second` meanwhile stays in it and is shown beside `first`.
 * Returns the offset in `first` where the joined words start, or null if there was nothing to do.
 */
export function joinParagraphs(doc: Y.Doc, first: string, second: string, writer: Writer = {}): number | null {
  if (first === second) return null;
  const into = entry(doc, first);
  const from = entry(doc, second);
  const offset = into.text.length;
  doc.transact(() => {
    const order = visibleIds(doc).filter((id) => id !== second);
    insertRuns(into.text, offset, readRuns(from.text));
    tombstone(from, first);
    makeLive(into);
    arrange(doc, order, writer.random);
  }, writer.change);
  return offset;
}

function tombstone(paragraph: ParagraphEntry, mergedInto: string | null): void {
  if (paragraph.text.length > 0) paragraph.text.delete(0, paragraph.text.length);
  paragraph.map.set('deleted', true);
  if (mergedInto !== null) paragraph.map.set('mergedInto', mergedInto);
}

/** Deletes whole paragraphs: their words go, and they stay as tombstones for what others type. */
export function deleteParagraphs(doc: Y.Doc, ids: ReadonlyArray<string>, writer: Writer = {}): void {
  const gone = new Set(ids);
  doc.transact(() => {
    const order = visibleIds(doc).filter((id) => !gone.has(id));
    for (const id of gone) {
      const found = readEntryById(doc, id);
      if (found) tombstone(found, null);
    }
    arrange(doc, order, writer.random);
  }, writer.change);
}

export interface TextPoint {
  id: string;
  offset: number;
}

/**
 * Deletes from one point to another, as a selection across paragraphs is deleted: the end of the
 * first paragraph, the paragraphs between and the start of the last go, and what is left of the
 * last joins the first. Returns the caret: where the first paragraph now ends its kept part.
 */
export function deleteRange(doc: Y.Doc, from: TextPoint, to: TextPoint, writer: Writer = {}): TextPoint {
  const order = visibleIds(doc);
  let start = from;
  let end = to;
  if (order.indexOf(start.id) > order.indexOf(end.id) || (start.id === end.id && start.offset > end.offset)) [start, end] = [end, start];
  const first = entry(doc, start.id);
  if (start.id === end.id) {
    const a = Math.max(0, Math.min(start.offset, first.text.length));
    const b = Math.max(a, Math.min(end.offset, first.text.length));
    doc.transact(() => {
      if (b > a) first.text.delete(a, b - a);
    }, writer.change);
    return { id: start.id, offset: a };
  }
  const last = entry(doc, end.id);
  const between = order.slice(order.indexOf(start.id) + 1, order.indexOf(end.id));
  const cut = Math.max(0, Math.min(start.offset, first.text.length));
  doc.transact(() => {
    if (first.text.length > cut) first.text.delete(cut, first.text.length - cut);
    const head = Math.max(0, Math.min(end.offset, last.text.length));
    if (head > 0) last.text.delete(0, head);
    for (const id of between) {
      const found = readEntryById(doc, id);
      if (found) tombstone(found, null);
    }
    insertRuns(first.text, first.text.length, readRuns(last.text));
    tombstone(last, start.id);
    arrange(
      doc,
      order.filter((id) => id !== end.id && !between.includes(id)),
      writer.random,
    );
  }, writer.change);
  return { id: start.id, offset: cut };
}

/** A paragraph with what belongs to it: an OP (or any paragraph) and the sub-paragraphs after it. */
function blockAt(kinds: ReadonlyArray<BlockKind>, start: number): [number, number] {
  let end = start + 1;
  if (kinds[start] !== 'sub') while (end < kinds.length && kinds[end] === 'sub') end += 1;
  return [start, end];
}

/**
 * Moves a paragraph (an OP with its sub-paragraphs) above the block before it or below the block
 * after it; a sub-paragraph moves one place, and may so pass under another OP. Only keys change.
 * Returns false at the top or bottom.
 */
export function moveBlock(doc: Y.Doc, id: string, direction: 'up' | 'down', writer: Writer = {}): boolean {
  const paragraphs = readParagraphs(doc);
  const ids = paragraphs.map((p) => p.id);
  const kinds = paragraphs.map((p) => p.kind);
  const start = ids.indexOf(id);
  if (start < 0) return false;
  const [, end] = blockAt(kinds, start);
  let next: string[];
  if (direction === 'up') {
    if (start === 0) return false;
    let target = start - 1;
    if (kinds[start] !== 'sub') while (target > 0 && kinds[target] === 'sub') target -= 1;
    next = [...ids.slice(0, target), ...ids.slice(start, end), ...ids.slice(target, start), ...ids.slice(end)];
  } else {
    if (end >= ids.length) return false;
    const [, afterEnd] = kinds[start] === 'sub' ? [end, end + 1] : blockAt(kinds, end);
    next = [...ids.slice(0, start), ...ids.slice(end, afterEnd), ...ids.slice(start, end), ...ids.slice(afterEnd)];
  }
  doc.transact(() => arrange(doc, next, writer.random), writer.change);
  return true;
}

/** Gives paragraphs another kind: a property, so their words and identity stay as they are. */
export function setKind(doc: Y.Doc, ids: ReadonlyArray<string>, kind: BlockKind, writer: Writer = {}): void {
  doc.transact(() => {
    for (const id of ids) {
      const found = readEntryById(doc, id);
      if (found && found.kind !== kind) found.map.set('kind', kind);
    }
    arrange(doc, visibleIds(doc), writer.random);
  }, writer.change);
}

/** Tab: an OP becomes a sub-paragraph of the OP above it. Returns false where it cannot. */
export function indent(doc: Y.Doc, id: string, writer: Writer = {}): boolean {
  const paragraphs = readParagraphs(doc);
  const index = paragraphs.findIndex((p) => p.id === id);
  const previous = paragraphs[index - 1];
  if (index < 0 || paragraphs[index]!.kind !== 'op' || !previous || (previous.kind !== 'op' && previous.kind !== 'sub')) return false;
  setKind(doc, [id], 'sub', writer);
  return true;
}

/** Shift+Tab: a sub-paragraph becomes an OP. */
export function outdent(doc: Y.Doc, id: string, writer: Writer = {}): boolean {
  const found = readEntryById(doc, id);
  if (!found || found.kind !== 'sub') return false;
  setKind(doc, [id], 'op', writer);
  return true;
}

/**
 * Keeps a tombstone that holds words typed after it was deleted or merged, as an ordinary
 * paragraph where it stands: the secretariat's answer to a revived paragraph.
 */
export function keepRevived(doc: Y.Doc, id: string, writer: Writer = {}): void {
  const found = readEntryById(doc, id);
  if (!found || !found.deleted) return;
  doc.transact(() => makeLive(found), writer.change);
}
