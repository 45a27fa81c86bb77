import { z } from 'zod';
import * as Y from 'yjs';
import { EntityId } from './meeting';
import { ParticipantEntry } from './meetingDoc';
import { holdsSecretariatParts, type MeetingDocs, requireSecretariatDoc, SECRETARIAT_ROOTS } from './secretariatDoc';

/** Where a text stands when a version of it is saved, as a secretariat labels it. */
export const VersionStatus = z.enum(['draft', 'ad-referendum', 'final', 'adopted']);
export type VersionStatus = z.infer<typeof VersionStatus>;

/** Why a version exists: someone saved it, or Accord kept one before a change it could not undo. */
export const VersionOrigin = z.enum(['saved', 'before-restore', 'before-import', 'daily']);
export type VersionOrigin = z.infer<typeof VersionOrigin>;

export const VersionId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Not a valid version identifier.');

export const VersionLabel = z
  .string()
  .trim()
  .min(1, 'Name the version, for example “Rev.2”.')
  .max(120, 'Use at most 120 characters.');

export const VersionSummary = z.object({
  id: VersionId,
  documentId: EntityId,
  label: z.string(),
  status: VersionStatus,
  origin: VersionOrigin,
  author: ParticipantEntry,
  createdAt: z.number(),
  /** Set once the secretariat has sent the version to every participant through the meeting. */
  circulated: z.object({ at: z.number(), by: ParticipantEntry }).nullable(),
  /** Size of the stored state, so a list can say what keeping versions costs. */
  bytes: z.number().int().nonnegative(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/** Either a stored version or the document as it stands now. */
export const VersionRef = z.union([z.literal('current'), VersionId]);
export type VersionRef = z.infer<typeof VersionRef>;

/**
 * Circulated versions travel in the meeting's secretariat doc, so every participant's computer
 * receives them with the meeting (and keeps them offline), and only the secretariat can circulate.
 * Entries are immutable: written once by id.
 */
/** Where meetings written before the secretariat doc existed keep them, in the meeting doc. */
export const LEGACY_CIRCULATED = 'circulatedVersions';

export const CirculatedVersion = z.object({
  documentId: EntityId,
  label: z.string().min(1).max(120),
  status: VersionStatus,
  origin: VersionOrigin,
  author: ParticipantEntry,
  createdAt: z.number(),
  circulatedAt: z.number(),
  circulatedBy: ParticipantEntry,
  state: z.instanceof(Uint8Array),
  /** The paragraphs' statuses when the version was saved (clause id → entry), read with validation. */
  statuses: z.record(z.string(), z.unknown()).optional(),
});
export type CirculatedVersion = z.infer<typeof CirculatedVersion>;

export function circulateVersion(secretariat: Y.Doc, versionId: string, entry: CirculatedVersion): void {
  requireSecretariatDoc(secretariat);
  VersionId.parse(versionId);
  const map = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.circulated);
  if (!map.has(versionId)) map.set(versionId, CirculatedVersion.parse(entry));
}

/**
 * The well-formed circulated versions of one document (every document's, without one): the
 * secretariat doc's, or the meeting doc's for a meeting whose secretariat has not yet copied them
 * over. An entry another app version wrote badly is skipped.
 */
export function readCirculatedVersions(docs: MeetingDocs, documentId?: string): Array<CirculatedVersion & { id: string }> {
  const map = holdsSecretariatParts(docs.secretariat)
    ? docs.secretariat.getMap<unknown>(SECRETARIAT_ROOTS.circulated)
    : docs.meeting.getMap<unknown>(LEGACY_CIRCULATED);
  const found: Array<CirculatedVersion & { id: string }> = [];
  map.forEach((value, id) => {
    const parsed = CirculatedVersion.safeParse(value);
    if (parsed.success && (documentId === undefined || parsed.data.documentId === documentId) && VersionId.safeParse(id).success) {
      found.push({ ...parsed.data, id });
    }
  });
  return found.sort((a, b) => a.circulatedAt - b.circulatedAt || a.id.localeCompare(b.id));
}

/** A day as the person at this computer counts it, for "the first time a document is opened on a day". */
export function localDay(time: number, offsetMinutes: number): string {
  return new Date(time - offsetMinutes * 60_000).toISOString().slice(0, 10);
}
