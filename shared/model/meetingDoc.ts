import { z } from 'zod';
import * as Y from 'yjs';
import { Role } from './invitation';
import { DocumentKind, EntityId, type MeetingInput, MeetingSummary } from './meeting';
import { Language } from './settings';
import { holdsSecretariatParts, markSecretariatDoc, type MeetingDocs, requireSecretariatDoc, SECRETARIAT_ROOTS } from './secretariatDoc';

/**
 * A meeting's particulars and its lists of documents, split between its two docs (see
 * secretariatDoc.ts): the particulars and the official documents in the secretariat's doc, the
 * documents delegations create themselves and the participants in the meeting's doc. Reads
 * validate, because a doc may have been written by another app version or a peer: a malformed
 * entry is skipped, never trusted.
 */

/** Where meetings written before the secretariat doc existed keep their particulars, in the meeting doc. */
export const LEGACY_META = 'meta';
/**
 * The meeting doc's list of documents: every document of a meeting written before the secretariat
 * doc existed (entries without a delegation), and since then those delegations create themselves.
 */
export const MEETING_DOCUMENTS = 'documents';

/**
 * Documents a meeting holds on a hub, and that an app keeps linked to it: the lists are written by
 * participants, so a list naming thousands must not make every laptop open thousands of rooms.
 */
export const MAX_MEETING_DOCUMENTS = 200;

export interface MeetingDocumentEntry {
  id: string;
  kind: DocumentKind;
  title: string;
  createdAt: number;
  /** The delegation that listed it in the meeting doc; null for the secretariat's and legacy entries. */
  delegation: string | null;
  /** The language its text is written in, which its exports print in; null where none was set (legacy). */
  language: Language | null;
  /** Its symbol ("ASCN/8/DECL/Rev.2") and distribution ("General"), printed on every page; null if not set. */
  symbol: string | null;
  distribution: string | null;
  archived: boolean;
}

/** A document's symbol or distribution line, as the secretariat types it. */
export const DocumentReference = z.string().trim().max(60, 'Use at most 60 characters.');

/** What can change in how a meeting lists a document. */
export interface DocumentListingChange {
  title?: string;
  language?: Language;
  /** Empty clears it. */
  symbol?: string;
  distribution?: string;
  archived?: boolean;
}

/** Archives a meeting (or brings it back): the secretariat's word, which every participant's list follows. */
export function setMeetingArchived(secretariat: Y.Doc, archived: boolean): void {
  requireSecretariatDoc(secretariat);
  const particulars = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.particulars);
  if (archived) particulars.set('archived', true);
  else particulars.delete('archived');
}

const PARTICULARS = ['title', 'place', 'hostCity', 'startDate', 'endDate', 'createdAt'] as const;

/**
 * Writes a new meeting's particulars to its secretariat doc, and with them marks the doc as
 * holding the secretariat's parts. For a new meeting only: one written before the secretariat doc
 * existed has its parts copied instead (secretariatMigration.ts), or they would be hidden.
 */
export function writeMeetingMeta(secretariat: Y.Doc, meeting: MeetingInput & { createdAt: number }): void {
  secretariat.transact(() => {
    const particulars = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.particulars);
    for (const key of PARTICULARS) particulars.set(key, meeting[key]);
    markSecretariatDoc(secretariat);
  });
}

/**
 * Corrects a meeting's particulars in its secretariat doc. Only what differs is written, so two
 * secretariat laptops correcting different fields at once keep both corrections. The two dates are
 * written together when either changes: Yjs settles concurrent writes of one key by the writers'
 * client ids, so the same laptop wins both, and the range read afterwards is never a start from one
 * laptop and an end from the other that together end before they start. Returns whether anything changed.
 */
export function updateMeetingParticulars(secretariat: Y.Doc, meeting: MeetingInput): boolean {
  requireSecretariatDoc(secretariat);
  const particulars = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.particulars);
  const differs = (key: keyof MeetingInput) => particulars.get(key) !== meeting[key];
  const changed: Array<keyof MeetingInput> = (['title', 'place', 'hostCity'] as const).filter(differs);
  if (differs('startDate') || differs('endDate')) changed.push('startDate', 'endDate');
  if (changed.length === 0) return false;
  secretariat.transact(() => {
    for (const key of changed) particulars.set(key, meeting[key]);
  });
  return true;
}

/** The particulars a meeting doc of the release before the secretariat doc holds. */
export function readLegacyMeetingSummary(meeting: Y.Doc, id: string): MeetingSummary | undefined {
  const parsed = MeetingSummary.safeParse({ id, ...meeting.getMap<unknown>(LEGACY_META).toJSON() });
  return parsed.success ? parsed.data : undefined;
}

