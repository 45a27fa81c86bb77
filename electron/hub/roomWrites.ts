import * as Y from 'yjs';
import type { InvitationRecord, Room } from '../../shared/model/invitation';
import type { Replica } from '../storage/replicas';
import type { ClientOwners } from './clientOwners';
import type { HubLimits } from './hubLimits';
import { mayWriteRoom } from './roomRoles';
import { inspectUpdate } from './updateGate';

/** What the hub does with one update from one connection. */
export type WriteDecision =
  /** Apply this (the update, or what is left of it once others' structs are set aside). */
  | { apply: Uint8Array }
  /** Nothing to apply, nothing to say: an empty answer, or a relay whose owners will send it themselves. */
  | { ignore: string | null }
  /** Not applied; the peer is told with y-protocols' permission-denied message and stays connected. */
  | { deny: string }
  /** Not applied; the peer is sent our state vector, so its next sync step 2 brings what is missing. */
  | { askForMissing: true }
  /** A crafted update: the connection is closed. */
  | { refuse: string };

/** A state vector that sets aside every struct of these clients (diffUpdate skips what it "has"). */
function withoutClients(update: Uint8Array, clients: Iterable<number>): Uint8Array {
  return Y.diffUpdate(update, Y.encodeStateVector(new Map([...clients].map((client) => [client, Number.MAX_SAFE_INTEGER]))));
}

/**
 * The write rules of one connection in one room, judged on the room and the invitation alone,
 * never on which fields an update touches:
 * - readers (observers anywhere, delegates in the secretariat's room) write nothing;
 * - an update is read once by the gate (size, nesting, references) before anything else;
 * - structs under a client id owned by another invitation, or that the meeting's record of owners
 *   names for another role or delegation (a meeting moved here), are set aside; the secretariat
 *   relays anyone's (README, "What the hub guarantees");
 * - an update referring to what the room has not seen is not applied: the peer is asked for it, and
 *   denied only if its answer to that still lacks it;
 * - a room stops growing at its size limit.
 */
export class RoomWrites {
  /** Set while an update waits for another invitation's changes: re-asked when the room changes. */
  awaitingOthers = false;

  constructor(
    private readonly deps: {
      room: Room;
      /** The room's registry id, which client-id bindings are kept under. */
      roomId: string;
      invitation: InvitationRecord;
      replica: Replica;
      owners: ClientOwners;
      limits: HubLimits;
      /**
       * False while a meeting room still holds a legacy meeting's secretariat parts that the
       * secretariat has not copied to its room: until then those parts are what everyone reads and
       * what the secretariat copies, so the room is the secretariat's alone. A state of the room,
       * not a reading of fields.
       */
      openToDelegates?: () => boolean;
    },
  ) {}

  judge(received: Uint8Array, answer: boolean): WriteDecision {
    const { room, roomId, invitation, replica, owners, limits } = this.deps;
    const doc = replica.doc;
    const first = inspectUpdate(doc, received, limits.update);
    if (first.verdict === 'invalid') return { refuse: first.reason };
    const reader = !mayWriteRoom(invitation.role, room.kind) || (invitation.role === 'delegate' && this.deps.openToDelegates?.() === false);
    if (reader) {
      // A reader's answer to our state vector holds nothing new when it wrote nothing.
      return first.changes || first.waitsFor.size > 0 ? { deny: 'This invitation may read this room but not write to it.' } : { ignore: null };
    }

    let update = received;
    let inspection = first;
    const foreign = [...first.writers].filter((client) => !owners.mayWrite(roomId, client, invitation));
    if (foreign.length > 0 && invitation.role !== 'secretariat') {
      update = withoutClients(received, foreign);
      const rest = inspectUpdate(doc, update, limits.update);
      if (rest.verdict === 'invalid') return { refuse: rest.reason };
      inspection = rest;
    }

    if (inspection.waitsFor.size > 0) {
      const othersOnly = [...inspection.waitsFor].every((client) => !owners.mayWrite(roomId, client, invitation));
      // What only another invitation can send (after a hub was restored from a backup, say, or what
      // the record of a meeting moved here names for another delegation) is waited for: that
      // participant's app sends it when it next connects.
      if (othersOnly && foreign.length > 0) {
        this.awaitingOthers = true;
        return { ignore: 'waits for changes another participant has not sent yet' };
      }
      if (!answer) return { askForMissing: true };
      return { deny: 'This change refers to changes the hub has never received.' };
    }
    if (!inspection.changes) return { ignore: foreign.length > 0 ? 'only other participants’ changes, which they send themselves' : null };
    if (replica.storedBytes + update.byteLength > limits.maxRoomBytes) {
      const limit = limits.maxRoomBytes >= 1024 * 1024 ? `${Math.round(limits.maxRoomBytes / 1024 / 1024)} MB` : `${Math.round(limits.maxRoomBytes / 1024)} KB`;
      return { deny: `This room has reached its size limit (${limit}) on the hub.` };
    }
    // A delegate's write binds the ids it is the first to write with. The secretariat's binds
    // nothing: it relays everyone's (a meeting moved to this hub, a hub restored from a backup),
    // and each owner binds its ids by showing them in presence or by its own first write. Nor does
    // a relay of changes the room already holds some of bind them to whoever relays them.
    if (invitation.role !== 'secretariat') {
      owners.bind(roomId, [...inspection.writers].filter((client) => Y.getState(doc.store, client) === 0), invitation);
    }
    return { apply: update };
  }
}
