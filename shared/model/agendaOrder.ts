/**
 * Fractional order keys: strings in base 36 read as fractions (0.k1k2…), compared by code unit.
 * Between any two keys there is always another, so an item is moved by giving it one new key,
 * and nothing else has to change. No key ends in '0' (0.a = 0.a0: there would be no room below).
 */

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

const KEY = /^[0-9a-z]*[1-9a-z]$/;

export function isOrderKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}

/**
 * A key strictly between `before` and `after` (null: no bound on that side). Throws unless
 * `before < after`: callers holding equal keys (two replicas that inserted at the same place)
 * must spread them out first, see `spreadKeys`.
 */
export function keyBetween(before: string | null, after: string | null): string {
  const low = before ?? '';
  if (before !== null && !isOrderKey(before)) throw new Error(`Not an order key: ${before}`);
  if (after !== null && !isOrderKey(after)) throw new Error(`Not an order key: ${after}`);
  if (after !== null && low >= after) throw new Error(`Order keys out of order: ${low} ≥ ${after}`);
  return midpoint(low, after);
}

/** `a` < `b`; `a` may be '' (zero), `b` null (one). Shortest key between them, rounded to the middle. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // A shared prefix stays; the key is found among the digits after it.
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n += 1;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]!) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]!) : BASE;
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)]!;
  // Adjacent first digits: `b`'s first digit alone is between them when `b` goes on after it;
  // otherwise keep `a`'s first digit and look for room after it.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

/** `count` increasing keys, evenly spread, for giving a whole day fresh keys. */
export function spreadKeys(count: number): string[] {
  const keys: string[] = [];
  // As few digits as leave at least one free slot between neighbours.
  let width = 1;
  while (BASE ** width - 1 < 2 * count + 1) width += 1;
  const slots = BASE ** width - 1;
  for (let i = 1; i <= count; i += 1) {
    const value = Math.round((i * slots) / (count + 1));
    let key = value.toString(BASE).padStart(width, '0');
    key = key.replace(/0+$/, '');
    keys.push(key);
  }
  return keys;
}
