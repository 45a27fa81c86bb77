import * as Y from 'yjs';
import type { TextAttributes } from './shape';

/** A stretch of a paragraph's text whose characters share their attributes. */
export interface Run {
  text: string;
  attributes: TextAttributes;
}

/**
 * Stands in for anything in a Y.Text that is not a string (an embed a peer wrote): one character,
 * as Yjs counts it, so offsets read here match Yjs's own.
 */
export const EMBED = '\uFFFC';

/** Attributes without the keys that mean "not set". */
export function cleanAttributes(attributes: TextAttributes | null | undefined): TextAttributes {
  const clean: TextAttributes = {};
  if (!attributes) return clean;
  for (const [key, value] of Object.entries(attributes)) if (value !== null && value !== undefined && value !== false) clean[key] = value;
  return clean;
}

export function sameAttributes(a: TextAttributes, b: TextAttributes): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => key in b && a[key] === b[key]);
}

export function readRuns(text: Y.Text): Run[] {
  const runs: Run[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: TextAttributes }>) {
    const piece = typeof op.insert === 'string' ? op.insert : EMBED;
    pushRun(runs, { text: piece, attributes: cleanAttributes(op.attributes) });
  }
  return runs;
}

/** Appends a run, merging it into the last one when their attributes are the same. */
export function pushRun(runs: Run[], run: Run): void {
  if (run.text === '') return;
  const last = runs.at(-1);
  if (last && sameAttributes(last.attributes, run.attributes)) last.text += run.text;
  else runs.push({ text: run.text, attributes: { ...run.attributes } });
}

export function runsText(runs: ReadonlyArray<Run>): string {
  return runs.map((run) => run.text).join('');
}

/** The runs covering characters [from, to). */
export function sliceRuns(runs: ReadonlyArray<Run>, from: number, to: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const run of runs) {
    const end = at + run.text.length;
    if (end > from && at < to) pushRun(out, { text: run.text.slice(Math.max(0, from - at), Math.min(run.text.length, to - at)), attributes: run.attributes });
    at = end;
    if (at >= to) break;
  }
  return out;
}

/** Inserts runs at `index`, each with exactly its own attributes (none inherited from its neighbours). */
export function insertRuns(text: Y.Text, index: number, runs: ReadonlyArray<Run>): void {
  let at = index;
  for (const run of runs) {
    if (run.text === '') continue;
    text.insert(at, run.text, { ...run.attributes });
    at += run.text.length;
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Makes a Y.Text hold `wanted` with as small a change as can be found cheaply: characters both
 * share at the start and at the end stay the same items (so what others type among them at the
 * same time stays where they typed it), only the stretch between is deleted and inserted, and
 * attributes that differ on the shared characters are set in place. Formatting words, bracketing
 * them or typing a letter therefore never deletes and re-inserts words.
 *
 * Where the same letters repeat, several stretches would explain the change ("ab" typed before
 * "ab"). `cursor`, the caret's offset in `wanted` after the edit, picks the one the user made:
 * the change ends at the caret. Without it, another stretch could be chosen, and words a peer
 * deletes meanwhile around it would take part of the new words with them.
 *
 * `keepEnd: false` shares nothing at the end: everything after the shared start is written anew.
 * For a paragraph that took in the words of paragraphs joined to it, whose end may happen to read
 * like its own old end: those words must be new characters, not its old ones.
 * Returns whether anything changed.
 */
export function applyRuns(text: Y.Text, wanted: ReadonlyArray<Run>, cursor?: number, { keepEnd = true }: { keepEnd?: boolean } = {}): boolean {
  const current = readRuns(text);
  const have = runsText(current);
  const want = runsText(wanted);
  const shortest = Math.min(have.length, want.length);
  let prefix = 0;
  let suffix = 0;
  const matchSuffix = (limit: number) => {
    while (keepEnd && suffix < limit && have.charCodeAt(have.length - 1 - suffix) === want.charCodeAt(want.length - 1 - suffix)) suffix += 1;
  };
  const matchPrefix = (limit = shortest) => {
    while (prefix < Math.min(limit, shortest - suffix) && have.charCodeAt(prefix) === want.charCodeAt(prefix)) prefix += 1;
  };
  if (!keepEnd) {
    matchPrefix(cursor !== undefined && cursor >= 0 ? cursor : shortest);
  } else if (cursor !== undefined && cursor >= 0 && cursor <= want.length) {
    // The shared end stops at the caret: what was typed or deleted lies just before it.
    matchSuffix(Math.min(shortest, want.length - cursor));
    matchPrefix();
  } else {
    matchPrefix();
    matchSuffix(shortest - prefix);
  }
  // Never cut a surrogate pair: Yjs would have to split one character in two.
  if (prefix > 0 && prefix < shortest && isHighSurrogate(have.charCodeAt(prefix - 1))) prefix -= 1;
  if (suffix > 0 && suffix < shortest - prefix && isLowSurrogate(have.charCodeAt(have.length - suffix))) suffix -= 1;

  let changed = false;
  const removed = have.length - prefix - suffix;
  const added = sliceRuns(wanted, prefix, want.length - suffix);
  if (removed > 0) {
    text.delete(prefix, removed);
    changed = true;
  }
  if (added.length > 0) {
    insertRuns(text, prefix, added);
    changed = true;
  }
  // The shared stretches: the same characters, perhaps with other attributes.
  changed = formatToMatch(text, 0, sliceRuns(current, 0, prefix), sliceRuns(wanted, 0, prefix)) || changed;
  const tailAt = want.length - suffix;
  changed = formatToMatch(text, tailAt, sliceRuns(current, have.length - suffix, have.length), sliceRuns(wanted, tailAt, want.length)) || changed;
  return changed;
}

/** Sets, at `offset`, the attributes of `wanted` over characters that now carry those of `current`. */
function formatToMatch(text: Y.Text, offset: number, current: ReadonlyArray<Run>, wanted: ReadonlyArray<Run>): boolean {
  let changed = false;
  let i = 0;
  let j = 0;
  let usedI = 0;
  let usedJ = 0;
  let at = offset;
  while (i < current.length && j < wanted.length) {
    const a = current[i]!;
    const b = wanted[j]!;
    const length = Math.min(a.text.length - usedI, b.text.length - usedJ);
    if (!sameAttributes(a.attributes, b.attributes)) {
      const patch: TextAttributes = {};
      for (const key of Object.keys(a.attributes)) if (!(key in b.attributes)) patch[key] = null;
      for (const [key, value] of Object.entries(b.attributes)) if (a.attributes[key] !== value) patch[key] = value;
      text.format(at, length, patch);
      changed = true;
    }
    at += length;
    usedI += length;
    usedJ += length;
    if (usedI === a.text.length) {
      i += 1;
      usedI = 0;
    }
    if (usedJ === b.text.length) {
      j += 1;
      usedJ = 0;
    }
  }
  return changed;
}

/** A fresh Y.Text holding `runs`, to put into a paragraph entry before it is integrated. */
export function textOf(runs: ReadonlyArray<Run>): Y.Text {
  const text = new Y.Text();
  let at = 0;
  for (const run of runs) {
    if (run.text === '') continue;
    text.insert(at, run.text, { ...run.attributes });
    at += run.text.length;
  }
  return text;
}
