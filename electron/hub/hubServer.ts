import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import { type InvitationRecord, parseRoom, type Room } from '../../shared/model/invitation';
import { mayChange } from './rolePolicy';
import { mayWriteRoom } from './roomRoles';
import { EntityId } from '../../shared/model/meeting';
import { MEETING_DOCUMENTS, readAllMeetingDocuments, readMeetingDocuments, readMeetingSummary, readOfficialDocumentList } from '../../shared/model/meetingDoc';
import { isSecretariatDocId, SECRETARIAT_ROOTS, secretariatDocId } from '../../shared/model/secretariatDoc';
import { MESSAGE_SYNC, SyncSession } from '../api/syncSession';
import type { Logger } from '../services/logger';
import type { Replica, Replicas } from '../services/replicas';
import type { Store } from '../services/store';
import type { Invitations } from './invitations';

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Close codes. y-websocket clients stop reconnecting on 4400–4499, so those mean "do not retry";
 * 1008 is retried (a document the hub has not heard of yet may arrive with the meeting's next update).
 */
export const CLOSE = {
  malformed: 4400,
  badCode: 4401,
  revoked: 4403,
  wrongMeeting: 4404,
  notYetKnown: 1008,
  /** 4500–4599 is "try again later" to y-websocket clients: the room is back once its file is restored. */
  unreadable: 4500,
} as const;

/**
 * What the hub needs of the replicas it serves: the app's own when it hosts on the local network,
 * one file per room (RoomReplicas) when it runs headless.
 */
export type HubReplicas = Pick<Replicas, 'acquire' | 'release' | 'with'>;

export interface HubOptions {
  store: Store;
  replicas: HubReplicas;
  invitations: Invitations;
  log: Logger;
  now: () => number;
  host?: string;
  port?: number;
  maxMessageBytes?: number;
  tls?: { certFile: string; keyFile: string };
  /** How often live connections are checked against revocations made by other processes. */
  revocationCheckMs?: number;
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  /** Live connections, per room name: for presence and tests. */
  connectionCount(): number;
  /** Closes every live connection made with this invitation (after it was revoked). */
  disconnectInvitation(id: string): void;
  close(): Promise<void>;
}

interface Peer {
  ws: WebSocket;
  invitation: InvitationRecord;
  room: string;
  /** Being shut out: its messages are ignored from now on. */
  closing: boolean;
}

/** Whether a presence state claims no more than the invitation grants (role, delegation, seat). */
function presenceMatches(state: Record<string, unknown>, invitation: InvitationRecord): boolean {
  const data = state.awarenessData as { role?: unknown; delegation?: unknown } | undefined;
  if (data?.role !== undefined && data.role !== invitation.role) return false;
  if (data?.delegation !== undefined && data.delegation !== invitation.delegation) return false;
  const seat = state.participant;
  if (seat !== undefined && (typeof seat !== 'string' || !seat.startsWith(`${invitation.role}|${invitation.delegation ?? ''}|`))) return false;
  return true;
}

/** Closes with a code the client can read (so it stops retrying), and cuts it off if it lingers. */
function shut(peer: Peer, code: number, reason: string): void {
  if (peer.closing) return;
  peer.closing = true;
  peer.ws.close(code, reason);
  setTimeout(() => peer.ws.terminate(), 1000).unref();
}

type Admission = { docId: string } | { close: number; reason: string };

/**
 * Registers a meeting and, with it, its secretariat doc, so that the secretariat doc's id is held
 * for it before anyone could name that id for anything else. Refuses a meeting id that this hub
 * holds as something else, or that lies in the secretariat docs' reserved names.
 */
function registerMeeting(options: HubOptions, meetingId: string): { secretariatId: string } | { close: number; reason: string } {
  const { store, now } = options;
  if (isSecretariatDocId(meetingId)) return { close: CLOSE.wrongMeeting, reason: 'This is not a meeting' };
  const meeting = store.getDoc(meetingId) ?? store.ensureDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: now() });
  if (meeting.kind !== 'meeting') return { close: CLOSE.wrongMeeting, reason: 'This hub holds something else under this meeting’s id' };
  const secretariatId = secretariatDocId(meetingId);
  const secretariat = store.getDoc(secretariatId) ?? store.ensureDoc({ id: secretariatId, kind: 'secretariat', meetingId, now: now() });
  if (secretariat.kind !== 'secretariat' || secretariat.meetingId !== meetingId) {
    options.log.error('hub.secretariat-id-taken', { meetingId, secretariatId });
    return { close: CLOSE.wrongMeeting, reason: 'This hub holds something else under this meeting’s secretariat id' };
  }
  return { secretariatId };
}

