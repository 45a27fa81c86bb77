import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import type { InvitationRecord, Room } from '../../shared/model/invitation';
import { holdsSecretariatParts, secretariatDocId } from '../../shared/model/secretariatDoc';
import { holdsLegacyMeetingParts } from '../../shared/model/secretariatMigration';
import { MESSAGE_AWARENESS, permissionDeniedMessage, syncStep1Message } from '../../shared/sync/messages';
import type { Logger } from '../storage/logger';
import type { Replica } from '../storage/replicas';
import { SyncSession } from '../sync/syncSession';
import type { BusyTime } from './busyTime';
import type { ClientOwners } from './clientOwners';
import type { HubLimits } from './hubLimits';
import type { PresenceGate } from './presenceGate';
import type { RefusalLog } from './refusalLog';
import { CLOSE, type HubReplicas } from './roomAdmission';
import { mayWriteRoom } from './roomRoles';
import { RoomWrites } from './roomWrites';

/** What every connection to a hub shares: who is where, the rules, and the records. */
export interface HubRooms {
  readonly peers: Set<RoomPeer>;
  readonly peersByRoom: Map<string, Set<RoomPeer>>;
  /** Rooms whose memory an abandoned transaction left untrustworthy: reopened from disk once empty. */
  readonly stuckRooms: Set<string>;
  readonly owners: ClientOwners;
  readonly presence: PresenceGate;
  readonly refusals: RefusalLog;
  readonly busyTime: BusyTime;
  readonly limits: HubLimits;
  readonly replicas: HubReplicas;
  readonly log: Logger;
  /** Sends everyone in a room away, to come back once it is loaded again from its file. */
  stuck(docId: string, error: Error): void;
}

/** Where a connection joined: whose invitation, from where, which room and its replica. */
export interface Joined {
  invitation: InvitationRecord;
  address: string;
  room: Room;
  /** The room's registry id. */
  docId: string;
  /** The room's address, as the peer asked for it (for the log). */
  path: string;
  replica: Replica;
}

/** A WebSocket close reason is at most 123 bytes: longer ones are cut, at a character. */
function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.byteLength <= 123) return reason;
  return `${new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD$/, '')}…`;
}

function isPresence(message: Uint8Array): boolean {
  try {
    return decoding.readVarUint(decoding.createDecoder(message)) === MESSAGE_AWARENESS;
  } catch {
    return false;
  }
}

/**
 * One participant's connection to one room: the y-websocket protocol (through a SyncSession),
 * the room's write rules (RoomWrites) applied to every update, presence judged and bound, the
 * apply-time budget of its invitation, and confirmation once what it sent is stored.
 */
