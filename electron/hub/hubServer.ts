import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRoom } from '../../shared/model/invitation';
import { ClientOwner, recordClientOwners } from '../../shared/model/clientOwners';
import { SECRETARIAT_ROOTS, secretariatDocId } from '../../shared/model/secretariatDoc';
import type { Logger } from '../storage/logger';
import type { Replica } from '../storage/replicas';
import type { HubStore } from '../storage/hubTables';
import { BusyTime } from './busyTime';
import { ClientOwners } from './clientOwners';
import { codeFrom, hubRequestHandler, targetOf } from './hubHttp';
import { DEFAULT_HUB_LIMITS, type HubLimits } from './hubLimits';
import type { Invitations } from './invitations';
import { PresenceGate } from './presenceGate';
import { RefusalLog } from './refusalLog';
import { admit, cannotOpen, CLOSE, type HubReplicas } from './roomAdmission';
import { type HubRooms, RoomPeer } from './roomPeer';
import { UpgradeLimiter } from './upgradeLimiter';

export { CLOSE, type HubReplicas } from './roomAdmission';

/** Said to a delegate's app when its meeting is not hosted now: retried, as hosting may resume. */
const NOT_SERVED = 'This meeting is not hosted here now; its host may host it again';

export interface HubOptions {
  store: HubStore;
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
  /**
   * Which meetings this hub serves now: a laptop hosting on the local network stops serving a
   * meeting without revoking its codes, so hosting it again lets the same delegates back in.
   */
  serves?: (meetingId: string) => boolean;
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  /** Live connections: for presence and tests. */
  connectionCount(): number;
  /** Closes every live connection made with this invitation (after it was revoked). */
  disconnectInvitation(id: string): void;
  /** Closes every live connection to a meeting's rooms (it is no longer served); they retry. */
  disconnectMeeting(meetingId: string): void;
  close(): Promise<void>;
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
  const owners = new ClientOwners({ store, now, onBound: ownersPublisher({ store, replicas, log }), recorded: recordedOwners({ store, replicas }) });
  const rooms: HubRooms = {
    peers: new Set(),
    peersByRoom: new Map(),
    stuckRooms: new Set(),
    owners,
    presence: new PresenceGate(limits),
    refusals,
    busyTime: new BusyTime(),
    limits,
    replicas,
    log,
    stuck: (docId, error) => stuck(docId, error),
  };
  const { peers, peersByRoom, stuckRooms } = rooms;
  const deps = { store, now, log, limits };
  const onRequest = hubRequestHandler({
    store,
    replicas,
    invitations,
    log,
    limits,
    refusals,
    now,
    serves: options.serves,
    onRevoked: (id) => disconnectInvitation(id),
  });

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
    if (options.serves && !options.serves(invitation.meetingId)) return ws.close(CLOSE.busy, NOT_SERVED);
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
    // The peer registers itself in `rooms` and lives as long as its socket.
    new RoomPeer(rooms, ws, { invitation, address, room, docId: admitted.docId, path: url.pathname, replica });
  };

  /**
   * Applying an update threw half-way: nothing of it was stored or relayed, but the room's memory
   * holds part of it. Everyone in the room is sent away to come back shortly, so the room is
   * loaded again from its file, which holds only completed changes.
   */
  const stuck = (docId: string, error: Error) => {
    log.error('hub.room-stuck', { room: docId, error: String(error) });
    stuckRooms.add(docId);
    for (const peer of peersByRoom.get(docId) ?? []) peer.shut(CLOSE.busy, 'This room is being reloaded; try again shortly');
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
    for (const peer of peers) if (peer.invitation.id === id) peer.shut(CLOSE.revoked, 'Invitation revoked');
  };
  const disconnectMeeting = (meetingId: string) => {
    for (const peer of peers) if (peer.invitation.meetingId === meetingId) peer.shut(CLOSE.busy, NOT_SERVED);
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
        if (!seen.get(id)) peer.shut(CLOSE.revoked, 'Invitation revoked');
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
    disconnectMeeting,
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

/** The meeting a registered room belongs to. */
function meetingOfRoom(store: HubStore, room: string): string | undefined {
  const registered = store.getDoc(room);
  return registered?.kind === 'meeting' ? registered.id : (registered?.meetingId ?? undefined);
}

/**
 * The owner the meeting's secretariat doc names for a client id: what the hub it moved from bound
 * (and this hub, for what it bound itself). Only asked of ids this hub has not bound.
 */
function recordedOwners(deps: { store: HubStore; replicas: HubReplicas }) {
  return (room: string, clientId: number): ClientOwner | undefined => {
    const meetingId = meetingOfRoom(deps.store, room);
    // A meeting whose secretariat room nobody has written yet has no record to read.
    if (!meetingId || !deps.store.getDoc(secretariatDocId(meetingId))) return undefined;
    const value = deps.replicas.with(secretariatDocId(meetingId), (secretariat) =>
      secretariat.doc.getMap<unknown>(SECRETARIAT_ROOTS.clientOwners).get(String(clientId)),
    );
    const owner = ClientOwner.safeParse(value);
    return owner.success ? owner.data : undefined;
  };
}

/**
 * Publishes each client-id binding in the meeting's secretariat doc, which every participant reads
 * and no delegate writes: who really wrote a comment or a proposal, whatever it claims.
 */
function ownersPublisher(deps: { store: HubStore; replicas: HubReplicas; log: Logger }) {
  const { store, replicas, log } = deps;
  /** The hub's own writes, told apart from any peer's. */
  const HUB_ORIGIN = Symbol('hub');
  return (room: string, clientIds: number[], invitationId: string) => {
    try {
      const meetingId = meetingOfRoom(store, room);
      const invitation = store.hubTables.invitationById(invitationId);
      if (!meetingId || !invitation) return;
      const owner = { role: invitation.role, delegation: invitation.delegation };
      replicas.with(secretariatDocId(meetingId), (secretariat) =>
        recordClientOwners(secretariat.doc, clientIds.map((id) => [id, owner] as [number, typeof owner]), HUB_ORIGIN),
      );
    } catch (error) {
      log.error('hub.owners', { room, error: String(error) });
    }
  };
}
