import type { ClauseKind } from '../model/kinds';

/**
 * Adverbs and particles that belong to the lead of a clause: "*Further recognizing*",
 * "*Strongly encourage*", "*Noting with appreciation*", "*Taking note of*".
 */
const MODIFIERS = new Set([
  'also', 'further', 'furthermore', 'strongly', 'deeply', 'firmly', 'fully', 'gravely', 'highly', 'warmly',
  'once', 'again', 'hereby', 'duly', 'jointly', 'actively', 'collectively', 'continue', 'to', 'resolve',
]);
const PARTICLES = new Set(['with', 'of', 'note', 'into', 'account', 'in', 'mind', 'appreciation', 'satisfaction', 'concern']);

const WORD = /[\p{L}\p{M}'’-]+/gu;

/**
 * How many characters at the start of a paragraph are its lead words, set in italics. For PPs
 * and OPs (and sub-paragraphs) this is the opening verb or participle with the adverbs before it
 * and the fixed phrases after it ("Taking note of", "Bearing in mind"); other kinds have none.
 * Vietnamese and other scripts without these word lists get their first word, which is where
 * their lead verb stands too.
 */
export function leadWordLength(text: string, kind: ClauseKind | null): number {
  if (kind !== 'pp' && kind !== 'op' && kind !== 'sub') return 0;
  const words = [...text.matchAll(WORD)].slice(0, 6);
  const first = words[0];
  // Leading spaces or punctuation: no lead word until the paragraph starts with one.
  if (!first || first.index !== 0) return 0;
  let index = 0;
  // Adverbs before the verb, then the verb itself.
  while (index < words.length - 1 && MODIFIERS.has(words[index]![0].toLowerCase()) && contiguous(text, words, index)) index += 1;
  let end = words[index]!.index! + words[index]![0].length;
  // Fixed phrases after it ("Taking note of", "Bearing in mind"), never more than four words.
  let extra = 0;
  while (index + 1 < words.length && extra < 4 && contiguous(text, words, index) && PARTICLES.has(words[index + 1]![0].toLowerCase())) {
    index += 1;
    extra += 1;
    end = words[index]!.index! + words[index]![0].length;
  }
  return end;
}

/** Words `i` and `i + 1` are separated by spaces only (not by a comma or a bracket). */
function contiguous(text: string, words: ReadonlyArray<RegExpMatchArray>, i: number): boolean {
  const a = words[i]!;
  const b = words[i + 1];
  if (!b) return false;
  return /^[ \u00a0]+$/.test(text.slice(a.index! + a[0].length, b.index!));
}
