import * as Y from 'yjs';
import { BlockKind } from '../../model/kinds';

export { BlockKind, clauseKindOf } from '../../model/kinds';

/**
 * The shape of a declaration in its Y.Doc, built so that no merge loses a word (why:
 * shared/notes/merge-model.md and design.md, "Data"). Yjs keeps text typed into a range someone
 * else deletes; it only drops text whose *container* is deleted. So nothing here ever deletes a
 * container that holds text:
 *
 *   paragraphs: Y.Map  id → Y.Map {
 *     text:    Y.Text    the paragraph's words, formatting, brackets, comments and blanks as
 *                        attributes of its characters (see TextAttributes below)
 *     kind:    BlockKind a property: changing it replaces nothing
 *     parent:  id | null a sub-paragraph's OP; everything else is top level
 *     order:   string    a fractional key among the paragraph's siblings (orderKeys.ts): a move
 *                        changes it, and concurrent inserts never rewrite anyone else's
 *     deleted: boolean   a tombstone: a deleted or merged paragraph stays, emptied, so that words
 *                        another delegation typed into it meanwhile are still there to show
 *     mergedInto?: id    the paragraph a join moved its words into, for the message about them
 *     origin?: 'earlier-copy'  words brought from the earlier copy of a converted declaration,
 *                        shown flagged (as a tombstone with words) until someone keeps them
 *   }
 *   brackets: Y.Map  bracketId → Y.Map  alternativeId → proposers (string[])
 *
 * Everything is read as untrusted: a peer (or a modified client) may write anything, and a value
 * of the wrong type reads as a harmless default, never as an exception.
 */
export const PARAGRAPHS = 'paragraphs';
export const BRACKETS = 'brackets';

/**
 * Attributes a paragraph's characters carry in its Y.Text:
 * - `bold`, `italic`, `underline`, … (Lexical's text format names): `true`;
 * - `bracket`: `"<bracketId>/<alternativeId>"`, the wording of a bracket the character belongs to,
 *   so words typed inside a bracket stay inside it;
 * - `comment:<threadId>`: `true`, one key per thread, so overlapping comments compose;
 * - `field`: an id, for a template's blank (`{{target year}}`) still to be filled.
 */
export type TextAttributes = Record<string, unknown>;
export const BRACKET_ATTRIBUTE = 'bracket';
export const FIELD_ATTRIBUTE = 'field';
export const COMMENT_PREFIX = 'comment:';

export function bracketAttribute(bracketId: string, alternativeId: string): string {
  return `${bracketId}/${alternativeId}`;
}

export function parseBracketAttribute(value: unknown): { bracketId: string; alternativeId: string } | null {
  if (typeof value !== 'string') return null;
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return null;
  return { bracketId: value.slice(0, slash), alternativeId: value.slice(slash + 1) };
}

export function commentAttribute(threadId: string): string {
  return `${COMMENT_PREFIX}${threadId}`;
}

/** Thread ids of the comments a run of text is under. */
export function commentsOf(attributes: TextAttributes | undefined): string[] {
  if (!attributes) return [];
  return Object.keys(attributes)
    .filter((key) => key.startsWith(COMMENT_PREFIX) && attributes[key] !== null && attributes[key] !== false)
    .map((key) => key.slice(COMMENT_PREFIX.length))
    .sort();
}

/** A key that sorts after every key orderKeys.ts makes: where a paragraph with a broken key goes. */
export const UNORDERED = '~';

export interface ParagraphEntry {
  id: string;
  map: Y.Map<unknown>;
  text: Y.Text;
  kind: BlockKind;
  parent: string | null;
  order: string;
  deleted: boolean;
  mergedInto: string | null;
  origin: 'earlier-copy' | null;
}

/** The map of paragraphs, creating nothing the doc does not already have beyond the root type. */
export function paragraphsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PARAGRAPHS);
}

export function bracketsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BRACKETS);
}

const ORDER_KEY = /^[A-Za-z][0-9A-Za-z]{0,255}$/;

/** One paragraph as stored; null when there is no text container to read (nothing to show). */
export function readEntry(id: string, value: unknown): ParagraphEntry | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const text = map.get('text');
  if (!(text instanceof Y.Text)) return null;
  const kind = BlockKind.safeParse(map.get('kind'));
  const parent = map.get('parent');
  const order = map.get('order');
  const mergedInto = map.get('mergedInto');
  const origin = map.get('origin');
  return {
    id,
    map,
    text,
    kind: kind.success ? kind.data : 'paragraph',
    parent: typeof parent === 'string' && parent !== id ? parent : null,
    order: typeof order === 'string' && ORDER_KEY.test(order) ? order : UNORDERED,
    deleted: map.get('deleted') === true,
    mergedInto: typeof mergedInto === 'string' ? mergedInto : null,
    origin: origin === 'earlier-copy' ? origin : null,
  };
}

export function readEntries(doc: Y.Doc): ParagraphEntry[] {
  const entries: ParagraphEntry[] = [];
  paragraphsOf(doc).forEach((value, id) => {
    const entry = readEntry(id, value);
    if (entry) entries.push(entry);
  });
  return entries;
}

export function readEntryById(doc: Y.Doc, id: string): ParagraphEntry | null {
  return readEntry(id, paragraphsOf(doc).get(id));
}

/** Whether the doc holds a declaration in this shape (as opposed to an older one, or nothing). */
export function hasDeclarationModel(doc: Y.Doc): boolean {
  return doc.share.has(PARAGRAPHS) && paragraphsOf(doc).size > 0;
}

/** A new, empty paragraph of this kind, marked deleted: invisible until made live. */
export function createTombstone(doc: Y.Doc, id: string, kind: BlockKind): void {
  const map = new Y.Map<unknown>();
  map.set('text', new Y.Text());
  map.set('kind', kind);
  map.set('parent', null);
  map.set('order', UNORDERED);
  map.set('deleted', true);
  paragraphsOf(doc).set(id, map);
}