export class RoomPeer {
  /** Being shut out: its messages are ignored from now on. */
  closing = false;
  readonly invitation: InvitationRecord;
  readonly address: string;
  readonly docId: string;
  readonly room: string;
  readonly writes: RoomWrites;
  private readonly session: SyncSession;
  private readonly readOnly: boolean;
  /** Our state vector was sent and its answer is awaited: not sent again meanwhile. */
  private asked = false;
  /** The message being delivered changed the room (so it is to be confirmed). */
  private changed = false;
  private confirmTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hub: HubRooms,
    readonly ws: WebSocket,
    private readonly at: Joined,
  ) {
    this.invitation = at.invitation;
    this.address = at.address;
    this.docId = at.docId;
    this.room = at.path;
    this.readOnly = !mayWriteRoom(at.invitation.role, at.room.kind);
    this.writes = this.writeRules();
    this.session = new SyncSession(
      at.replica,
      {
        send: (data) => this.send(data),
        saved: () => undefined,
        failed: (error) => {
          this.refuse('hub.message-refused', error.message);
          const malformed = error.code === 'invalid_message';
          this.shut(malformed ? CLOSE.malformed : 1011, malformed ? 'Malformed message' : 'Storage failed');
        },
        refused: () => this.refuse('hub.presence-refused', 'presence beyond what the invitation grants, or over its limits'),
        abandoned: (error) => hub.stuck(at.docId, error),
      },
      { admit: (update, isAnswer) => this.admit(update, isAnswer), presence: (...entry) => this.judgePresence(...entry) },
    );
    hub.peers.add(this);
    let roomPeers = hub.peersByRoom.get(at.docId);
    if (!roomPeers) hub.peersByRoom.set(at.docId, (roomPeers = new Set()));
    roomPeers.add(this);
    at.replica.doc.on('update', this.onRoomUpdate);
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', () => this.leave());
    ws.on('error', (error) => hub.log.error('hub.ws', { error: String(error) }));
  }

  /** Closes with a code the client can read (so it stops retrying, or retries), and cuts it off if it lingers. */
  shut(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }

  /** Asks this peer for everything it holds that the room lacks (our sync step 1). */
  askForMissing(): void {
    if (this.asked) return;
    this.asked = true;
    this.send(syncStep1Message(this.at.replica.doc));
  }

  private send(data: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data);
  }

  private refuse(event: string, reason: string): void {
    this.hub.refusals.refused(event, { reason, invitation: this.invitation.id, room: this.room });
  }

  private writeRules(): RoomWrites {
    const { room, replica } = this.at;
    // Once the secretariat's room holds its parts, it always will: checked until then only.
    let openToDelegates = false;
    return new RoomWrites({
      room,
      roomId: this.docId,
      invitation: this.invitation,
      replica,
      owners: this.hub.owners,
      limits: this.hub.limits,
      openToDelegates:
        room.kind === 'meeting'
          ? () =>
              (openToDelegates ||=
                !holdsLegacyMeetingParts(replica.doc) || this.hub.replicas.with(secretariatDocId(room.meetingId), (r) => holdsSecretariatParts(r.doc)))
          : undefined,
    });
  }

  /** The room's write rules, acted on: what to apply, and what to tell the peer otherwise. */
  private admit(update: Uint8Array, isAnswer: boolean): Uint8Array | null {
    if (isAnswer) this.asked = false;
    const decision = this.writes.judge(update, isAnswer);
    if ('apply' in decision) {
      this.writes.awaitingOthers = false;
      return decision.apply;
    }
    if ('refuse' in decision) {
      this.refuse('hub.update-refused', decision.refuse);
      this.shut(CLOSE.malformed, closeReason(`The hub refused an update: ${decision.refuse}.`));
    } else if ('deny' in decision) {
      this.refuse('hub.update-denied', decision.deny);
      this.send(permissionDeniedMessage(decision.deny));
    } else if ('askForMissing' in decision) {
      this.askForMissing();
    } else if (decision.ignore) {
      this.refuse('hub.update-withheld', decision.ignore);
    }
    return null;
  }

  private judgePresence(clientId: number, state: Record<string, unknown> | null, bytes: number, clock: number): 'apply' | 'skip' | 'refuse' {
    const { presence, owners } = this.hub;
    const known = this.at.replica.awareness.meta.get(clientId)?.clock;
    const verdict = presence.judge(this, clientId, state, bytes, clock, known, this.invitation);
    // Presence shows everyone a peer's client id before it types: the id is bound to the
    // invitation that showed it first, so nobody who sees it can claim it first.
    if (verdict === 'apply' && state !== null && !this.readOnly && owners.ownerOf(this.docId, clientId) === undefined) {
      owners.bind(this.docId, [clientId], this.invitation);
    }
    return verdict;
  }

  private readonly onRoomUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.session) this.changed = true;
    // What a peer was waiting for may have just arrived: ask it again for what it holds.
    else if (this.writes.awaitingOthers) {
      this.writes.awaitingOthers = false;
      this.asked = false;
      this.askForMissing();
    }
  };

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    // Once a peer is being shut out nothing more it sends is applied, close handshake or not.
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    if (!isBinary) return this.shut(CLOSE.malformed, 'Expected binary y-websocket messages');
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const message = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (isPresence(message) && !this.hub.presence.admitNow(this, () => this.deliver(message))) return;
    this.deliver(message);
  }

  private deliver(message: Uint8Array): void {
    if (this.closing) return;
    const { busyTime, limits, peers } = this.hub;
    this.changed = false;
    const start = performance.now();
    this.session.receive(message);
    const spent = busyTime.spend(this.invitation.id, performance.now() - start);
    if (spent > limits.applyMsPer10s) {
      this.refuse('hub.update-refused', `took ${Math.round(spent)} ms of the hub's time within 10 s`);
      for (const other of peers) if (other.invitation.id === this.invitation.id) other.shut(CLOSE.busy, 'This invitation has kept the hub too busy; try again shortly');
    }
    if (this.changed) this.confirmSoon();
  }

  /**
   * Telling a writer our state vector after its changes are stored is how it learns, through the
   * plain y-websocket protocol, which of its changes the hub has confirmed.
   */
  private confirmSoon(): void {
    this.confirmTimer ??= setTimeout(() => {
      this.confirmTimer = undefined;
      // Never confirm what is only in memory: a change the hub failed to store is not held.
      if (this.at.replica.persistenceError || this.hub.stuckRooms.has(this.docId)) return;
      this.send(syncStep1Message(this.at.replica.doc));
    }, 20);
  }

  private leave(): void {
    const { presence, peers, peersByRoom, owners, stuckRooms, replicas } = this.hub;
    presence.forget(this);
    this.at.replica.doc.off('update', this.onRoomUpdate);
    clearTimeout(this.confirmTimer);
    peers.delete(this);
    const roomPeers = peersByRoom.get(this.docId);
    roomPeers?.delete(this);
    this.session.close();
    replicas.release(this.at.replica);
    if (!roomPeers || roomPeers.size === 0) {
      peersByRoom.delete(this.docId);
      owners.forget(this.docId);
      // Its last holder gone, the room's memory is dropped: the next join loads it from disk.
      stuckRooms.delete(this.docId);
    }
  }
}
