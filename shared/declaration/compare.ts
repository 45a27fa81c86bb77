import { diffArrays, diffWordsWithSpace } from 'diff';
import { z } from 'zod';
import { ClauseKind, ClauseStatus } from '../model/kinds';
import { type DeclarationSnapshot, SnapshotAlternative, type SnapshotParagraph, type SnapshotSegment, segmentsText } from './snapshot';

/**
 * Comparing two versions of a declaration (or a version with the current text) the way
 * negotiators read a redline: paragraphs are followed by identity, so a moved paragraph shows
 * as moved rather than deleted and re-added, and changes that do not show in the words
 * (proposers, status, numbering) are spelled out as notes.
 */

export const WordChange = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type WordChange = z.infer<typeof WordChange>;

export const ParagraphSide = z.object({
  label: z.string().nullable(),
  marker: z.string().nullable(),
  kind: ClauseKind.nullable(),
  text: z.string(),
  status: ClauseStatus,
});
export type ParagraphSide = z.infer<typeof ParagraphSide>;

const Alternatives = z.array(SnapshotAlternative);

export const ChangeNote = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bracket-added'), bracketId: z.string(), alternatives: Alternatives }),
  z.object({
    type: z.literal('bracket-removed'),
    bracketId: z.string(),
    alternatives: Alternatives,
    /** The wording that now stands in the text in the bracket's place, when it can be told. */
    keptText: z.string().nullable(),
  }),
  z.object({ type: z.literal('alternatives-changed'), bracketId: z.string(), before: Alternatives, after: Alternatives }),
  z.object({
    type: z.literal('proposers-changed'),
    bracketId: z.string(),
    text: z.string(),
    before: z.array(z.string()),
    after: z.array(z.string()),
  }),
  z.object({ type: z.literal('status-changed'), before: ClauseStatus, after: ClauseStatus }),
  z.object({ type: z.literal('kind-changed'), before: ClauseKind.nullable(), after: ClauseKind.nullable() }),
  z.object({ type: z.literal('renumbered'), before: z.string(), after: z.string() }),
]);
export type ChangeNote = z.infer<typeof ChangeNote>;

export const ParagraphComparison = z.object({
  change: z.enum(['unchanged', 'edited', 'added', 'removed']),
  moved: z.boolean(),
  before: ParagraphSide.nullable(),
  after: ParagraphSide.nullable(),
  words: z.array(WordChange),
  notes: z.array(ChangeNote),
});
export type ParagraphComparison = z.infer<typeof ParagraphComparison>;

const Count = z.number().int().nonnegative();

export const DeclarationComparison = z.object({
  paragraphs: z.array(ParagraphComparison),
  /** `moved` overlaps the others: a moved paragraph is also counted as edited or unchanged. */
  counts: z.object({ added: Count, removed: Count, edited: Count, moved: Count, unchanged: Count }),
});
export type DeclarationComparison = z.infer<typeof DeclarationComparison>;

/** Below this word overlap, two paragraphs without a shared identity count as different ones. */
const SIMILAR_ENOUGH = 0.5;
/** Among equally similar candidates, a paragraph of the same kind is the likelier counterpart. */
const SAME_KIND_BONUS = 0.1;

type Pair = { before: number; after: number };

export function compareDeclarations(before: DeclarationSnapshot, after: DeclarationSnapshot): DeclarationComparison {
  const old = before.paragraphs;
  const now = after.paragraphs;
  const pairs = alignParagraphs(old, now);
  const moved = movedPairs(pairs);
  const counterpart = new Map(pairs.map((pair) => [pair.after, pair.before]));

  const entries = now.map((paragraph, index): ParagraphComparison => {
    const was = counterpart.get(index);
    return was === undefined ? added(paragraph) : matched(old[was]!, paragraph, moved.has(was));
  });
  const paragraphs = withRemoved(entries, old, pairs, moved);
  return { paragraphs, counts: countChanges(paragraphs) };
}

/** Pairs each paragraph of `before` with its counterpart in `after`, if it has one. */
function alignParagraphs(before: ReadonlyArray<SnapshotParagraph>, after: ReadonlyArray<SnapshotParagraph>): Pair[] {
  const pairs = pairByIdentity(before, after);
  const takenBefore = new Set(pairs.map((pair) => pair.before));
  const takenAfter = new Set(pairs.map((pair) => pair.after));
  const restBefore = before.map((_, index) => index).filter((index) => !takenBefore.has(index));
  const restAfter = after.map((_, index) => index).filter((index) => !takenAfter.has(index));
  return [...pairs, ...pairBySimilarity(before, after, restBefore, restAfter)];
}

function pairByIdentity(before: ReadonlyArray<SnapshotParagraph>, after: ReadonlyArray<SnapshotParagraph>): Pair[] {
  const byId = new Map<string, number[]>();
  before.forEach(({ clauseId }, index) => {
    if (clauseId !== null) byId.set(clauseId, [...(byId.get(clauseId) ?? []), index]);
  });
  const pairs: Pair[] = [];
  after.forEach(({ clauseId }, index) => {
    // A duplicated id (a paste another app version let through) pairs first with first.
    const was = clauseId === null ? undefined : byId.get(clauseId)?.shift();
    if (was !== undefined) pairs.push({ before: was, after: index });
  });
  return pairs;
}

