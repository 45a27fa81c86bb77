import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { connect as connectTcp, createServer as createNetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { HubLimits } from '../../../../electron/hub/hubLimits';
import { type RunningHub, startHub } from '../../../../electron/hub/hubServer';
import { HUB_DATABASE_FILE, HUB_ROOMS_FOLDER, type HubServices, openHubServices } from '../../../../electron/hub/hubServices';
import { Invitations } from '../../../../electron/hub/invitations';
import { Replicas } from '../../../../electron/storage/replicas';
import { type StoredDocKind } from '../../../../electron/storage/docsFile';
import { AppStore } from '../../../../electron/storage/appStore';
import { RoomFile } from '../../../../electron/storage/roomFile';
import type { InvitationGrant } from '../../../../shared/model/invitation';
import { recordingLogger } from '../../helpers';

export interface TestHub {
  services: HubServices;
  running: RunningHub;
  log: ReturnType<typeof recordingLogger>;
  stop(): Promise<void>;
}

export async function startTestHub(dataDir: string, options: { limits?: Partial<HubLimits>; revocationCheckMs?: number; port?: number } = {}): Promise<TestHub> {
  const log = recordingLogger();
  const services = openHubServices(dataDir, log);
  const running = await startHub({ ...services, log, ...options });
  return {
    services,
    running,
    log,
    async stop() {
      await running.close();
      services.close();
    },
  };
}

/** A WebSocket class that sends an invitation code the way Accord does: in a header, never in the URL. */
export function webSocketWithCode(code: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Authorization: `Bearer ${code}` } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

/** A stock y-websocket client, as any Yjs application would connect. */
export function stockClient(hubUrl: string, room: string, code: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(hubUrl, room, doc, {
    WebSocketPolyfill: webSocketWithCode(code),
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => closes.push((event as { code: number } | null)?.code ?? 0));
  return { provider, doc, closes, destroy: () => provider.destroy() };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Where a hub keeps one room's log. */
export function roomFile(dataDir: string, id: string): string {
  return join(dataDir, HUB_ROOMS_FOLDER, `${id}.sqlite`);
}

/** A room's document as its file holds it, read after the hub has stopped. */
export function readRoomFile(file: string, id: string): { doc: Y.Doc; rows: number } {
  const store = RoomFile.open(file);
  try {
    const updates = store.readUpdates(id);
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    return { doc, rows: updates.length };
  } finally {
    store.close();
  }
}

export interface LegacyRoom {
  id: string;
  kind: StoredDocKind;
  meetingId: string | null;
  write: (doc: Y.Doc) => void;
}

/**
 * Writes a hub.sqlite the way the hub did before rooms had files of their own (and before files
 * had kinds): the app's schema, every room's log in it. Returns the codes issued.
 */
export function writeLegacyHub(dataDir: string, rooms: LegacyRoom[], grants: InvitationGrant[] = []): string[] {
  const log = recordingLogger();
  const store = AppStore.open(join(dataDir, HUB_DATABASE_FILE));
  try {
    const replicas = new Replicas({ store, now: Date.now, log, defer: () => undefined });
    for (const room of rooms) {
      store.ensureDoc({ id: room.id, kind: room.kind, meetingId: room.meetingId, now: Date.now() });
      replicas.with(room.id, (replica) => room.write(replica.doc));
    }
    const invitations = new Invitations({ store, now: Date.now, newId: () => crypto.randomUUID() });
    return grants.map((grant) => invitations.issue(grant).code);
  } finally {
    store.close();
  }
}

/**
 * Whether this process holds the file open, where the system says so (/proc on Linux); undefined
 * elsewhere, so a test checks what it can.
 */
export function processHoldsOpen(file: string): boolean | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  const target = realpathSync(file);
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false;
    }
  });
}

/**
 * A TCP proxy in front of a hub that delays every chunk by `delayMs` each way (order kept), and can
 * cut the network (every connection dropped, new ones refused) and bring it back.
 */
export async function latencyProxy(hubUrl: string, delayMs: number) {
  const target = new URL(hubUrl);
  const sockets = new Set<Socket>();
  let up = true;
  const server = createNetServer((inbound) => {
    if (!up) return inbound.destroy();
    const outbound = connectTcp(Number(target.port), target.hostname);
    for (const [from, to] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
      from.on('close', () => setTimeout(() => to.destroy(), delayMs));
      from.on('error', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = () => {
    up = false;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    url: `ws://127.0.0.1:${port}`,
    cut,
    restore: () => {
      up = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}