export function readMeetingSummary(docs: MeetingDocs, id: string): MeetingSummary | undefined {
  if (!holdsSecretariatParts(docs.secretariat)) return readLegacyMeetingSummary(docs.meeting, id);
  const parsed = MeetingSummary.safeParse({ id, ...docs.secretariat.getMap<unknown>(SECRETARIAT_ROOTS.particulars).toJSON() });
  return parsed.success ? parsed.data : undefined;
}

// An unknown language (from a later version, say) reads as none rather than hiding the document.
const OfficialEntry = z.object({
  kind: DocumentKind,
  title: z.string().max(1000),
  createdAt: z.number(),
  language: Language.optional().catch(undefined),
  symbol: DocumentReference.optional().catch(undefined),
  distribution: DocumentReference.optional().catch(undefined),
  archived: z.boolean().optional().catch(undefined),
});
type OfficialEntry = z.infer<typeof OfficialEntry>;

/** The stored form: optional parts only when set, so an entry reads the same to an older version. */
function storedOfficial(entry: OfficialEntry): Record<string, unknown> {
  const stored: Record<string, unknown> = { kind: entry.kind, title: entry.title, createdAt: entry.createdAt };
  for (const key of ['language', 'symbol', 'distribution', 'archived'] as const) if (entry[key]) stored[key] = entry[key];
  return stored;
}

type NewEntry = Omit<MeetingDocumentEntry, 'delegation' | 'language' | 'symbol' | 'distribution' | 'archived'> & { language?: Language | null };

/** Lists a document among the meeting's official ones (secretariat doc): one object per id. */
export function addOfficialDocument(secretariat: Y.Doc, entry: NewEntry): void {
  requireSecretariatDoc(secretariat);
  EntityId.parse(entry.id);
  const stored = OfficialEntry.parse({ kind: entry.kind, title: entry.title, createdAt: entry.createdAt, language: entry.language ?? undefined });
  secretariat.getMap<unknown>(SECRETARIAT_ROOTS.officialDocuments).set(entry.id, storedOfficial(stored));
}

/** Replaces the entry whole, so concurrent changes end with one title and one language, never a mix. */
export function updateOfficialDocument(secretariat: Y.Doc, id: string, change: DocumentListingChange): boolean {
  requireSecretariatDoc(secretariat);
  const map = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.officialDocuments);
  const current = OfficialEntry.safeParse(map.get(id));
  if (!current.success) return false;
  map.set(id, storedOfficial({ ...current.data, ...change }));
  return true;
}

/**
 * The meeting's official documents: the secretariat doc's list, or for a meeting whose secretariat
 * has not yet copied its parts there, the entries of the meeting doc that no delegation listed.
 */
export function readOfficialDocuments(docs: MeetingDocs): MeetingDocumentEntry[] {
  if (!holdsSecretariatParts(docs.secretariat)) return readMeetingDocuments(docs.meeting).filter((entry) => entry.delegation === null);
  return readOfficialDocumentList(docs.secretariat);
}

/** The secretariat doc's own list of official documents, whether or not readers use it yet. */
export function readOfficialDocumentList(secretariat: Y.Doc): MeetingDocumentEntry[] {
  const entries: MeetingDocumentEntry[] = [];
  secretariat.getMap<unknown>(SECRETARIAT_ROOTS.officialDocuments).forEach((value, id) => {
    const parsed = OfficialEntry.safeParse(value);
    if (parsed.success && EntityId.safeParse(id).success) {
      const { language, symbol, distribution, archived, ...entry } = parsed.data;
      entries.push({ id, ...entry, delegation: null, language: language ?? null, symbol: symbol || null, distribution: distribution || null, archived: archived === true });
    }
  });
  return sortEntries(entries);
}

/** The documents delegations created themselves: the meeting doc's entries that are not official. */
export function readDelegationDocuments(docs: MeetingDocs): MeetingDocumentEntry[] {
  const official = new Set(readOfficialDocuments(docs).map((entry) => entry.id));
  return readMeetingDocuments(docs.meeting).filter((entry) => !official.has(entry.id));
}

/** Every document of the meeting, official ones first; an id on both lists counts as official. */
export function readAllMeetingDocuments(docs: MeetingDocs): MeetingDocumentEntry[] {
  return [...readOfficialDocuments(docs), ...readDelegationDocuments(docs)];
}

/**
 * Lists a document in the meeting doc: a delegation's own (`delegation` set). Each entry is a map
 * under a fresh document id, which only the laptop creating the document ever writes first.
 */
