import { z } from 'zod';
import { EntityId } from './meeting';
import { ParticipantEntry } from './meetingDoc';
import { VersionId, VersionOrigin, VersionStatus } from './versions';

/**
 * A hand-carried `.accord` file: one declaration with its versions, for a USB stick or an email
 * when two laptops cannot meet on a network. JSON, so it survives any mail system; each Yjs state
 * carries its own SHA-256, so damage is found before anything is written.
 */
export const ACCORD_FILE_FORMAT = 'accord-document';
export const ACCORD_FILE_VERSION = 1;
export const ACCORD_FILE_EXTENSION = '.accord';
/** Well above a declaration's size with its versions, well below what a window can send. */
export const MAX_ACCORD_FILE_CHARS = 48 * 1024 * 1024;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 digest');

export const AccordFileBlob = z.object({ base64: Base64, sha256: Sha256 });
export type AccordFileBlob = z.infer<typeof AccordFileBlob>;

export const AccordFileVersion = z.object({
  id: VersionId,
  label: z.string().min(1).max(120),
  status: VersionStatus,
  origin: VersionOrigin,
  author: ParticipantEntry,
  createdAt: z.number(),
  circulated: z.object({ at: z.number(), by: ParticipantEntry }).nullable(),
  state: AccordFileBlob,
  /** The paragraphs' statuses when the version was saved (clause id → entry); read with validation. */
  statuses: z.record(z.string(), z.unknown()).optional(),
});
export type AccordFileVersion = z.infer<typeof AccordFileVersion>;

export const AccordFile = z.object({
  format: z.literal(ACCORD_FILE_FORMAT),
  formatVersion: z.literal(ACCORD_FILE_VERSION),
  exportedAt: z.number(),
  exportedBy: ParticipantEntry,
  document: z.object({
    id: EntityId,
    title: z.string().min(1).max(200),
    meetingId: EntityId,
    meetingTitle: z.string().max(200),
    createdAt: z.number(),
  }),
  state: AccordFileBlob,
  versions: z.array(AccordFileVersion).max(10_000),
});
export type AccordFile = z.infer<typeof AccordFile>;

/** What an import did, for the person who chose the file. */
export const AccordImportResult = z.object({
  documentId: EntityId,
  /** The meeting the document belongs to: another than the one imported into, if it was held there already. */
  meetingId: EntityId,
  meetingTitle: z.string(),
  title: z.string(),
  /** True when the document was new here; false when the file was merged into the copy held here. */
  created: z.boolean(),
  /** Whether the text held here changed (false: it already held everything in the file). */
  changed: z.boolean(),
  versionsAdded: z.number().int().nonnegative(),
});
export type AccordImportResult = z.infer<typeof AccordImportResult>;

/** A file name that works on every desktop system, from a document's title. */
export function accordFileName(title: string): string {
  const safe = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${safe || 'Declaration'}${ACCORD_FILE_EXTENSION}`;
}
