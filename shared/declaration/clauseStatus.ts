import type * as Y from 'yjs';
import { z } from 'zod';
import { ParticipantEntry as Actor } from '../model/meetingDoc';
import { ClauseStatus } from './kinds';

/**
 * Each paragraph's status, keyed by its clause id, beside the text rather than in it: a status
 * set by the secretariat survives any edit, move or undo of the paragraph's words, and two
 * settings made at once resolve to one (the later write) at every peer.
 */
export const STATUSES = 'clauseStatus';

export const ClauseStatusEntry = z.object({ status: ClauseStatus, by: Actor, at: z.number() });
export type ClauseStatusEntry = z.infer<typeof ClauseStatusEntry>;

export function setClauseStatus(doc: Y.Doc, clauseId: string, entry: ClauseStatusEntry): void {
  doc.getMap<unknown>(STATUSES).set(clauseId, ClauseStatusEntry.parse(entry));
}

/** Back to pending, as a paragraph nobody has set a status on (a restored version may say so). */
export function clearClauseStatus(doc: Y.Doc, clauseId: string): void {
  doc.getMap<unknown>(STATUSES).delete(clauseId);
}

export function readClauseStatuses(doc: Y.Doc): Map<string, ClauseStatusEntry> {
  const statuses = new Map<string, ClauseStatusEntry>();
  doc.getMap<unknown>(STATUSES).forEach((value, clauseId) => {
    const parsed = ClauseStatusEntry.safeParse(value);
    if (parsed.success) statuses.set(clauseId, parsed.data);
  });
  return statuses;
}

/** A paragraph nobody has set a status on is pending. */
export function statusOf(statuses: ReadonlyMap<string, ClauseStatusEntry>, clauseId: string | null): ClauseStatusEntry['status'] {
  return (clauseId && statuses.get(clauseId)?.status) || 'pending';
}

export function observeClauseStatuses(doc: Y.Doc, listener: () => void): () => void {
  const map = doc.getMap<unknown>(STATUSES);
  map.observe(listener);
  return () => map.unobserve(listener);
}
