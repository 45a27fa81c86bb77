import { digest } from 'lib0/hash/sha256';
import * as Y from 'yjs';
import { roomName } from './invitation';

/**
 * The secretariat's doc: one Y.Doc per meeting for what only the secretariat writes, shared
 * through the room `secretariat/<meetingId>`, which delegates and observers read but never write
 * (the hub drops their updates whatever they hold). Roles are then a property of the room, not a
 * reading of each update's contents.
 *
 * Every root below holds plain values only: no nested Y types anywhere, so two secretariat
 * laptops writing the same key at once (the same template, the same agenda field, or both copying
 * a meeting written before this doc existed) resolve to one value per key, and never one
 * container hiding the other with whatever was written inside it.
 *
 * Adding a part: give it a root here, write it only through functions that take the secretariat
 * doc (`requireSecretariatDoc` first), and read it with validation, as a peer may have written it.
 */
export const SECRETARIAT_ROOTS = {
  /** `format`: set once, with the first content; see `holdsSecretariatParts`. */
  marker: 'secretariat',
  /** Field → value: title, place, hostCity, startDate, endDate, createdAt (meetingDoc.ts). */
  particulars: 'particulars',
  /** Template id → the published template as one object, replaced whole (meetingTemplates.ts). */
  templates: 'publishedTemplates',
  /** Version id → the circulated version as one object, written once (versions.ts). */
  circulated: 'circulatedVersions',
  /** `<itemId>/<field>` → value: one key per field of each agenda item (agenda.ts). */
  agendaItems: 'agendaItems',
  /** ISO day → `HH:MM`, the time that day's agenda starts (agenda.ts). */
  agendaDayStarts: 'agendaDayStarts',
  /** `<delegationId>/<field>` → value: the meeting's delegations and their heads, in order (delegations.ts). */
  delegations: 'delegations',
  /** Document id → { kind, title, createdAt }: the meeting's official documents (meetingDoc.ts). */
  officialDocuments: 'officialDocuments',
  /** `<documentId>/<paragraphId>` → { status, by, at, fingerprint } (declaration/clauseStatus.ts). */
  statuses: 'statuses',
  /** Array of what the secretariat decided, each naming its document (declaration/negotiationLog.ts). */
  negotiation: 'negotiation',
  /** Earlier document id → { to, at, by }: declarations converted to the model (declaration/conversionRecord.ts). */
  conversions: 'conversions',
  /** `<earlierId>/<paragraphId>` → fingerprint of the paragraph as converted (declaration/conversionRecord.ts). */
  conversionPrints: 'conversionPrints',
  /**
   * Yjs client id → the role and delegation of the invitation that owns it on the hub, written by
   * the hub (clientOwners.ts): who really wrote a comment or a proposal, whatever it claims.
   */
  clientOwners: 'clientOwners',
  /** `current` → where the meeting is served now, when the secretariat has moved it (meetingLocation.ts). */
  location: 'location',
} as const;

/** Raised to read a later shape; a doc marked with any format holds the secretariat's parts. */
export const SECRETARIAT_FORMAT = 1;

/**
 * Ids of secretariat docs start with this, and no other id may: a document listed, imported or
 * opened under such an id is refused everywhere, so nobody can reach a secretariat doc through a
 * room with other rights (`doc/<id>`) or hold its id for something else first.
 */
export const SECRETARIAT_DOC_PREFIX = 'secretariat-';

/**
 * The id under which the app's database, Replicas and a hub's registry keep a meeting's secretariat doc.
 * Derived (a digest, so any meeting id up to EntityId's 64 characters yields one of 52), so every
 * laptop and hub finds the same doc without being told.
 */
export function secretariatDocId(meetingId: string): string {
  const hash = digest(new TextEncoder().encode(`accord-secretariat:${meetingId}`));
  let hex = '';
  for (const byte of hash.subarray(0, 20)) hex += byte.toString(16).padStart(2, '0');
  return `${SECRETARIAT_DOC_PREFIX}${hex}`;
}

export function isSecretariatDocId(id: string): boolean {
  return id.startsWith(SECRETARIAT_DOC_PREFIX);
}

export function secretariatRoomName(meetingId: string): string {
  return roomName({ kind: 'secretariat', meetingId });
}

/**
 * Whether this doc holds the secretariat's parts: a meeting created by this release, or one whose
 * parts the secretariat has copied here from the meeting doc (secretariatMigration.ts). Until then
 * a reader takes the meeting doc's legacy fields instead; from then on only this doc, so a legacy
 * field written later (by a client of an older release) can never bring back what was removed.
 */
export function holdsSecretariatParts(secretariat: Y.Doc): boolean {
  const format = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.marker).get('format');
  return typeof format === 'number' && format >= 1;
}

/** Marks the doc as holding the secretariat's parts; call in the transaction that writes them. */
export function markSecretariatDoc(secretariat: Y.Doc): void {
  const marker = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.marker);
  if (marker.get('format') !== SECRETARIAT_FORMAT) marker.set('format', SECRETARIAT_FORMAT);
}

/**
 * Writers call this first. It refuses a doc that is not (yet) a meeting's secretariat doc: the
 * meeting doc passed by mistake, or a secretariat doc written before the legacy parts were copied
 * into it, where the write would sit unseen behind the legacy fields readers still use.
 */
export function requireSecretariatDoc(secretariat: Y.Doc): void {
  if (!holdsSecretariatParts(secretariat)) {
    throw new Error('This meeting’s secretariat document is not ready on this computer yet. Try again once the meeting has synced.');
  }
}

/** The two docs a reader of the secretariat's parts needs, named so neither is passed for the other. */
export interface MeetingDocs {
  /** `meeting/<id>`: participants, the delegations' own documents, and legacy fields. */
  meeting: Y.Doc;
  /** `secretariat/<id>`. */
  secretariat: Y.Doc;
}
