import { closeSync, openSync } from 'node:fs';
import type * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import type { InvitationRecord, Room } from '../../shared/model/invitation';
import { isSecretariatDocId, secretariatDocId } from '../../shared/model/secretariatDoc';
import type { Logger } from '../storage/logger';
import type { Replica } from '../storage/replicas';
import type { HubStore } from '../storage/hubTables';
import type { HubLimits } from './hubLimits';

/**
 * Close codes. y-websocket clients stop reconnecting on 4400–4499, so those mean "do not retry";
 * 4500–4599 and 1013 mean "try again later".
 */
export const CLOSE = {
  malformed: 4400,
  badCode: 4401,
  revoked: 4403,
  wrongMeeting: 4404,
  /** A limit of the hub's (documents per meeting, rooms per invitation, connections). */
  limit: 4429,
  /** An observer opening a document nobody has created on this hub yet: retried. */
  notYetKnown: 1008,
  /** The room is being reloaded, or the hub is short of file handles: retried. */
  busy: 1013,
  /** The room's file cannot be read: back once the operator restores it. */
  unreadable: 4500,
} as const;

export type Admission = { docId: string } | { close: number; reason: string };

export interface AdmissionDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
  limits: HubLimits;
}

/**
 * What the hub needs of the replicas it serves: the app's own when it hosts on the local network,
 * one file per room (RoomReplicas) when it runs headless.
 */
export interface HubReplicas {
  acquire(id: string): Replica;
  release(replica: Replica): void;
  with<T>(id: string, fn: (replica: Replica) => T): T;
}

/**
 * Registers a meeting and, with it, its secretariat doc, so that the secretariat doc's id is held
 * for it before anyone could name that id for anything else. Refuses a meeting id that this hub
 * holds as something else, or that lies in the secretariat docs' reserved names.
 */
export function registerMeeting(deps: AdmissionDeps, meetingId: string): { secretariatId: string } | { close: number; reason: string } {
  const { store, now } = deps;
  if (isSecretariatDocId(meetingId)) return { close: CLOSE.wrongMeeting, reason: 'This is not a meeting' };
  const meeting = store.getDoc(meetingId) ?? store.ensureDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: now() });
  if (meeting.kind !== 'meeting') return { close: CLOSE.wrongMeeting, reason: 'This hub holds something else under this meeting’s id' };
  const secretariatId = secretariatDocId(meetingId);
  const secretariat = store.getDoc(secretariatId) ?? store.ensureDoc({ id: secretariatId, kind: 'secretariat', meetingId, now: now() });
  if (secretariat.kind !== 'secretariat' || secretariat.meetingId !== meetingId) {
    deps.log.error('hub.secretariat-id-taken', { meetingId, secretariatId });
    return { close: CLOSE.wrongMeeting, reason: 'This hub holds something else under this meeting’s secretariat id' };
  }
  return { secretariatId };
}

/**
 * A room's doc id, or a close code saying why it may not be joined. A document is registered once,
 * with its kind and meeting, when a writer of that meeting first opens its address (which is how
 * the app publishes a document it created): never because some list names it.
 */
export function admit(deps: AdmissionDeps, room: Room, invitation: InvitationRecord): Admission {
  const { store, now, limits } = deps;
  if (room.meetingId !== invitation.meetingId) return { close: CLOSE.wrongMeeting, reason: 'This invitation is for another meeting' };
  const registered = registerMeeting(deps, room.meetingId);
  if ('close' in registered) return registered;
  if (room.kind === 'meeting') return { docId: room.meetingId };
  if (room.kind === 'secretariat') return { docId: registered.secretariatId };
  // A secretariat doc is served only through its secretariat room, where only the secretariat
  // writes: through a document room a delegate would write it with a delegate's rights.
  if (isSecretariatDocId(room.docId) || room.docId === room.meetingId) return { close: CLOSE.wrongMeeting, reason: 'This is not a document room' };
  const known = store.getDoc(room.docId);
  if (known) {
    if (known.kind !== 'declaration') return { close: CLOSE.wrongMeeting, reason: 'This is not a document room' };
    return known.meetingId === room.meetingId ? { docId: room.docId } : { close: CLOSE.wrongMeeting, reason: 'This document belongs to another meeting' };
  }
  if (invitation.role === 'observer') return { close: CLOSE.notYetKnown, reason: 'Nobody has published this document on the hub yet' };
  if (store.countDocs({ meetingId: room.meetingId }) >= limits.maxDocumentsPerMeeting + 1) {
    return { close: CLOSE.limit, reason: `This meeting holds the most documents a hub keeps for one meeting (${limits.maxDocumentsPerMeeting})` };
  }
  if (store.countDocs({ createdBy: invitation.id }) >= limits.maxRoomsPerInvitation) {
    return { close: CLOSE.limit, reason: `This invitation has created the most documents it may (${limits.maxRoomsPerInvitation})` };
  }
  store.ensureDoc({ id: room.docId, kind: 'declaration', meetingId: room.meetingId, now: now(), createdBy: invitation.id });
  return { docId: room.docId };
}

/**
 * Whether this process is out of file handles, or so near it that a room's file (SQLite opens the
 * database and its journal files) cannot be opened: SQLite then only says "unable to open
 * database file", and the handles its failed attempt took are free again by the time we look, so
 * a single free handle proves nothing.
 */
function outOfFileHandles(headroom = 4): boolean {
  const opened: number[] = [];
  try {
    for (let i = 0; i < headroom; i += 1) opened.push(openSync(process.execPath, 'r'));
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EMFILE' || (error as NodeJS.ErrnoException).code === 'ENFILE';
  } finally {
    for (const fd of opened) closeSync(fd);
  }
}

/**
 * The close for a room that could not be opened. Running out of file handles is the hub's
 * momentary state, said as such and retried; an unreadable file is the operator's to restore (it is
 * left as it was), so it is logged with its path and the client is told so; other rooms are
 * unaffected.
 */
export function cannotOpen(log: Logger, event: string, room: string, error: unknown): { close: number; reason: string } {
  if (outOfFileHandles()) {
    log.error('hub.too-many-open-files', { room, error: String(error) });
    return { close: CLOSE.busy, reason: 'The hub has too many files open; try again shortly' };
  }
  if (error instanceof AccordError && error.code === 'storage_unavailable') {
    log.error('hub.room-unreadable', { room, file: error.file, error: error.message });
    return { close: CLOSE.unreadable, reason: "The hub cannot read this room's file; the hub's operator must restore it" };
  }
  log.error(event, { room, error: String(error) });
  return { close: 1011, reason: 'The hub could not open this room' };
}

/** Runs `fn` on a registered meeting's two docs, held just for the call. */
export function withMeetingRooms<T>(replicas: HubReplicas, meetingId: string, secretariatId: string, fn: (docs: { meeting: Y.Doc; secretariat: Y.Doc }) => T): T {
  return replicas.with(meetingId, (meeting) => replicas.with(secretariatId, (secretariat) => fn({ meeting: meeting.doc, secretariat: secretariat.doc })));
}
