import { AccordError } from '../../shared/api/errors';
import { InvitationCode, roomName } from '../../shared/model/invitation';
import { type MeetingLocation, observeMeetingLocation, readMeetingLocation } from '../../shared/model/meetingLocation';
import type { MeetingParticipant, MeetingSyncStatus } from '../../shared/model/meeting';
import { EntityId } from '../../shared/model/meeting';
import { addParticipant, MAX_MEETING_DOCUMENTS, observeMeetingDocuments, participantKey, readMeetingDocuments, readOfficialDocumentList } from '../../shared/model/meetingDoc';
import { holdsSecretariatParts, isSecretariatDocId, type MeetingDocs, secretariatDocId } from '../../shared/model/secretariatDoc';
import { migrateToSecretariatDoc } from '../../shared/model/secretariatMigration';
import { rosterOf } from './roster';
import type { Logger } from '../storage/logger';
import type { Replica, Replicas } from '../storage/replicas';
import { lookUpInvitation } from '../sync/invitationLookup';
import { RoomLink } from '../sync/roomLink';
import { ensureSecretariatDoc } from './secretariat';
import type { RemoteRow, AppStore } from '../storage/appStore';

export interface JoinRequest {
  hubUrl: string;
  code: string;
  name: string;
  /** Confirmed: the meeting may move here from the hub it is shared through. */
  move?: true;
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
  /** Meetings whose secretariat said they moved, while this laptop cannot follow yet: where to, and why not. */
  private readonly moves = new Map<string, { to: string; problem: 'unreachable' | 'refused'; retry: NodeJS.Timeout | null }>();
  /** Meetings being moved to the hub their notice names right now (one attempt at a time). */
  private readonly following = new Set<string>();
  /** Meetings hosted here now whose old hub's link ends once it has the notice. */
  private readonly leaving = new Set<string>();
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
      /** How long to wait before trying again a hub a meeting moved to that did not answer. */
      followRetryMs?: number;
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
    const grant = await lookUpInvitation(this.deps.fetch ?? fetch, hubUrl, request.code);
    const { store, now } = this.deps;
    // What the hub says is checked against what this computer holds: a hub cannot make a local
    // declaration into a meeting, nor silently move a meeting shared elsewhere onto itself.
    if (!EntityId.safeParse(grant.meetingId).success || isSecretariatDocId(grant.meetingId)) {
      throw new AccordError('internal', 'The hub sent a meeting id Accord does not accept.');
    }
    const local = store.getDoc(grant.meetingId);
    if (local && local.kind !== 'meeting') throw new AccordError('invalid_request', 'This invitation names something on this computer that is not a meeting.');
    const existing = store.getRemote(grant.meetingId);
    // A meeting moves to another hub where its secretariat's notice says it moved (a new code for
    // someone whose old one is not accepted there), or where the user confirms it after being told:
    // someone who missed the notice (the old hub gone) is given the new address by the secretariat,
    // and a hub of someone else's claiming this meeting would receive everything this laptop holds.
    if (existing && existing.hub_url !== hubUrl && !this.locationOf(grant.meetingId)?.addresses.includes(hubUrl) && !request.move) {
      throw new AccordError(
        'needs_confirmation',
        `This meeting is shared through ${existing.hub_url}, and this laptop has no notice from its secretariat that it moved to ${hubUrl}. Move it there only if the secretariat told you so: what this laptop holds of the meeting will be sent there.`,
      );
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
    const link = this.relink(remote);
    if (!(await link.whenSynced(10_000))) {
      throw new AccordError('internal', 'Joined, but the meeting has not arrived from the hub yet. It will appear as soon as the hub answers.');
    }
    return grant.meetingId;
  }

  /**
   * Links a meeting to the hub this row names, in place of any link it had: saved first, so a
   * restart links it there too. The meeting's docs are the same; only where they sync changes.
   */
  relink(remote: RemoteRow): MeetingLink {
    const { store } = this.deps;
    const docIds = new Set([remote.meeting_id, secretariatDocId(remote.meeting_id), ...store.listMeetingDocs(remote.meeting_id).map((doc) => doc.id)]);
    store.moveRemote(remote, [...docIds]);
    this.unlink(remote.meeting_id);
    return this.link(remote);
  }

