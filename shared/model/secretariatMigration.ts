import { digest } from 'lib0/hash/sha256';
import * as Y from 'yjs';
import { LEGACY_AGENDA, LEGACY_AGENDA_DAYS, putAgendaItem, readLegacyAgenda, readLegacyAgendaDayStarts, setAgendaDayStart } from './agenda';
import { addOfficialDocument, LEGACY_META, readLegacyMeetingSummary, readMeetingDocuments, writeMeetingMeta } from './meetingDoc';
import { LEGACY_TEMPLATES, MeetingTemplateEntry, storedTemplate } from './meetingTemplates';
import { EntityId } from './meeting';
import { holdsSecretariatParts, isSecretariatDocId, type MeetingDocs, SECRETARIAT_ROOTS } from './secretariatDoc';
import { CirculatedVersion, LEGACY_CIRCULATED, VersionId } from './versions';

/** Transaction origin of the copy, for listeners that want to tell it from an edit. */
export const MIGRATION_ORIGIN = Symbol('secretariat-migration');

/**
 * Copies the secretariat's parts of a meeting written before the secretariat doc existed (its
 * particulars, published templates, circulated versions, agenda and documents, all in the meeting
 * doc) into its secretariat doc, once. Only the secretariat's app runs it; every reader falls back
 * to the meeting doc until the copy has arrived (secretariatDoc.ts), so a delegate's app that
 * never runs it reads the same meeting before and after.
 *
 * Two secretariat laptops may run it at once, offline from each other. Each writes the copy as one
 * Yjs update made by a client whose id is derived from the content copied, with the same clocks
 * in the same order: the same legacy content gives byte for byte the same update on both laptops,
 * which Yjs then holds once, and edits either laptop makes on top of its copy merge with the
 * other's as edits of one shared item. (Had each laptop written the copy as its own client, both
 * copies would be concurrent writes of every key, and whichever won could undo an edit the other
 * laptop made to its copy meanwhile, or bring back an item it removed.) Laptops that saw different
 * legacy content write different copies, which merge key by key like any concurrent edits.
 *
 * Returns whether it copied: nothing is copied into a doc that already holds the secretariat's
 * parts, nor from a meeting doc without particulars (one not yet received: copying nothing would
 * hide whatever it later brings).
 */
/**
 * Whether a meeting doc holds parts written before the secretariat had a room of its own: until the
 * secretariat copies them, they are what everyone reads, and what it copies.
 */
export function holdsLegacyMeetingParts(meeting: Y.Doc): boolean {
  return [LEGACY_META, LEGACY_TEMPLATES, LEGACY_CIRCULATED, LEGACY_AGENDA, LEGACY_AGENDA_DAYS].some((root) => {
    const type = meeting.share.get(root);
    // Reading a root creates it empty: only content counts.
    return type !== undefined && (type._start !== null || type._map.size > 0);
  });
}

export function migrateToSecretariatDoc(docs: MeetingDocs, meetingId: string): boolean {
  if (holdsSecretariatParts(docs.secretariat)) return false;
  const particulars = readLegacyMeetingSummary(docs.meeting, meetingId);
  if (!particulars) return false;
  const copy = (client: number): Uint8Array => {
    const scratch = new Y.Doc({ gc: false });
    scratch.clientID = client;
    try {
      scratch.transact(() => writeCopy(scratch, docs.meeting, particulars));
      return Y.encodeStateAsUpdate(scratch);
    } finally {
      scratch.destroy();
    }
  };
  const update = copy(clientIdOf(meetingId, copy(1)));
  Y.applyUpdate(docs.secretariat, update, MIGRATION_ORIGIN);
  return true;
}

/** Everything in a fixed order (keys sorted), so the same content always makes the same update. */
function writeCopy(target: Y.Doc, meeting: Y.Doc, particulars: NonNullable<ReturnType<typeof readLegacyMeetingSummary>>): void {
  // Particulars first: they mark the doc, which every writer below requires.
  writeMeetingMeta(target, particulars);

  const templates = target.getMap<unknown>(SECRETARIAT_ROOTS.templates);
  for (const [id, value] of sortedEntries(meeting.getMap<unknown>(LEGACY_TEMPLATES))) {
    const raw = value instanceof Y.Map ? value.toJSON() : value;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const parsed = MeetingTemplateEntry.safeParse({ ...raw, id });
    if (parsed.success) templates.set(id, storedTemplate(parsed.data));
  }

  const circulated = target.getMap<unknown>(SECRETARIAT_ROOTS.circulated);
  for (const [id, value] of sortedEntries(meeting.getMap<unknown>(LEGACY_CIRCULATED))) {
    const parsed = CirculatedVersion.safeParse(value);
    if (parsed.success && VersionId.safeParse(id).success) circulated.set(id, parsed.data);
  }

  for (const item of readLegacyAgenda(meeting).sort((a, b) => a.id.localeCompare(b.id))) putAgendaItem(target, item);
  const dayStarts = readLegacyAgendaDayStarts(meeting);
  for (const day of Object.keys(dayStarts).sort()) setAgendaDayStart(target, day, dayStarts[day]!);

  // The meeting doc's entries no delegation listed were the meeting's documents: they become its
  // official ones. Entries a delegation listed stay that delegation's.
  for (const entry of readMeetingDocuments(meeting).sort((a, b) => a.id.localeCompare(b.id))) {
    if (entry.delegation === null && EntityId.safeParse(entry.id).success && !isSecretariatDocId(entry.id)) addOfficialDocument(target, entry);
  }
}

function sortedEntries(map: Y.Map<unknown>): Array<[string, unknown]> {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** A client id (Yjs takes 32 bits) that only this meeting with this content yields. */
function clientIdOf(meetingId: string, content: Uint8Array): number {
  const label = new TextEncoder().encode(`accord-secretariat-migration:${meetingId}:`);
  const bytes = new Uint8Array(label.length + content.length);
  bytes.set(label);
  bytes.set(content, label.length);
  const hash = digest(bytes);
  const id = ((hash[0]! << 24) | (hash[1]! << 16) | (hash[2]! << 8) | hash[3]!) >>> 0;
  return id === 0 ? 1 : id;
}
