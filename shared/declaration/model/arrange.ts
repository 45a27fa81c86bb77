import type * as Y from 'yjs';
import { compareOrder, keysBetween } from './orderKeys';
import { type ParagraphEntry, readEntries, UNORDERED } from './shape';

interface Item {
  entry: ParagraphEntry;
  keep: boolean;
}

/**
 * Makes the paragraphs read in the order `desired` (every paragraph to be shown, in reading order)
 * with as few writes as possible: a sub-paragraph belongs to the OP it follows, and among the
 * paragraphs of one parent only those that are out of place get a new key, between their new
 * neighbours. A move therefore rewrites one key, and what other laptops insert or move meanwhile
 * keeps its own keys. Paragraphs not in `desired` (tombstones) are left as they are.
 */
export function arrange(doc: Y.Doc, desired: ReadonlyArray<string>, random?: () => number): void {
  const entries = new Map(readEntries(doc).map((entry) => [entry.id, entry]));
  const groups = new Map<string | null, ParagraphEntry[]>();
  let top: ParagraphEntry | null = null;
  const seen = new Set<string>();
  for (const id of desired) {
    const entry = entries.get(id);
    if (!entry || seen.has(id)) continue;
    seen.add(id);
    let parent: string | null = null;
    if (entry.kind === 'sub' && top?.kind === 'op') parent = top.id;
    else top = entry;
    const group = groups.get(parent);
    if (group) group.push(entry);
    else groups.set(parent, [entry]);
  }
  for (const [parent, siblings] of groups) placeSiblings(parent, siblings, random);
}

function placeSiblings(parent: string | null, siblings: ReadonlyArray<ParagraphEntry>, random?: () => number): void {
  const items: Item[] = siblings.map((entry) => ({ entry, keep: entry.parent === parent && entry.order !== UNORDERED }));
  const candidates = items.filter((item) => item.keep);
  const kept = longestIncreasing(candidates, (a, b) => compareOrder(a.entry, b.entry));
  for (const item of candidates) item.keep = kept.has(item);

  let previous: string | null = null;
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    // Equal keys (a collision) cannot have a key made between them: the later one moves too.
    if (item.keep && (previous === null || item.entry.order > previous)) {
      previous = item.entry.order;
      i += 1;
      continue;
    }
    item.keep = false;
    let j = i + 1;
    while (j < items.length && (!items[j]!.keep || (previous !== null && items[j]!.entry.order <= previous))) {
      items[j]!.keep = false;
      j += 1;
    }
    const next = j < items.length ? items[j]!.entry.order : null;
    const keys = keysBetween(previous, next, j - i, random);
    for (let k = i; k < j; k += 1) {
      const { entry } = items[k]!;
      if (entry.parent !== parent) entry.map.set('parent', parent);
      entry.map.set('order', keys[k - i]!);
    }
    previous = keys.at(-1) ?? previous;
    i = j;
  }
}

/** The items of the longest subsequence already in increasing order (patience sorting, O(n log n)). */
function longestIncreasing<T>(items: ReadonlyArray<T>, compare: (a: T, b: T) => number): Set<T> {
  const tails: number[] = [];
  const previous: number[] = new Array(items.length).fill(-1);
  for (let i = 0; i < items.length; i += 1) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compare(items[tails[mid]!]!, items[i]!) < 0) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const result = new Set<T>();
  for (let at = tails.at(-1) ?? -1; at !== -1; at = previous[at]!) result.add(items[at]!);
  return result;
}
