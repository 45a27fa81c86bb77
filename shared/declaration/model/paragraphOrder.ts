import type * as Y from 'yjs';
import { compareOrder } from './orderKeys';
import { type ParagraphEntry, readEntries } from './shape';

export interface PlacedParagraph extends ParagraphEntry {
  /**
   * A tombstone that holds words: someone typed into the paragraph while another laptop deleted
   * or merged it (or, with `origin`, words brought from a converted declaration's earlier copy).
   * It is shown, flagged, until someone decides what becomes of those words.
   */
  revived: boolean;
}

/** How a shown paragraph is flagged: words typed after it was deleted or joined, words from an earlier copy, or not at all. */
export type ParagraphFlag = 'revived' | 'earlier-copy' | null;

export function flagOf(entry: ParagraphEntry): ParagraphFlag {
  if (!entry.deleted || !isVisible(entry)) return null;
  return entry.origin ?? 'revived';
}

/** Shown: every live paragraph, and a tombstone whose text is not empty (see `revived`). */
export function isVisible(entry: ParagraphEntry): boolean {
  return !entry.deleted || entry.text.length > 0;
}

/**
 * Every paragraph in reading order, tombstones included: top-level paragraphs by key, each
 * followed by its children (a sub-paragraph under its OP) by key. What peers wrote is taken as
 * it is, so the order is the same at every replica whatever they wrote: a parent that does not
 * exist puts its child at the top level, and paragraphs that are each other's parents (two
 * laptops indenting at once) are placed by their own keys. The walk is iterative, so no depth of
 * nesting a modified client writes can overflow the stack.
 */
export function orderEntries(entries: ReadonlyArray<ParagraphEntry>): ParagraphEntry[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const children = new Map<string, ParagraphEntry[]>();
  const roots: ParagraphEntry[] = [];
  for (const entry of entries) {
    if (entry.parent !== null && byId.has(entry.parent)) {
      const siblings = children.get(entry.parent);
      if (siblings) siblings.push(entry);
      else children.set(entry.parent, [entry]);
    } else {
      roots.push(entry);
    }
  }
  roots.sort(compareOrder);
  for (const siblings of children.values()) siblings.sort(compareOrder);

  const ordered: ParagraphEntry[] = [];
  const placed = new Set<string>();
  const emit = (start: ParagraphEntry) => {
    const stack: ParagraphEntry[] = [start];
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (placed.has(entry.id)) continue;
      placed.add(entry.id);
      ordered.push(entry);
      const below = children.get(entry.id);
      if (below) for (let i = below.length - 1; i >= 0; i -= 1) stack.push(below[i]!);
    }
  };
  for (const root of roots) emit(root);
  if (placed.size < entries.length) {
    // Only cycles are left: each is entered at its first paragraph by key.
    for (const entry of [...entries].sort(compareOrder)) emit(entry);
  }
  return ordered;
}

/** The paragraphs a reader sees, in reading order. */
export function readParagraphs(doc: Y.Doc): PlacedParagraph[] {
  return orderEntries(readEntries(doc))
    .filter(isVisible)
    .map((entry) => ({ ...entry, revived: entry.deleted }));
}
