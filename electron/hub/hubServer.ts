import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket } from 'ws';
import { type InvitationRecord, parseRoom, type Room } from '../../shared/model/invitation';
import { readMeetingSummary } from '../../shared/model/meetingDoc';
import { recordClientOwners } from '../../shared/model/clientOwners';
import { holdsSecretariatParts, secretariatDocId } from '../../shared/model/secretariatDoc';
import { holdsLegacyMeetingParts } from '../../shared/model/secretariatMigration';
import { MESSAGE_AWARENESS, permissionDeniedMessage, syncStep1Message } from '../../shared/sync/messages';
import { SyncSession } from '../sync/syncSession';
import type { Logger } from '../storage/logger';
import type { Replica } from '../storage/replicas';
import type { Store } from '../storage/store';
import { ClientOwners } from './clientOwners';
import { DEFAULT_HUB_LIMITS, type HubLimits } from './hubLimits';
import type { Invitations } from './invitations';
import { PresenceGate } from './presenceGate';
import { RefusalLog } from './refusalLog';
import { admit, cannotOpen, CLOSE, type HubReplicas, withMeetingRooms } from './roomAdmission';
import { mayWriteRoom } from './roomRoles';
import { RoomWrites } from './roomWrites';
import { UpgradeLimiter } from './upgradeLimiter';

export { CLOSE, type HubReplicas } from './roomAdmission';

export interface HubOptions {
  store: Store;
  replicas: HubReplicas;
  invitations: Invitations;
  log: Logger;
  now: () => number;
  host?: string;
  port?: number;
  limits?: Partial<HubLimits>;
  tls?: { certFile: string; keyFile: string };
  /** How often live connections are checked against revocations made by other processes. */
  revocationCheckMs?: number;
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  /** Live connections: for presence and tests. */
  connectionCount(): number;
  /** Closes every live connection made with this invitation (after it was revoked). */
  disconnectInvitation(id: string): void;
  close(): Promise<void>;
}

interface Peer {
  ws: WebSocket;
  invitation: InvitationRecord;
  address: string;
  /** The room's registry id. */
  docId: string;
  room: string;
  writes: RoomWrites;
  /** Asks this peer for everything it holds that the room lacks (our sync step 1). */
  askForMissing(): void;
  /** Being shut out: its messages are ignored from now on. */
  closing: boolean;
}

/** Closes with a code the client can read (so it stops retrying, or retries), and cuts it off if it lingers. */
function shut(peer: Peer, code: number, reason: string): void {
  if (peer.closing) return;
  peer.closing = true;
  peer.ws.close(code, reason);
  setTimeout(() => peer.ws.terminate(), 1000).unref();
}

/** The request target, or undefined when it cannot be parsed (any local process can send one). */
function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://hub');
  } catch {
    return undefined;
  }
}