  /** This laptop no longer syncs the meeting with a hub (it hosts it now): its docs stay as they are. */
  leave(meetingId: string): void {
    const move = this.moves.get(meetingId);
    if (move?.retry) clearTimeout(move.retry);
    this.moves.delete(meetingId);
    this.unlink(meetingId);
    this.deps.store.deleteRemote(meetingId);
  }

  /** Whether the meeting's and its secretariat's rooms have both arrived from the hub linked now. */
  whenSynced(meetingId: string, timeoutMs: number): Promise<boolean> {
    return this.links.get(meetingId)?.whenSynced(timeoutMs) ?? Promise.resolve(false);
  }

  /**
   * Resolves true once the hub linked now has confirmed every change this laptop made to the
   * meeting's secretariat room; false at the timeout (null: none), or if the link is replaced.
   */
  whenSecretariatConfirmed(meetingId: string, timeoutMs: number | null): Promise<boolean> {
    const link = this.links.get(meetingId);
    if (!link) return Promise.resolve(false);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = (confirmed: boolean) => {
        if (timer) clearTimeout(timer);
        stop();
        resolve(confirmed);
      };
      const check = () => {
        if (this.links.get(meetingId) !== link) done(false);
        else if (link.confirmed(link.secretariatId)) done(true);
      };
      const stop = this.onChange((id) => id === meetingId && check());
      if (timeoutMs !== null) timer = setTimeout(() => done(false), timeoutMs);
      check();
    });
  }

  /**
   * The secretariat moves a meeting it syncs through a hub to another one: the notice is written
   * while still linked to the old hub, and (if that hub is connected) confirmed there, so whoever
   * is still on it learns where the meeting went; then this laptop links to the new hub with the
   * code given for it. Not followed as a notice meanwhile: this laptop has a code of its own there.
   */
  async moveTo(remote: RemoteRow, writeNotice: () => void): Promise<void> {
    const meetingId = remote.meeting_id;
    this.following.add(meetingId);
    try {
      writeNotice();
      const link = this.links.get(meetingId);
      if (link?.isOnline(link.secretariatId)) await this.whenSecretariatConfirmed(meetingId, 10_000);
      this.relink(remote);
    } finally {
      this.following.delete(meetingId);
    }
  }

  /**
   * This laptop hosts a meeting it synced through a hub, and told that hub so: once the hub has
   * confirmed the notice, the link ends. Until then (the hub out of reach) it stays, so the notice
   * reaches whoever is still on that hub; it is waited for again at the next start.
   */
  private leaveOnceConfirmed(meetingId: string): void {
    if (this.leaving.has(meetingId)) return;
    this.leaving.add(meetingId);
    const link = this.links.get(meetingId);
    void this.whenSecretariatConfirmed(meetingId, null).then((confirmed) => {
      this.leaving.delete(meetingId);
      if (!confirmed || this.links.get(meetingId) !== link || !this.deps.hostedHere?.(meetingId)) return;
      this.deps.log.info('sync.left-hub', { meeting: meetingId, hub: link?.remote.hub_url });
      this.leave(meetingId);
      this.changed(meetingId);
    });
  }

  /** Whether the meeting moved here, and its old hub's link only waits for that hub to confirm the notice. */
  isLeaving(meetingId: string): boolean {
    return this.leaving.has(meetingId);
  }

  /** Where the meeting's secretariat says it is served now, as this laptop holds its room. */
  private locationOf(meetingId: string): MeetingLocation | undefined {
    const held = this.links.get(meetingId)?.location();
    if (held) return held;
    if (!this.deps.store.getDoc(secretariatDocId(meetingId))) return undefined;
    return this.deps.replicas.with(secretariatDocId(meetingId), (replica) => readMeetingLocation(replica.doc));
  }

  /**
   * Follows the secretariat's notice that the meeting moved: the first address it names that
   * accepts this laptop's code, for this meeting and the same role and delegation, becomes where
   * the meeting syncs. Nothing is sent there before the code is checked. A hub that cannot be
   * reached is tried again; a code it does not accept is said in the status, with what to do.
   */
  private async follow(meetingId: string): Promise<void> {
    const link = this.links.get(meetingId);
    const location = link?.location();
    const pending = this.moves.get(meetingId);
    const hostedHere = this.deps.hostedHere?.(meetingId) ?? false;
    if (link && location && hostedHere && !location.addresses.includes(link.remote.hub_url)) this.leaveOnceConfirmed(meetingId);
    if (!link || !location || location.addresses.includes(link.remote.hub_url) || hostedHere) {
      if (pending?.retry) clearTimeout(pending.retry);
      if (this.moves.delete(meetingId)) this.changed(meetingId);
      return;
    }
    if (this.following.has(meetingId)) return;
    this.following.add(meetingId);
    const remote = link.remote;
    const problems: string[] = [];
    let retry = false;
    try {
      for (const address of location.addresses) {
        try {
          const grant = await lookUpInvitation(this.deps.fetch ?? fetch, address, remote.code);
          if (grant.meetingId !== meetingId || grant.role !== remote.role || grant.delegation !== remote.delegation) {
            problems.push(`${address} gives this laptop's code another meeting or role.`);
            continue;
          }
          // The notice may have changed, or the meeting been left, while the hub answered.
          if (this.links.get(meetingId) !== link) return;
          if (pending?.retry) clearTimeout(pending.retry);
          this.moves.delete(meetingId);
          this.deps.log.info('sync.moved', { meeting: meetingId, from: remote.hub_url, to: address });
          this.relink({ ...remote, hub_url: address });
          this.changed(meetingId);
          return;
        } catch (error) {
          const code = error instanceof AccordError ? error.code : 'internal';
          if (code !== 'invalid_request') retry = true;
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
      // Linked meanwhile elsewhere (a join with a new code, the meeting left): nothing to say.
      if (this.links.get(meetingId) !== link) return;
      const problem = retry ? 'unreachable' : 'refused';
      this.deps.log.error('sync.move-not-followed', { meeting: meetingId, to: location.addresses, problems });
      const timer = retry
        ? setTimeout(() => {
            const move = this.moves.get(meetingId);
            if (move) move.retry = null;
            void this.follow(meetingId);
          }, this.deps.followRetryMs ?? 20_000)
        : null;
      timer?.unref?.();
      if (pending?.retry) clearTimeout(pending.retry);
      this.moves.set(meetingId, { to: location.addresses[0]!, problem, retry: timer });
      this.changed(meetingId);
    } finally {
      this.following.delete(meetingId);
      // A notice that changed while a hub answered was not followed then (one attempt at a time):
      // it is now, or this laptop would stay on a hub the secretariat has left.
      if (this.links.get(meetingId) === link && JSON.stringify(link.location()) !== JSON.stringify(location)) void this.follow(meetingId);
    }
  }

  private changed(meetingId: string): void {
    for (const listener of this.listeners) listener(meetingId);
  }

  status(meetingId: string): MeetingSyncStatus | undefined {
    const status = this.links.get(meetingId)?.status();
    const move = this.moves.get(meetingId);
    if (status && move) return { ...status, moved: { to: move.to, problem: move.problem } };
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
    for (const move of this.moves.values()) if (move.retry) clearTimeout(move.retry);
    this.moves.clear();
    for (const link of this.links.values()) link.destroy();
    this.links.clear();
  }

  private unlink(meetingId: string): void {
    this.links.get(meetingId)?.destroy();
    this.links.delete(meetingId);
  }

  private link(remote: RemoteRow): MeetingLink {
    const meetingId = remote.meeting_id;
    const changed = () => this.changed(meetingId);
    // Observers run before the doc's update event: a notice written here is counted as not yet
    // on the hub only once the transaction is over.
    const follow = () => queueMicrotask(() => void this.follow(meetingId));
    const link = new MeetingLink(
      remote,
      this.deps,
      changed,
      (notice) => {
        this.setAside.set(meetingId, notice);
        changed();
      },
      follow,
    );
    this.links.set(meetingId, link);
    // A notice that arrived while the app was closed is followed at start.
    if (link.location()) follow();
    return link;
  }
}