export function addMeetingDocument(meeting: Y.Doc, entry: NewEntry & { delegation?: string | null }): void {
  meeting.transact(() => {
    const item = new Y.Map<unknown>();
    item.set('kind', entry.kind);
    item.set('title', entry.title);
    item.set('createdAt', entry.createdAt);
    if (entry.delegation) item.set('delegation', entry.delegation);
    if (entry.language) item.set('language', entry.language);
    meeting.getMap<Y.Map<unknown>>(MEETING_DOCUMENTS).set(entry.id, item);
  });
}

export function updateMeetingDocument(meeting: Y.Doc, id: string, change: DocumentListingChange): boolean {
  const item = meeting.getMap<Y.Map<unknown>>(MEETING_DOCUMENTS).get(id);
  if (!(item instanceof Y.Map)) return false;
  meeting.transact(() => {
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) continue;
      if (value === '' || value === false) item.delete(key);
      else item.set(key, value);
    }
  });
  return true;
}

/** Every entry of the meeting doc's own list, whoever listed it (see readOfficialDocuments for the official ones). */
export function readMeetingDocuments(meeting: Y.Doc): MeetingDocumentEntry[] {
  const entries: MeetingDocumentEntry[] = [];
  meeting.getMap<Y.Map<unknown>>(MEETING_DOCUMENTS).forEach((item, id) => {
    if (!(item instanceof Y.Map)) return;
    const kind = DocumentKind.safeParse(item.get('kind'));
    const title = item.get('title');
    const createdAt = item.get('createdAt');
    const delegation = item.get('delegation');
    const language = Language.safeParse(item.get('language'));
    const reference = (key: string) => {
      const parsed = DocumentReference.safeParse(item.get(key));
      return parsed.success && parsed.data !== '' ? parsed.data : null;
    };
    if (kind.success && typeof title === 'string' && typeof createdAt === 'number') {
      entries.push({
        id,
        kind: kind.data,
        title,
        createdAt,
        delegation: typeof delegation === 'string' && delegation !== '' ? delegation : null,
        language: language.success ? language.data : null,
        symbol: reference('symbol'),
        distribution: reference('distribution'),
        archived: item.get('archived') === true,
      });
    }
  });
  return sortEntries(entries);
}

/** Calls `listener` whenever either list of documents may have changed. */
export function observeMeetingDocuments(docs: MeetingDocs, listener: () => void): () => void {
  const lists = [
    docs.meeting.getMap(MEETING_DOCUMENTS),
    docs.secretariat.getMap(SECRETARIAT_ROOTS.officialDocuments),
    // The official list moves from the meeting doc to the secretariat doc when its marker arrives.
    docs.secretariat.getMap(SECRETARIAT_ROOTS.marker),
  ];
  for (const list of lists) list.observe(listener);
  return () => {
    for (const list of lists) list.unobserve(listener);
  };
}

function sortEntries(entries: MeetingDocumentEntry[]): MeetingDocumentEntry[] {
  return entries.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** "Draft declaration", then "Draft declaration 2", … so a new document never shares a title. */
export function nextFreeTitle(base: string, taken: ReadonlyArray<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base} ${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

const PARTICIPANTS = 'participants';

export const ParticipantEntry = z.object({
  name: z.string().min(1).max(100),
  role: Role,
  delegation: z.string().max(100).nullable(),
});
export type ParticipantEntry = z.infer<typeof ParticipantEntry>;

/** One key per person and seat, so joining again (or from a second laptop) is not a new person. */
export function participantKey(p: ParticipantEntry): string {
  return `${p.role}|${p.delegation ?? ''}|${p.name}`;
}

/** Everyone who has joined the meeting, kept in the meeting's doc so every participant knows them. */
export function addParticipant(doc: Y.Doc, participant: ParticipantEntry): string {
  const key = participantKey(participant);
  const map = doc.getMap<unknown>(PARTICIPANTS);
  if (!map.has(key)) map.set(key, { ...participant });
  return key;
}

export function readParticipants(doc: Y.Doc): Array<ParticipantEntry & { key: string }> {
  const list: Array<ParticipantEntry & { key: string }> = [];
  doc.getMap<unknown>(PARTICIPANTS).forEach((value, key) => {
    const parsed = ParticipantEntry.safeParse(value);
    if (parsed.success) list.push({ ...parsed.data, key });
  });
  const order = { secretariat: 0, delegate: 1, observer: 2 } as const;
  return list.sort((a, b) => order[a.role] - order[b.role] || (a.delegation ?? '').localeCompare(b.delegation ?? '') || a.name.localeCompare(b.name));
}