/** The invitation code, from the Authorization header only: a URL is what proxies log. */
function codeFrom(req: IncomingMessage): string {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

/**
 * The hub: a y-websocket protocol server, one room per meeting, per meeting's secretariat and per
 * document, every room backed by a replica persisted in SQLite (a file per room on a headless
 * hub). Connections authenticate with an invitation code; who may write a room depends on the
 * room and the invitation alone (RoomWrites); every update is read before it is applied
 * (updateGate); every resource a participant can spend has a limit (hubLimits). A peer that sends
 * garbage loses only its own connection.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { replicas, invitations, log, store, now } = options;
  const limits: HubLimits = { ...DEFAULT_HUB_LIMITS, ...options.limits };
  const refusals = new RefusalLog(log);
  /** The hub's own writes (the client ids' owners it publishes), told apart from any peer's. */
  const HUB_ORIGIN = Symbol('hub');
  // Each binding is published in the meeting's secretariat doc, which every participant reads and
  // no delegate writes: who really wrote a comment or a proposal, whatever it claims.
  const publishOwners = (room: string, clientIds: number[], invitationId: string) => {
    try {
      const registered = store.getDoc(room);
      const meetingId = registered?.kind === 'meeting' ? registered.id : registered?.meetingId;
      const invitation = store.invitationById(invitationId);
      if (!meetingId || !invitation) return;
      const owner = { role: invitation.role, delegation: invitation.delegation };
      replicas.with(secretariatDocId(meetingId), (secretariat) =>
        recordClientOwners(secretariat.doc, clientIds.map((id) => [id, owner] as [number, typeof owner]), HUB_ORIGIN),
      );
    } catch (error) {
      log.error('hub.owners', { room, error: String(error) });
    }
  };
  const owners = new ClientOwners({ store, now, onBound: publishOwners });
  const peers = new Set<Peer>();
  const peersByRoom = new Map<string, Set<Peer>>();
  const presence = new PresenceGate(limits);
  /** Rooms whose memory an abandoned transaction left untrustworthy: reopened from disk once empty. */
  const stuckRooms = new Set<string>();
  const deps = { store, now, log, limits };
  const busyTime = new BusyTime();

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const url = targetOf(req);
    if (!url) return answer(res, 400, { code: 'invalid_request', message: 'Bad request.' });
    if (req.method === 'GET' && url.pathname === '/v1/invitation') {
      const invitation = invitations.verify(codeFrom(req));
      if (!invitation) return answer(res, 401, { code: 'unauthorized', message: 'This invitation code is unknown or has been revoked.' });
      let meetingTitle: unknown;
      try {
        const secretariat = store.getDoc(secretariatDocId(invitation.meetingId));
        meetingTitle =
          store.getDoc(invitation.meetingId)?.kind === 'meeting' && secretariat?.kind === 'secretariat'
            ? withMeetingRooms(replicas, invitation.meetingId, secretariat.id, (docs) => readMeetingSummary(docs, invitation.meetingId)?.title)
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

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    try {
      serve(req, res);
    } catch (error) {
      log.error('hub.http', { error: String(error) });
      if (!res.headersSent) answer(res, 500, { code: 'internal', message: 'The hub could not answer this request.' });
    }
  };

  // A request whose headers do not arrive in time is cut off, and Node checks often enough that
  // a thousand half-sent upgrades cost seconds, not minutes.
  const serverOptions = { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.headersTimeoutMs * 2, connectionsCheckingInterval: 500 };
  const server: Server = options.tls
    ? createHttpsServer({ ...serverOptions, cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }, onRequest)
    : createHttpServer(serverOptions, onRequest);
  const upgrades = new UpgradeLimiter(limits, (address) => refusals.refused('hub.refused', { reason: 'too many pending connections', address }));
  server.on('connection', (socket: Socket) => upgrades.track(socket));
  // Headers in: whatever the request turns out to be, it is no longer half-sent.
  server.prependListener('request', (req: IncomingMessage) => upgrades.settled(req.socket));
  server.prependListener('upgrade', (req: IncomingMessage) => upgrades.settled(req.socket));
  const wss = new WebSocketServer({ server, maxPayload: limits.maxMessageBytes });
  // The HTTP server's errors (a busy port, say) are re-emitted here; listen() reports them.
  wss.on('error', (error) => log.error('hub.server', { error: String(error) }));

  const connect = (ws: WebSocket, req: IncomingMessage): void => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const url = targetOf(req);
    if (!url) return ws.close(CLOSE.malformed, 'Bad request');
    const invitation = invitations.verify(codeFrom(req));
    if (!invitation) {
      refusals.refused('hub.refused', { reason: 'unknown or revoked code', address, room: url.pathname });
      return ws.close(CLOSE.badCode, 'Unknown or revoked invitation code');
    }
    const room = parseRoom(url.pathname);
    if (!room) return ws.close(CLOSE.malformed, 'No such room');
    let live = 0;
    let fromAddress = 0;
    for (const peer of peers) {
      if (peer.invitation.id === invitation.id) live += 1;
      if (peer.address === address) fromAddress += 1;
    }
    if (live >= limits.maxConnectionsPerInvitation || fromAddress >= limits.maxConnectionsPerAddress) {
      refusals.refused('hub.refused', { reason: 'too many connections', invitation: invitation.id, address });
      return ws.close(CLOSE.limit, 'Too many connections with this invitation or from this address');
    }
    let admitted: ReturnType<typeof admit>;
    try {
      admitted = admit(deps, room, invitation);
    } catch (error) {
      admitted = cannotOpen(log, 'hub.admit', url.pathname, error);
    }
    if ('close' in admitted) {
      refusals.refused('hub.refused', { reason: admitted.reason, invitation: invitation.id, room: url.pathname });
      return ws.close(admitted.close, admitted.reason);
    }
    if (stuckRooms.has(admitted.docId)) return ws.close(CLOSE.busy, 'This room is being reloaded; try again shortly');
    let replica: Replica;
    try {
      replica = replicas.acquire(admitted.docId);
    } catch (error) {
      const refused = cannotOpen(log, 'hub.load', url.pathname, error);
      return ws.close(refused.close, refused.reason);
    }
    join(ws, { invitation, address, room, docId: admitted.docId, path: url.pathname, replica });
  };

  const join = (ws: WebSocket, at: { invitation: InvitationRecord; address: string; room: Room; docId: string; path: string; replica: Replica }) => {
    const { invitation, replica, docId } = at;
    const send = (data: Uint8Array) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    };
    let confirmTimer: NodeJS.Timeout | undefined;
    // Telling a writer our state vector after its changes are stored is how it learns, through
    // the plain y-websocket protocol, which of its changes the hub has confirmed.
    const confirmSoon = () => {
      confirmTimer ??= setTimeout(() => {
        confirmTimer = undefined;
        // Never confirm what is only in memory: a change the hub failed to store is not held.
        if (replica.persistenceError || stuckRooms.has(docId)) return;
        send(syncStep1Message(replica.doc));
      }, 20);
    };
    // Once the secretariat's room holds its parts, it always will: checked until then only.
    let openToDelegates = false;
    const writes = new RoomWrites({
      room: at.room,
      roomId: docId,
      invitation,
      replica,
      owners,
      limits,
      openToDelegates:
        at.room.kind === 'meeting'
          ? () =>
              (openToDelegates ||=
                !holdsLegacyMeetingParts(replica.doc) || replicas.with(secretariatDocId(at.room.meetingId), (r) => holdsSecretariatParts(r.doc)))
          : undefined,
    });
    let asked = false;
    const peer: Peer = {
      ws,
      invitation,
      address: at.address,
      docId,
      room: at.path,
      writes,
      closing: false,
      askForMissing: () => {
        if (asked) return;
        asked = true;
        send(syncStep1Message(replica.doc));
      },
    };
    peers.add(peer);
    let roomPeers = peersByRoom.get(docId);
    if (!roomPeers) peersByRoom.set(docId, (roomPeers = new Set()));
    roomPeers.add(peer);
    const readOnly = !mayWriteRoom(invitation.role, at.room.kind);
    const refuse = (event: string, reason: string) => refusals.refused(event, { reason, invitation: invitation.id, room: peer.room });

    let changed = false;
    const session = new SyncSession(
      replica,
      {
        send,
        saved: () => undefined,
        failed: (error) => {
          refuse('hub.message-refused', error.message);
          shut(peer, error.code === 'invalid_message' ? CLOSE.malformed : 1011, error.code === 'invalid_message' ? 'Malformed message' : 'Storage failed');
        },
        refused: () => refuse('hub.presence-refused', 'presence beyond what the invitation grants, or over its limits'),
        abandoned: (error) => stuck(docId, error),
      },
      {
        admit: (update, isAnswer) => {
          if (isAnswer) asked = false;
          const decision = writes.judge(update, isAnswer);
          if ('apply' in decision) {
            writes.awaitingOthers = false;
            return decision.apply;
          }
          if ('refuse' in decision) {
            refuse('hub.update-refused', decision.refuse);
            shut(peer, CLOSE.malformed, closeReason(`The hub refused an update: ${decision.refuse}.`));
          } else if ('deny' in decision) {
            refuse('hub.update-denied', decision.deny);
            send(permissionDeniedMessage(decision.deny));
          } else if ('askForMissing' in decision) {
            peer.askForMissing();
          } else if (decision.ignore) {
            refuse('hub.update-withheld', decision.ignore);
          }
          return null;
        },
        presence: (clientId, state, bytes, clock) => {
          const known = replica.awareness.meta.get(clientId)?.clock;
          const verdict = presence.judge(peer, clientId, state, bytes, clock, known, invitation);
          // Presence shows everyone a peer's client id before it types: the id is bound to the
          // invitation that showed it first, so nobody who sees it can claim it first.
          if (verdict === 'apply' && state !== null && !readOnly && owners.ownerOf(docId, clientId) === undefined) owners.bind(docId, [clientId], invitation.id);
          return verdict;
        },
      },
    );

    const onRoomUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === session) changed = true;
      // What a peer was waiting for may have just arrived: ask it again for what it holds.
      else if (writes.awaitingOthers) {
        writes.awaitingOthers = false;
        asked = false;
        peer.askForMissing();
      }
    };
    replica.doc.on('update', onRoomUpdate);
    ws.on('message', (data, isBinary) => {
      // Once a peer is being shut out nothing more it sends is applied, close handshake or not.
      if (peer.closing || ws.readyState !== ws.OPEN) return;
      if (!isBinary) return shut(peer, CLOSE.malformed, 'Expected binary y-websocket messages');
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const message = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (isPresence(message) && !presence.admitNow(peer, () => deliver(message))) return;
      deliver(message);
    });
    const deliver = (message: Uint8Array) => {
      if (peer.closing) return;
      changed = false;
      const start = performance.now();
      session.receive(message);
      const spent = busyTime.spend(invitation.id, performance.now() - start);
      if (spent > limits.applyMsPer10s) {
        refuse('hub.update-refused', `took ${Math.round(spent)} ms of the hub's time within 10 s`);
        for (const other of peers) if (other.invitation.id === invitation.id) shut(other, CLOSE.busy, 'This invitation has kept the hub too busy; try again shortly');
      }
      if (changed) confirmSoon();
    };
    ws.on('close', () => {
      presence.forget(peer);
      replica.doc.off('update', onRoomUpdate);
      clearTimeout(confirmTimer);
      peers.delete(peer);
      roomPeers.delete(peer);
      session.close();
      replicas.release(replica);
      if (roomPeers.size === 0) {
        peersByRoom.delete(docId);
        owners.forget(docId);
        // Its last holder gone, the room's memory is dropped: the next join loads it from disk.
        stuckRooms.delete(docId);
      }
    });
    ws.on('error', (error) => log.error('hub.ws', { error: String(error) }));
  };

  /**
   * Applying an update threw half-way: nothing of it was stored or relayed, but the room's memory
   * holds part of it. Everyone in the room is sent away to come back shortly, so the room is
   * loaded again from its file, which holds only completed changes.
   */
  const stuck = (docId: string, error: Error) => {
    log.error('hub.room-stuck', { room: docId, error: String(error) });
    stuckRooms.add(docId);
    for (const peer of peersByRoom.get(docId) ?? []) shut(peer, CLOSE.busy, 'This room is being reloaded; try again shortly');
  };

  wss.on('connection', (ws, req) => {
    try {
      connect(ws, req);
    } catch (error) {
      log.error('hub.connection', { error: String(error) });
      ws.close(1011, 'The hub could not open this room');
    }
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
        if (!seen.has(id)) {
          seen.set(id, invitations.isActive(id));
          if (!seen.get(id)) refusals.refused('hub.revoked', { reason: 'invitation revoked', invitation: id });
        }
        if (!seen.get(id)) shut(peer, CLOSE.revoked, 'Invitation revoked');
      }
    } catch (error) {
      log.error('hub.revocation-check', { error: String(error) });
    }
  }, options.revocationCheckMs ?? 2000);
  revocationCheck.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    clearInterval(revocationCheck);
    refusals.close();
    upgrades.close();
    wss.close();
    throw error;
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
      refusals.close();
      upgrades.close();
      for (const peer of peers) peer.ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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

/** Time spent applying each invitation's updates, per 10 s window. */
class BusyTime {
  private readonly windows = new Map<string, { since: number; ms: number }>();

  /** Adds `ms` to the invitation's current window; returns the window's total. */
  spend(invitationId: string, ms: number): number {
    const now = Date.now();
    let window = this.windows.get(invitationId);
    if (!window || now - window.since > 10_000) this.windows.set(invitationId, (window = { since: now, ms: 0 }));
    window.ms += ms;
    return window.ms;
  }
}