/**
 * Plain paragraphs have no identity, and a paragraph deleted and typed again gets a new one:
 * those still count as the same paragraph edited when most of their words are shared. Greedy,
 * best match first; ties go to the pair nearest in position.
 */
function pairBySimilarity(
  before: ReadonlyArray<SnapshotParagraph>,
  after: ReadonlyArray<SnapshotParagraph>,
  restBefore: ReadonlyArray<number>,
  restAfter: ReadonlyArray<number>,
): Pair[] {
  const wordsAfter = new Map(restAfter.map((index) => [index, wordSet(after[index]!.text)]));
  const candidates: Array<Pair & { rank: number; distance: number }> = [];
  for (const i of restBefore) {
    const words = wordSet(before[i]!.text);
    for (const j of restAfter) {
      const score = similarity(before[i]!.text, after[j]!.text, words, wordsAfter.get(j)!);
      if (score < SIMILAR_ENOUGH) continue;
      const bonus = before[i]!.kind === after[j]!.kind ? SAME_KIND_BONUS : 0;
      candidates.push({ before: i, after: j, rank: score + bonus, distance: Math.abs(i - j) });
    }
  }
  candidates.sort((a, b) => b.rank - a.rank || a.distance - b.distance);
  const takenBefore = new Set<number>();
  const takenAfter = new Set<number>();
  const pairs: Pair[] = [];
  for (const candidate of candidates) {
    if (takenBefore.has(candidate.before) || takenAfter.has(candidate.after)) continue;
    takenBefore.add(candidate.before);
    takenAfter.add(candidate.after);
    pairs.push({ before: candidate.before, after: candidate.after });
  }
  return pairs;
}

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard overlap of the two paragraphs' words; identical texts (even empty ones) are alike. */
function similarity(a: string, b: string, wordsA: ReadonlySet<string>, wordsB: ReadonlySet<string>): number {
  if (a.trim() === b.trim()) return 1;
  if (wordsA.size === 0 || wordsB.size === 0) return 0;
  let shared = 0;
  for (const word of wordsA) if (wordsB.has(word)) shared += 1;
  return shared / (wordsA.size + wordsB.size - shared);
}

/**
 * The paragraphs that kept their order relative to each other are the longest common
 * subsequence of the two orders; the others are the ones that moved. Returns `before` indices.
 */
function movedPairs(pairs: ReadonlyArray<Pair>): Set<number> {
  const beforeOrder = pairs.map((pair) => pair.before).sort((a, b) => a - b);
  const afterOrder = [...pairs].sort((a, b) => a.after - b.after).map((pair) => pair.before);
  const moved = new Set<number>();
  for (const part of diffArrays(beforeOrder, afterOrder)) {
    if (part.added) for (const index of part.value) moved.add(index);
  }
  return moved;
}

function side(paragraph: SnapshotParagraph): ParagraphSide {
  const { label, marker, kind, text, status } = paragraph;
  return { label, marker, kind, text, status };
}

function added(paragraph: SnapshotParagraph): ParagraphComparison {
  return {
    change: 'added',
    moved: false,
    before: null,
    after: side(paragraph),
    words: whole('insert', paragraph.text),
    // Who proposed the brackets of a new paragraph does not show in its words.
    notes: bracketNotes(null, paragraph),
  };
}

function removed(paragraph: SnapshotParagraph): ParagraphComparison {
  return { change: 'removed', moved: false, before: side(paragraph), after: null, words: whole('delete', paragraph.text), notes: [] };
}

function matched(before: SnapshotParagraph, after: SnapshotParagraph, moved: boolean): ParagraphComparison {
  const notes = [...paragraphNotes(before, after), ...bracketNotes(before, after)];
  const edited = before.text !== after.text || notes.some((note) => note.type !== 'renumbered');
  return { change: edited ? 'edited' : 'unchanged', moved, before: side(before), after: side(after), words: wordChanges(before.text, after.text), notes };
}

function whole(op: WordChange['op'], text: string): WordChange[] {
  return text === '' ? [] : [{ op, text }];
}

export function wordChanges(before: string, after: string): WordChange[] {
  const changes: WordChange[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    if (part.value === '') continue;
    const op = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const last = changes.at(-1);
    if (last?.op === op) last.text += part.value;
    else changes.push({ op, text: part.value });
  }
  return changes;
}

function paragraphNotes(before: SnapshotParagraph, after: SnapshotParagraph): ChangeNote[] {
  const notes: ChangeNote[] = [];
  if (before.label !== null && after.label !== null && before.label !== after.label) {
    notes.push({ type: 'renumbered', before: before.label, after: after.label });
  }
  if (before.kind !== after.kind) notes.push({ type: 'kind-changed', before: before.kind, after: after.kind });
  if (before.status !== after.status) notes.push({ type: 'status-changed', before: before.status, after: after.status });
  return notes;
}

type BracketSegment = Extract<SnapshotSegment, { type: 'bracket' }>;

