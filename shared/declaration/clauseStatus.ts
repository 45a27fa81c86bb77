import type * as Y from 'yjs';
import { z } from 'zod';
import { ParticipantEntry as Actor } from '../model/meetingDoc';
import { SECRETARIAT_ROOTS } from '../model/secretariatDoc';
import { ClauseStatus } from '../model/kinds';
import { fingerprintOf } from './model/declarationView';

/**
 * Each paragraph's negotiation status, set by the secretariat and kept where only the secretariat
 * writes (the meeting's secretariat doc, shared/model/secretariatDoc.ts), beside the text rather
 * than in it: a status survives any edit, move or undo of the paragraph's words, and the hub
 * refuses it from anyone else. One flat key per document and paragraph, so two laptops never
 * race to create a container. A status records the fingerprint of the words it was given for:
 * once the words change, the paragraph reads as pending again ("changed since agreed").
 */
export const STATUSES = SECRETARIAT_ROOTS.statuses;

/** Where declarations written before the secretariat's doc kept their statuses: in their own doc. */
export const LEGACY_STATUSES = 'clauseStatus';

export const ClauseStatusEntry = z.object({
  status: ClauseStatus,
  by: Actor,
  at: z.number(),
  /** fingerprintOf() the paragraph as read when the status was set; null only for "pending". */
  fingerprint: z.string().max(100).nullable().catch(null),
});
export type ClauseStatusEntry = z.infer<typeof ClauseStatusEntry>;

function statusKey(documentId: string, clauseId: string): string {
  return `${documentId}/${clauseId}`;
}

function statusesOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(STATUSES);
}

export function setClauseStatus(doc: Y.Doc, documentId: string, clauseId: string, entry: ClauseStatusEntry): void {
  statusesOf(doc).set(statusKey(documentId, clauseId), ClauseStatusEntry.parse(entry));
}

/** Back to pending, as a paragraph nobody has set a status on (a restored version may say so). */
export function clearClauseStatus(doc: Y.Doc, documentId: string, clauseId: string): void {
  statusesOf(doc).delete(statusKey(documentId, clauseId));
}

/** The statuses of one document's paragraphs, by paragraph id. Entries that cannot be read are skipped. */
export function readClauseStatuses(doc: Y.Doc, documentId: string): Map<string, ClauseStatusEntry> {
  const statuses = new Map<string, ClauseStatusEntry>();
  const prefix = `${documentId}/`;
  statusesOf(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return;
    const parsed = ClauseStatusEntry.safeParse(value);
    if (parsed.success) statuses.set(key.slice(prefix.length), parsed.data);
  });
  return statuses;
}

export interface EffectiveStatus {
  status: ClauseStatus;
  /** Agreed (or agreed ad referendum) on words that have changed since: it counts as pending. */
  changedSinceAgreed: boolean;
  entry: ClauseStatusEntry | null;
}

/** What a paragraph's status is now, given its words as read (declarationView's `text`). */
export function effectiveStatus(entry: ClauseStatusEntry | undefined, text: string): EffectiveStatus {
  if (!entry || entry.status === 'pending') return { status: 'pending', changedSinceAgreed: false, entry: entry ?? null };
  if (entry.fingerprint !== fingerprintOf(text)) return { status: 'pending', changedSinceAgreed: true, entry };
  return { status: entry.status, changedSinceAgreed: false, entry };
}

/** A paragraph nobody has set a status on, or whose words changed since, is pending. */
export function statusOf(statuses: ReadonlyMap<string, ClauseStatusEntry>, clauseId: string | null, text: string): ClauseStatus {
  return clauseId ? effectiveStatus(statuses.get(clauseId), text).status : 'pending';
}

export function observeClauseStatuses(doc: Y.Doc, listener: () => void): () => void {
  const map = statusesOf(doc);
  map.observe(listener);
  return () => map.unobserve(listener);
}
