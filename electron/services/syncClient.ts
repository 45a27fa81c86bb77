import { AccordError } from '../../shared/api/errors';
import { InvitationCode, Role, roomName } from '../../shared/model/invitation';
import type { MeetingParticipant, MeetingSyncStatus } from '../../shared/model/meeting';
import { EntityId } from '../../shared/model/meeting';
import { addParticipant, MAX_MEETING_DOCUMENTS, observeMeetingDocuments, participantKey, readMeetingDocuments, readOfficialDocumentList } from '../../shared/model/meetingDoc';
import { holdsSecretariatParts, isSecretariatDocId, type MeetingDocs } from '../../shared/model/secretariatDoc';
import { migrateToSecretariatDoc } from '../../shared/model/secretariatMigration';
import { rosterOf } from './roster';
import type { Logger } from '../storage/logger';
import type { Replica, Replicas } from '../storage/replicas';
import { RoomLink } from '../sync/roomLink';
import { ensureSecretariatDoc } from './secretariat';
import type { RemoteRow, AppStore } from '../storage/appStore';

export interface JoinRequest {
  hubUrl: string;
  code: string;
  name: string;
}

/** "hub.example.org:4455" and "ws://…" both work; http(s) is turned into ws(s). */
export function normalizeHubUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `ws://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme.replace(/^http/i, 'ws'));
  } catch {
    throw new AccordError('invalid_request', `“${input}” is not a hub address. It looks like ws://192.168.1.10:4455.`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new AccordError('invalid_request', 'A hub address starts with ws:// or wss://.');
  return `${url.protocol}//${url.host}`;
}

/** A change the hub refused, set aside when the document was rebuilt from the hub's copy. */
interface SetAsideNotice {
  reason: string;
  words: string;
}

/**
 * One joined meeting's links: its own room, its secretariat's room, and a room for every document
 * either of the meeting's lists names.
 */
class MeetingLink {
  readonly rooms = new Map<string, RoomLink>();
  private readonly meeting: Replica;
  private readonly secretariat: Replica;
  private readonly stopObserving: () => void;
  private readonly selfKey: string;
  /** Whether this secretariat still has to copy a legacy meeting's parts into its doc. */
  private migrationDue: boolean;

