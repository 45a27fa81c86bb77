import { roomName } from '../../shared/model/invitation';
import { type MeetingLocation, observeMeetingLocation, readMeetingLocation } from '../../shared/model/meetingLocation';
import type { MeetingParticipant, MeetingSyncStatus } from '../../shared/model/meeting';
import { EntityId } from '../../shared/model/meeting';
import { addParticipant, MAX_MEETING_DOCUMENTS, observeMeetingDocuments, participantKey, readMeetingDocuments, readOfficialDocumentList } from '../../shared/model/meetingDoc';
import { holdsSecretariatParts, isSecretariatDocId, type MeetingDocs } from '../../shared/model/secretariatDoc';
import { migrateToSecretariatDoc } from '../../shared/model/secretariatMigration';
import type { AppStore, RemoteRow } from '../storage/appStore';
import type { Logger } from '../storage/logger';
import type { Replica, Replicas } from '../storage/replicas';
import { RoomLink } from '../sync/roomLink';
import { rosterOf } from './roster';
import { ensureSecretariatDoc } from './secretariat';

/** A change the hub refused, set aside when the document was rebuilt from the hub's copy. */
export interface SetAsideNotice {
  reason: string;
  words: string;
}

/**
 * One joined meeting's links: its own room, its secretariat's room, and a room for every document
 * either of the meeting's lists names.
 */
export class MeetingLink {
  readonly rooms = new Map<string, RoomLink>();
  private readonly meeting: Replica;
  private readonly secretariat: Replica;
  private readonly stopObserving: () => void;
  private readonly selfKey: string;
  /** Whether this secretariat still has to copy a legacy meeting's parts into its doc. */
  private migrationDue: boolean;

  private readonly stopLocation: () => void;

  constructor(
    readonly remote: RemoteRow,
    private readonly deps: { store: AppStore; replicas: Replicas; log: Logger; now: () => number },
    onChange: () => void,
    setAside: (notice: SetAsideNotice) => void,
    /** The secretariat's notice of where the meeting is served changed (or was there at linking). */
    onLocation: () => void,
  ) {
    const meetingId = remote.meeting_id;
    this.migrationDue = remote.role === 'secretariat';
    const changed = () => {
      this.migrateIfDue();
      onChange();
    };
    const linkRoom = (docId: string, room: string) => {
      if (this.rooms.has(docId)) return;
      const replica = deps.replicas.acquire(docId);
      try {
        const linkDeps = { store: deps.store, log: deps.log, replicas: deps.replicas, onChange: changed, setAside };
        // An observer writes no room, a delegate not the secretariat's (the hub enforces it; this only
        // keeps this laptop from counting, or setting aside, what it was never to send).
        const readOnly = remote.role === 'observer' || (remote.role !== 'secretariat' && room === roomName({ kind: 'secretariat', meetingId }));
        this.rooms.set(docId, new RoomLink(linkDeps, replica, remote.hub_url, room, remote.code, readOnly));
      } catch (error) {
        deps.replicas.release(replica);
        throw error;
      }
    };
    const secretariatId = ensureSecretariatDoc(deps.store, meetingId, deps.now());
    linkRoom(meetingId, roomName({ kind: 'meeting', meetingId }));
    try {
      linkRoom(secretariatId, roomName({ kind: 'secretariat', meetingId }));
    } catch (error) {
      this.destroyRooms();
      throw error;
    }
    this.meeting = this.rooms.get(meetingId)!.replica;
    this.secretariat = this.rooms.get(secretariatId)!.replica;
    // Every document either list names is kept in sync, so all of them can be opened offline,
    // up to a meeting's limit: the lists are written by participants.
    let overLimit = false;
    const linkListed = () => {
      const listed = [...readOfficialDocumentList(this.secretariat.doc), ...readMeetingDocuments(this.meeting.doc)];
      for (const entry of listed) {
        if (this.rooms.has(entry.id)) continue;
        if (this.rooms.size - 2 >= MAX_MEETING_DOCUMENTS) {
          if (!overLimit) deps.log.error('sync.too-many-documents', { meeting: meetingId, listed: listed.length, limit: MAX_MEETING_DOCUMENTS });
          overLimit = true;
          break;
        }
        // The lists are written by other participants: an id that is malformed, that names a
        // secretariat doc, or that names something this computer holds for another meeting, is
        // never linked to this hub.
        const stored = deps.store.getDoc(entry.id);
        if (
          !EntityId.safeParse(entry.id).success ||
          isSecretariatDocId(entry.id) ||
          (stored && (stored.kind !== 'declaration' || stored.meetingId !== meetingId))
        ) {
          deps.log.error('sync.foreign-document', { meeting: meetingId, doc: entry.id });
          continue;
        }
        deps.store.ensureDoc({ id: entry.id, kind: 'declaration', meetingId, now: deps.now() });
        linkRoom(entry.id, roomName({ kind: 'doc', meetingId, docId: entry.id }));
      }
      this.migrateIfDue();
    };
    this.stopObserving = observeMeetingDocuments(this.docs, linkListed);
    linkListed();
    // Joining makes one a participant (kept in the meeting for everyone) and present while linked.
    // An observer cannot write to the meeting, so its entry would never be confirmed: presence only.
    const self = { name: remote.participant, role: remote.role, delegation: remote.delegation };
    this.selfKey = remote.role === 'observer' ? participantKey(self) : addParticipant(this.meeting.doc, self);
    this.meeting.awareness.setLocalState({ participant: this.selfKey });
    this.stopLocation = observeMeetingLocation(this.secretariat.doc, onLocation);
  }