/** Runs `fn` on a registered meeting's two docs, held just for the call. */
function withMeetingRooms<T>(options: HubOptions, meetingId: string, secretariatId: string, fn: (docs: { meeting: Y.Doc; secretariat: Y.Doc }) => T): T {
  return options.replicas.with(meetingId, (meeting) => options.replicas.with(secretariatId, (secretariat) => fn({ meeting: meeting.doc, secretariat: secretariat.doc })));
}

/** A room's doc id, registering it in the hub's store, or a close code why it may not be joined. */
function admit(options: HubOptions, room: Room, invitation: InvitationRecord): Admission {
  const { store, now } = options;
  if (room.kind === 'meeting' || room.kind === 'secretariat') {
    if (room.meetingId !== invitation.meetingId) return { close: CLOSE.wrongMeeting, reason: 'This invitation is for another meeting' };
    const registered = registerMeeting(options, room.meetingId);
    if ('close' in registered) return registered;
    return { docId: room.kind === 'meeting' ? room.meetingId : registered.secretariatId };
  }
  // A secretariat doc is served only through its secretariat room, where only the secretariat
  // writes: through a document room a delegate would write it with a delegate's rights.
  if (isSecretariatDocId(room.docId)) return { close: CLOSE.wrongMeeting, reason: 'This is not a document room' };
  const known = store.getDoc(room.docId);
  if (known) {
    if (known.kind !== 'declaration') return { close: CLOSE.wrongMeeting, reason: 'This is not a document room' };
    return known.meetingId === invitation.meetingId ? { docId: room.docId } : { close: CLOSE.wrongMeeting, reason: 'This document belongs to another meeting' };
  }
  if (store.getDoc(invitation.meetingId)?.kind !== 'meeting') return { close: CLOSE.notYetKnown, reason: 'The meeting has not reached this hub yet' };
  const registered = registerMeeting(options, invitation.meetingId);
  if ('close' in registered) return registered;
  const listed = withMeetingRooms(options, invitation.meetingId, registered.secretariatId, (docs) =>
    readAllMeetingDocuments(docs).some((d) => d.id === room.docId),
  );
  if (!listed) return { close: CLOSE.notYetKnown, reason: 'The meeting does not list this document (yet)' };
  store.ensureDoc({ id: room.docId, kind: 'declaration', meetingId: invitation.meetingId, now: now() });
  return { docId: room.docId };
}

/**
 * The close for a room that could not be opened. An unreadable file is the operator's to restore
 * (it is left as it was), so it is logged with its path and the client is told so; other rooms
 * are unaffected.
 */
function cannotOpen(log: Logger, event: string, room: string, error: unknown): { close: number; reason: string } {
  if (error instanceof AccordError && error.code === 'storage_unavailable') {
    log.error('hub.room-unreadable', { room, file: error.file, error: error.message });
    return { close: CLOSE.unreadable, reason: "The hub cannot read this room's file; the hub's operator must restore it" };
  }
  log.error(event, { room, error: String(error) });
  return { close: 1011, reason: 'The hub could not open this room' };
}

/** The request target, or undefined when it cannot be parsed (any local process can send one). */
function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://hub');
  } catch {
    return undefined;
  }
}

function codeFrom(req: IncomingMessage, url: URL): string {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? url.searchParams.get('code') ?? '';
}