  constructor(
    readonly remote: RemoteRow,
    private readonly deps: { store: AppStore; replicas: Replicas; log: Logger; now: () => number },
    onChange: () => void,
    setAside: (notice: SetAsideNotice) => void,
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
        this.rooms.set(docId, new RoomLink(linkDeps, replica, remote.hub_url, room, remote.code));
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

/**
 * Main's side of collaboration: each joined meeting, and every document it lists, stays linked
 * to its hub for as long as the app runs. Edits land in SQLite first and reach the hub whenever
 * it can be reached; the CRDT merges on reconnect.
 */
export class SyncClient {
  private readonly links = new Map<string, MeetingLink>();
  private readonly listeners = new Set<(meetingId: string) => void>();
  /** The last change each meeting's hub refused and this laptop set aside, said in its status. */
  private readonly setAside = new Map<string, SetAsideNotice>();
  private readonly stopReplaced: () => void;

  constructor(
    private readonly deps: {
      store: AppStore;
      replicas: Replicas;
      log: Logger;
      now: () => number;
      fetch?: typeof fetch;
      /** Whether this computer hosts the meeting itself (it then needs no hub). */
      hostedHere?: (meetingId: string) => boolean;
    },
  ) {
    // A replica rebuilt after a refused change is a new one: its meeting's links are made again.
    this.stopReplaced = this.deps.replicas.onReplaced((docId) => {
      for (const [meetingId, link] of [...this.links]) {
        if (!link.rooms.has(docId)) continue;
        link.destroy();
        this.links.delete(meetingId);
        this.link(link.remote);
      }
    });
  }

  /** Reconnects every meeting joined before; one that cannot be linked is logged, the others are. */
  start(): void {
    for (const remote of this.deps.store.listRemotes()) {
      try {
        this.link(remote);
      } catch (error) {
        this.deps.log.error('sync.link', { meeting: remote.meeting_id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /** Called with a meeting's id when its links change: connected, synced, confirmed, refused. */
  onChange(listener: (meetingId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async join(request: JoinRequest): Promise<string> {
    const hubUrl = normalizeHubUrl(request.hubUrl);
    const code = InvitationCode.safeParse(request.code);
    if (!code.success) throw new AccordError('invalid_request', 'That is not an invitation code: it has 16 letters and digits, like K7QP-2M9X-4TWA-HC3R.');
    const grant = await this.lookUp(hubUrl, request.code);
    const { store, now } = this.deps;
    // What the hub says is checked against what this computer holds: a hub cannot make a local
    // declaration into a meeting, nor silently move a meeting shared elsewhere onto itself.
    if (!EntityId.safeParse(grant.meetingId).success || isSecretariatDocId(grant.meetingId)) {
      throw new AccordError('internal', 'The hub sent a meeting id Accord does not accept.');
    }
    const local = store.getDoc(grant.meetingId);
    if (local && local.kind !== 'meeting') throw new AccordError('invalid_request', 'This invitation names something on this computer that is not a meeting.');
    const existing = store.getRemote(grant.meetingId);
    if (existing && existing.hub_url !== hubUrl) {
      throw new AccordError('invalid_request', `This meeting is already shared through ${existing.hub_url}; Accord will not move it to another hub.`);
    }
    if (this.deps.hostedHere?.(grant.meetingId)) throw new AccordError('invalid_request', 'This meeting is hosted on this computer.');
    store.ensureDoc({ id: grant.meetingId, kind: 'meeting', meetingId: null, now: now() });
    const remote: RemoteRow = {
      meeting_id: grant.meetingId,
      hub_url: hubUrl,
      code: request.code.trim(),
      role: grant.role,
      delegation: grant.delegation,
      participant: request.name,
      joined_at: now(),
    };
    store.saveRemote(remote);
    this.links.get(grant.meetingId)?.destroy();
    this.links.delete(grant.meetingId);
    const link = this.link(remote);
    if (!(await link.whenSynced(10_000))) {
      throw new AccordError('internal', 'Joined, but the meeting has not arrived from the hub yet. It will appear as soon as the hub answers.');
    }
    return grant.meetingId;
  }

  status(meetingId: string): MeetingSyncStatus | undefined {
    const status = this.links.get(meetingId)?.status();
    const aside = this.setAside.get(meetingId);
    if (!status || !aside || status.message) return status;
    const words = aside.words ? ` It held: “${aside.words.length > 120 ? `${aside.words.slice(0, 120)}…` : aside.words}”` : '';
    return {
      ...status,
      message: `The hub refused a change: ${aside.reason} It was set aside and kept on this laptop; the document now follows the hub's copy, with your later edits.${words}`,
    };
  }

  participants(meetingId: string): MeetingParticipant[] | undefined {
    return this.links.get(meetingId)?.participants();
  }

  remote(meetingId: string): RemoteRow | undefined {
    return this.links.get(meetingId)?.remote;
  }

  stop(): void {
    this.stopReplaced();
    for (const link of this.links.values()) link.destroy();
    this.links.clear();
  }

  private link(remote: RemoteRow): MeetingLink {
    const changed = () => {
      for (const listener of this.listeners) listener(remote.meeting_id);
    };
    const link = new MeetingLink(remote, this.deps, changed, (notice) => {
      this.setAside.set(remote.meeting_id, notice);
      changed();
    });
    this.links.set(remote.meeting_id, link);
    return link;
  }

  private async lookUp(hubUrl: string, code: string): Promise<{ meetingId: string; role: Role; delegation: string | null }> {
    const doFetch = this.deps.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${hubUrl.replace(/^ws/, 'http')}/v1/invitation`, {
        headers: { Authorization: `Bearer ${code.trim()}` },
        signal: AbortSignal.timeout(8000),
      });
    } catch (error) {
      throw new AccordError('internal', `Accord cannot reach the hub at ${hubUrl} (${error instanceof Error ? error.message : String(error)}). Check the address and the network.`);
    }
    if (response.status === 401) throw new AccordError('invalid_request', 'The hub does not know this invitation code, or it has been revoked. Ask the secretariat for a new one.');
    if (response.status === 503) {
      // The hub says why it cannot serve the meeting now (a laptop that stopped hosting it).
      const said = (await response.json().catch(() => ({}))) as { message?: unknown };
      throw new AccordError('unavailable', typeof said.message === 'string' ? said.message.slice(0, 300) : `The hub at ${hubUrl} cannot serve this meeting now.`);
    }
    if (!response.ok) throw new AccordError('internal', `The hub at ${hubUrl} answered with an error (${response.status}).`);
    const body = (await response.json()) as { meetingId?: unknown; role?: unknown; delegation?: unknown };
    const role = Role.safeParse(body.role);
    if (typeof body.meetingId !== 'string' || !role.success) throw new AccordError('internal', 'The hub sent an answer Accord does not understand.');
    return { meetingId: body.meetingId, role: role.data, delegation: typeof body.delegation === 'string' ? body.delegation : null };
  }
}
