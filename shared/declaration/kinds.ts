import { z } from 'zod';

/**
 * The anatomy of a declaration, in reading order. Every paragraph of a declaration has one of
 * these kinds (or is plain text); numbering, lead-word italics and export all follow from it.
 */
export const ClauseKind = z.enum(['title', 'opening', 'pp', 'operative-opening', 'op', 'sub', 'adoption']);
export type ClauseKind = z.infer<typeof ClauseKind>;

export const clauseKinds: ReadonlyArray<ClauseKind> = ClauseKind.options;

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

/** Each paragraph's negotiation status; the secretariat moves it along. */
export const ClauseStatus = z.enum(['pending', 'ad-referendum', 'agreed']);
export type ClauseStatus = z.infer<typeof ClauseStatus>;