function bracketsOf(paragraph: SnapshotParagraph | null): BracketSegment[] {
  return (paragraph?.segments ?? []).filter((segment): segment is BracketSegment => segment.type === 'bracket');
}

/** Brackets are followed by their id: added, agreed or dropped, re-worded, re-proposed. */
function bracketNotes(before: SnapshotParagraph | null, after: SnapshotParagraph): ChangeNote[] {
  const was = new Map(bracketsOf(before).map((bracket) => [bracket.bracketId, bracket]));
  const now = bracketsOf(after);
  const notes: ChangeNote[] = [];
  for (const bracket of now) {
    const previous = was.get(bracket.bracketId);
    if (!previous) notes.push({ type: 'bracket-added', bracketId: bracket.bracketId, alternatives: bracket.alternatives });
    else notes.push(...alternativeNotes(previous, bracket));
  }
  const stillThere = new Set(now.map((bracket) => bracket.bracketId));
  for (const bracket of bracketsOf(before)) {
    if (stillThere.has(bracket.bracketId)) continue;
    notes.push({ type: 'bracket-removed', bracketId: bracket.bracketId, alternatives: bracket.alternatives, keptText: keptWording(before!, bracket, after.text) });
  }
  return notes;
}

function alternativeNotes(before: BracketSegment, after: BracketSegment): ChangeNote[] {
  const notes: ChangeNote[] = [];
  const wordings = (bracket: BracketSegment) => bracket.alternatives.map((alternative) => alternative.text).join('\u0000');
  if (wordings(before) !== wordings(after)) {
    notes.push({ type: 'alternatives-changed', bracketId: after.bracketId, before: before.alternatives, after: after.alternatives });
  }
  // Alternatives have no identity in a snapshot: the same wording is the same alternative.
  const unmatched = [...before.alternatives];
  for (const alternative of after.alternatives) {
    const at = unmatched.findIndex((candidate) => candidate.text === alternative.text);
    if (at === -1) continue;
    const [previous] = unmatched.splice(at, 1);
    if (!sameProposers(previous!.proposers, alternative.proposers)) {
      notes.push({ type: 'proposers-changed', bracketId: after.bracketId, text: alternative.text, before: previous!.proposers, after: alternative.proposers });
    }
  }
  return notes;
}

/** Proposers are a set: listing the same delegations in another order changes nothing. */
function sameProposers(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  const sorted = (list: ReadonlyArray<string>) => [...new Set(list)].sort().join('\u0000');
  return sorted(a) === sorted(b);
}

/**
 * Which alternative an agreement kept: the paragraph as it was, with the bracket replaced by
 * that wording, is closest to the paragraph as it is now. Dropping the words altogether is a
 * candidate too, so a wording that merely occurs elsewhere in the text is not claimed as kept.
 * Null when no wording wins outright.
 */
function keptWording(before: SnapshotParagraph, bracket: BracketSegment, afterText: string): string | null {
  const wordings = [...new Set(bracket.alternatives.map((alternative) => alternative.text))].filter(
    (text) => text.trim() !== '' && afterText.includes(text),
  );
  if (wordings.length === 0) return null;
  const scored = ['', ...wordings].map((wording) => {
    const segments = before.segments.map((segment): SnapshotSegment =>
      segment.type === 'bracket' && segment.bracketId === bracket.bracketId ? { type: 'text', text: wording } : segment,
    );
    return { wording, score: sharedLength(segmentsText(segments), afterText) };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, runnerUp] = scored;
  if (!best || best.wording === '' || (runnerUp && runnerUp.score === best.score)) return null;
  return best.wording;
}

function sharedLength(a: string, b: string): number {
  return wordChanges(a, b).reduce((length, change) => length + (change.op === 'equal' ? change.text.length : 0), 0);
}

/**
 * Puts each removed paragraph where it stood: just after the nearest paragraph before it that is
 * still there and did not move (a moved one has taken its neighbours' place elsewhere).
 */
function withRemoved(
  entries: ParagraphComparison[],
  before: ReadonlyArray<SnapshotParagraph>,
  pairs: ReadonlyArray<Pair>,
  moved: ReadonlySet<number>,
): ParagraphComparison[] {
  const afterOf = new Map(pairs.map((pair) => [pair.before, pair.after]));
  const removedAfter = new Map<number, ParagraphComparison[]>();
  let anchor = -1;
  before.forEach((paragraph, index) => {
    const at = afterOf.get(index);
    if (at === undefined) removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), removed(paragraph)]);
    else if (!moved.has(index)) anchor = at;
  });
  return [...(removedAfter.get(-1) ?? []), ...entries.flatMap((entry, index) => [entry, ...(removedAfter.get(index) ?? [])])];
}

function countChanges(paragraphs: ReadonlyArray<ParagraphComparison>): DeclarationComparison['counts'] {
  const counts = { added: 0, removed: 0, edited: 0, moved: 0, unchanged: 0 };
  for (const paragraph of paragraphs) {
    counts[paragraph.change] += 1;
    if (paragraph.moved) counts.moved += 1;
  }
  return counts;
}
