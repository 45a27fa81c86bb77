import { z } from 'zod';

/**
 * The anatomy of a declaration, in reading order. Every paragraph of a declaration has one of
 * these kinds (or is plain text); numbering, lead-word italics and export all follow from it.
 */
export const ClauseKind = z.enum(['title', 'opening', 'pp', 'operative-opening', 'op', 'sub', 'adoption']);
export type ClauseKind = z.infer<typeof ClauseKind>;

export const clauseKinds: ReadonlyArray<ClauseKind> = ClauseKind.options;

/** Blocks outside a declaration's anatomy: body text, headings, a quote, list items. */
export const PlainKind = z.enum(['paragraph', 'h1', 'h2', 'h3', 'quote', 'bullet', 'number']);
export type PlainKind = z.infer<typeof PlainKind>;

/** What any paragraph of a declaration is: a part of its anatomy, or plain text of some kind. */
export const BlockKind = z.enum([...ClauseKind.options, ...PlainKind.options]);
export type BlockKind = z.infer<typeof BlockKind>;

const clauseKindSet: ReadonlySet<string> = new Set(ClauseKind.options);

/** The part of a declaration's anatomy a block plays, or null for plain text, headings and lists. */
export function clauseKindOf(kind: BlockKind): ClauseKind | null {
  return clauseKindSet.has(kind) ? (kind as ClauseKind) : null;
}

/** What Enter at the end of a paragraph of this kind starts: the next part a drafter writes. */
export const nextKindAfter: Readonly<Record<ClauseKind, ClauseKind | null>> = {
  title: 'opening',
  opening: 'pp',
  pp: 'pp',
  'operative-opening': 'op',
  op: 'op',
  sub: 'sub',
  adoption: null,
};

/** Kinds whose first word or words are set in italics ("*Recognizing* …", "*Encourage* …"). */
export function hasLeadWords(kind: ClauseKind): boolean {
  return kind === 'pp' || kind === 'op' || kind === 'sub';
}

/** The parts negotiated one by one, each with a status of its own: preambular, operative, sub-paragraphs. */
export function isNegotiated(kind: ClauseKind | null): boolean {
  return kind === 'pp' || kind === 'op' || kind === 'sub';
}

/** Each paragraph's negotiation status; the secretariat moves it along. */
export const ClauseStatus = z.enum(['pending', 'ad-referendum', 'agreed']);
export type ClauseStatus = z.infer<typeof ClauseStatus>;
