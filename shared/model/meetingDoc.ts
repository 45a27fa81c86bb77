import { z } from 'zod';
import * as Y from 'yjs';
import { Role } from './invitation';
import { DocumentKind, type MeetingInput, MeetingSummary } from './meeting';

/**
 * The shape of a meeting's Y.Doc. Reads validate, because a meeting doc may have been written
 * by another app version or a peer: a malformed entry is skipped, never trusted.
 */
export const META = 'meta';
const DOCUMENTS = 'documents';

export interface MeetingDocumentEntry {
  id: string;
  kind: DocumentKind;
  title: string;
  createdAt: number;
}

export function writeMeetingMeta(doc: Y.Doc, meeting: MeetingInput & { createdAt: number }): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(META);
    meta.set('title', meeting.title);
    meta.set('place', meeting.place);
    meta.set('hostCity', meeting.hostCity);
    meta.set('startDate', meeting.startDate);
    meta.set('endDate', meeting.endDate);
    meta.set('createdAt', meeting.createdAt);
  });
}

export function readMeetingSummary(doc: Y.Doc, id: string): MeetingSummary | undefined {
  const parsed = MeetingSummary.safeParse({ id, ...doc.getMap<unknown>(META).toJSON() });
  return parsed.success ? parsed.data : undefined;
}

export function addMeetingDocument(doc: Y.Doc, entry: MeetingDocumentEntry): void {
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    item.set('kind', entry.kind);
    item.set('title', entry.title);
    item.set('createdAt', entry.createdAt);
    doc.getMap<Y.Map<unknown>>(DOCUMENTS).set(entry.id, item);
  });
}

export function renameMeetingDocument(doc: Y.Doc, id: string, title: string): boolean {
  const item = doc.getMap<Y.Map<unknown>>(DOCUMENTS).get(id);
  if (!(item instanceof Y.Map)) return false;
  item.set('title', title);
  return true;
}

export function readMeetingDocuments(doc: Y.Doc): MeetingDocumentEntry[] {
  const entries: MeetingDocumentEntry[] = [];
  doc.getMap<Y.Map<unknown>>(DOCUMENTS).forEach((item, id) => {
    if (!(item instanceof Y.Map)) return;
    const kind = DocumentKind.safeParse(item.get('kind'));
    const title = item.get('title');
    const createdAt = item.get('createdAt');
    if (kind.success && typeof title === 'string' && typeof createdAt === 'number') {
      entries.push({ id, kind: kind.data, title, createdAt });
    }
  });
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
