import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { UNORDERED } from './shape';

/** How many candidate keys a new key is drawn from: two laptops inserting at one place at once pick the same key once in this many. */
const JITTER = 16;

/** Sort order of siblings: by key, then by id, so equal keys (a rare collision) still order the same everywhere. */
export function compareOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A key fractional-indexing can work from; another version or a peer may have written anything. */
function usable(key: string | null): string | null {
  if (key === null || key === UNORDERED) return null;
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return null;
  }
}

/**
 * `count` keys strictly between `before` and `after` (null: open end), in order, chosen at random
 * among close candidates so that concurrent inserts at the same place rarely collide. A collision
 * is harmless: ids break the tie, and the next insert there moves past it. A bound that cannot be
 * used (unreadable, or not below the other) is dropped, so a key is always produced.
 */
export function keysBetween(before: string | null, after: string | null, count: number, random: () => number = Math.random): string[] {
  if (count <= 0) return [];
  const low = usable(before);
  let high = usable(after);
  if (low !== null && high !== null && low >= high) high = null;
  const candidates = generateNKeysBetween(low, high, count * JITTER);
  const start = Math.min(JITTER - 1, Math.floor(random() * JITTER));
  return Array.from({ length: count }, (_, i) => candidates[i * JITTER + start]!);
}

export function keyBetween(before: string | null, after: string | null, random?: () => number): string {
  return keysBetween(before, after, 1, random)[0]!;
}