  /** Where the secretariat says the meeting is served now, if it ever moved it. */
  location(): MeetingLocation | undefined {
    return readMeetingLocation(this.secretariat.doc);
  }

  /** Whether the hub is connected in this room and has confirmed every change this laptop holds of it. */
  confirmed(docId: string): boolean {
    const room = this.rooms.get(docId);
    return room !== undefined && room.state === 'online' && room.unconfirmed === 0;
  }

  get secretariatId(): string {
    return this.secretariat.id;
  }

  isOnline(docId: string): boolean {
    return this.rooms.get(docId)?.state === 'online';
  }

  private get docs(): MeetingDocs {
    return { meeting: this.meeting.doc, secretariat: this.secretariat.doc };
  }

  /**
   * The secretariat copies a legacy meeting's parts into its doc once it holds the meeting, and
   * knows whether the hub's secretariat room already has them (another secretariat laptop may have
   * copied them, and edited since): after that room has synced, or, with the hub out of reach, from
   * what it holds (two copies of the same content are one, see secretariatMigration.ts).
   */
  private migrateIfDue(): void {
    // Called from the first room link's events, before the constructor has set every field.
    if (!this.migrationDue || !this.meeting || !this.secretariat) return;
    if (this.rooms.get(this.secretariat.id)?.state === 'connecting') return;
    try {
      if (migrateToSecretariatDoc(this.docs, this.remote.meeting_id)) this.deps.log.info('meeting.secretariat-migrated', { meetingId: this.remote.meeting_id });
      // Copied now, by another secretariat, or never needed (a meeting of this release).
      if (holdsSecretariatParts(this.secretariat.doc)) this.migrationDue = false;
    } catch (error) {
      this.deps.log.error('meeting.secretariat-migration', { meetingId: this.remote.meeting_id, error: String(error) });
    }
  }

  participants(): MeetingParticipant[] {
    return rosterOf(this.meeting, this.selfKey);
  }

  status(): MeetingSyncStatus {
    const rooms = [...this.rooms.values()];
    // Only the meeting's own rooms speak for the meeting: one refused document must not.
    const refused = [this.rooms.get(this.meeting.id), this.rooms.get(this.secretariat.id)].find((r) => r?.state === 'refused');
    const unconfirmed = rooms.reduce((sum, r) => sum + r.unconfirmed, 0);
    const { hub_url: hubUrl, role, delegation, participant } = this.remote;
    const base: Omit<MeetingSyncStatus, 'state'> = { hubUrl, role, delegation, participant, unconfirmed };
    if (refused) return { ...base, state: 'refused', message: refused.refusal ?? 'The hub refused this invitation.' };
    const changeRefused = rooms.map((r) => r.refusedChange).find((reason) => reason !== null);
    if (changeRefused) {
      base.message = `The hub refused a change: ${changeRefused} This laptop keeps it, unconfirmed; ask the secretariat or the hub's operator.`;
    }
    if (rooms.every((r) => r.state === 'online')) return { ...base, state: 'online' };
    if (rooms.some((r) => r.state === 'connecting')) return { ...base, state: 'connecting' };
    return { ...base, state: 'offline' };
  }

  /** Whether the meeting's room and its secretariat's have both arrived from the hub. */
  async whenSynced(timeoutMs: number): Promise<boolean> {
    const synced = await Promise.all([this.meeting.id, this.secretariat.id].map((id) => this.rooms.get(id)!.whenSynced(timeoutMs)));
    return synced.every(Boolean);
  }

  destroy(): void {
    this.stopLocation();
    this.stopObserving();
    this.meeting.awareness.setLocalState(null);
    this.destroyRooms();
  }

  private destroyRooms(): void {
    for (const room of this.rooms.values()) {
      room.destroy();
      this.deps.replicas.release(room.replica);
    }
    this.rooms.clear();
  }
}