/**
 * The hub: a y-websocket protocol server, one room per meeting and per document, every room
 * backed by a replica persisted in SQLite (a file per room on a headless hub). Connections
 * authenticate with an invitation code; observers read but never write; a peer that sends
 * garbage loses only its own connection.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { replicas, invitations, log } = options;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const peers = new Set<Peer>();
  const presenceOwners = new Map<number, Peer>();

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    try {
      serve(req, res);
    } catch (error) {
      log.error('hub.http', { error: String(error) });
      if (!res.headersSent) answer(res, 500, { code: 'internal', message: 'The hub could not answer this request.' });
    }
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const url = targetOf(req);
    if (!url) return answer(res, 400, { code: 'invalid_request', message: 'Bad request.' });
    if (req.method === 'GET' && url.pathname === '/v1/invitation') {
      const invitation = invitations.verify(codeFrom(req, url));
      if (!invitation) return answer(res, 401, { code: 'unauthorized', message: 'This invitation code is unknown or has been revoked.' });
      let meetingTitle: unknown;
      try {
        const secretariat = options.store.getDoc(secretariatDocId(invitation.meetingId));
        meetingTitle =
          options.store.getDoc(invitation.meetingId)?.kind === 'meeting' && secretariat?.kind === 'secretariat'
            ? withMeetingRooms(options, invitation.meetingId, secretariat.id, (docs) => readMeetingSummary(docs, invitation.meetingId)?.title)
            : undefined;
      } catch (error) {
        // The code is good even if the meeting's room cannot be read: joining says why, later.
        log.error('hub.invitation-title', { meetingId: invitation.meetingId, error: String(error) });
      }
      return answer(res, 200, {
        meetingId: invitation.meetingId,
        role: invitation.role,
        delegation: invitation.delegation,
        meetingTitle: typeof meetingTitle === 'string' ? meetingTitle : null,
      });
    }
    if (req.method === 'GET' && url.pathname === '/v1/health') return answer(res, 200, { ok: true });
    answer(res, 404, { code: 'not_found', message: 'Not found.' });
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }, onRequest)
    : createHttpServer(onRequest);
  const wss = new WebSocketServer({ server, maxPayload: maxMessageBytes });

  wss.on('connection', (ws, req) => {
    const url = targetOf(req);
    if (!url) return ws.close(CLOSE.malformed, 'Bad request');
    const invitation = invitations.verify(codeFrom(req, url));
    if (!invitation) {
      log.error('hub.refused', { reason: 'unknown or revoked code', path: url.pathname });
      return ws.close(CLOSE.badCode, 'Unknown or revoked invitation code');
    }
    const room = parseRoom(url.pathname);
    if (!room) return ws.close(CLOSE.malformed, 'No such room');
    let admitted: ReturnType<typeof admit>;
    try {
      admitted = admit(options, room, invitation);
    } catch (error) {
      // A document room is admitted by reading its meeting's room, which may be the unreadable one.
      admitted = cannotOpen(log, 'hub.admit', url.pathname, error);
    }
    if ('close' in admitted) return ws.close(admitted.close, admitted.reason);

    let replica: Replica;
    try {
      replica = replicas.acquire(admitted.docId);
    } catch (error) {
      const refused = cannotOpen(log, 'hub.load', url.pathname, error);
      return ws.close(refused.close, refused.reason);
    }
    const peer: Peer = { ws, invitation, room: url.pathname, closing: false };
    peers.add(peer);
    let confirmTimer: NodeJS.Timeout | undefined;
    const send = (data: Uint8Array) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    };
    // Telling a writer our state vector after its changes are stored is how it learns, through
    // the plain y-websocket protocol, which of its changes the hub has confirmed.
    const confirmSoon = () => {
      confirmTimer ??= setTimeout(() => {
        confirmTimer = undefined;
        // Never confirm what is only in memory: a change the hub failed to store is not held.
        if (replica.persistenceError) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, replica.doc);
        send(encoding.toUint8Array(encoder));
      }, 20);
    };
    const session = new SyncSession(
      replica,
      {
        send,
        saved: () => undefined,
        failed: (error) => {
          log.error('hub.message', { room: peer.room, invitation: invitation.id, error: error.message });
          shut(peer, error.code === 'invalid_message' ? CLOSE.malformed : 1011, error.code === 'invalid_message' ? 'Malformed message' : 'Storage failed');
        },
        // An observer's change, a delegate's change to the secretariat's room or to the legacy
        // secretariat parts of a meeting room, or a presence claim beyond the invitation: dropped,
        // never applied.
        refused: () => log.error('hub.message-dropped', { room: peer.room, invitation: invitation.id, role: invitation.role }),
      },
      {
        // The secretariat's room is written by the secretariat alone, whatever an update holds.
        canWrite: mayWriteRoom(invitation.role, room.kind),
        mayChange: room.kind === 'secretariat' ? undefined : (update) => mayChange(invitation.role, room.kind, replica.doc, update),
        // Presence is a claim about oneself: a peer sets only its own entries (first come), and
        // says only the role and delegation its invitation gives it.
        presence: (clientId, state) => {
          const owner = presenceOwners.get(clientId);
          if (owner && owner !== peer) return false;
          if (state && !presenceMatches(state, invitation)) return false;
          presenceOwners.set(clientId, peer);
          return true;
        },
      },
    );
    // A document is registered to its meeting the moment either of the meeting's lists names it,
    // before any client opens it: nobody who learns its id from a list can then claim it for
    // another meeting, nor name a secretariat doc (whose room rules differ) as a document.
    const list =
      room.kind === 'meeting'
        ? replica.doc.getMap(MEETING_DOCUMENTS)
        : room.kind === 'secretariat'
          ? replica.doc.getMap(SECRETARIAT_ROOTS.officialDocuments)
          : null;
    const listed = (): string[] =>
      room.kind === 'meeting' ? readMeetingDocuments(replica.doc).map((d) => d.id) : readOfficialDocumentList(replica.doc).map((d) => d.id);
    const refusedListings = new Set<string>();
    const registerListed = () => {
      if (room.kind === 'doc') return;
      for (const id of listed()) {
        if (isSecretariatDocId(id)) {
          if (!refusedListings.has(id)) log.error('hub.foreign-document', { room: peer.room, doc: id });
          refusedListings.add(id);
          continue;
        }
        if (options.store.getDoc(id) || !EntityId.safeParse(id).success) continue;
        options.store.ensureDoc({ id, kind: 'declaration', meetingId: room.meetingId, now: options.now() });
      }
    };
    list?.observe(registerListed);
    registerListed();

    // Only a message that really changed the room is confirmed: the client's answer to our
    // state vector is a sync step 2 too, usually empty, and confirming that would never end.
    let changed = false;
    const onRoomUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === session) changed = true;
    };
    replica.doc.on('update', onRoomUpdate);
    ws.on('message', (data, isBinary) => {
      // Once a peer is being shut out nothing more it sends is applied, close handshake or not.
      if (peer.closing || ws.readyState !== ws.OPEN) return;
      if (!isBinary) return shut(peer, CLOSE.malformed, 'Expected binary y-websocket messages');
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      changed = false;
      session.receive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (changed) confirmSoon();
    });
    ws.on('close', () => {
      list?.unobserve(registerListed);
      for (const [clientId, owner] of presenceOwners) if (owner === peer) presenceOwners.delete(clientId);
      replica.doc.off('update', onRoomUpdate);
      clearTimeout(confirmTimer);
      peers.delete(peer);
      session.close();
      replicas.release(replica);
    });
    ws.on('error', (error) => log.error('hub.ws', { error: String(error) }));
  });

  const disconnectInvitation = (id: string) => {
    for (const peer of peers) if (peer.invitation.id === id) shut(peer, CLOSE.revoked, 'Invitation revoked');
  };

  // Revocations may come from the CLI in another process: recheck live connections regularly.
  const revocationCheck = setInterval(() => {
    try {
      const seen = new Map<string, boolean>();
      for (const peer of peers) {
        const id = peer.invitation.id;
        if (!seen.has(id)) seen.set(id, invitations.isActive(id));
        if (!seen.get(id)) shut(peer, CLOSE.revoked, 'Invitation revoked');
      }
    } catch (error) {
      log.error('hub.revocation-check', { error: String(error) });
    }
  }, options.revocationCheckMs ?? 2000);
  revocationCheck.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `${options.tls ? 'wss' : 'ws'}://${shownHost}:${port}`,
    port,
    connectionCount: () => peers.size,
    disconnectInvitation,
    async close() {
      clearInterval(revocationCheck);
      for (const peer of peers) peer.ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
