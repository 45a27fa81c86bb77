// The two servers the hub bench compares, behind one interface, and a stock y-websocket client.
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { startHub } from '../../electron/hub/hubServer';
import { openHubServices } from '../../electron/hub/hubServices';
import { silentLogger } from '../../electron/storage/logger';
import { RoomFile } from '../../electron/storage/roomFile';

export type ServerKind = 'hub' | 'stock';

export interface BenchServer {
  readonly kind: ServerKind;
  readonly url: string;
  /** A room for a meeting id (8–64 of [a-z0-9-]) and a code that admits to it. */
  room(meetingId: string): { room: string; code: string };
  connections(): number;
  /** Rooms held in memory: the hub's loaded replicas, the stock server's `docs` map. */
  openRooms(): number;
  /** Length of a Y.Text in a room's server-side doc, to know an upload has arrived. */
  textLength(meetingId: string, name: string): number;
  /** The hub's durable writes (RoomFile.appendUpdate on the rooms' files), in ms each; the stock server writes nothing. */
  readonly writeTimes: number[];
  close(): Promise<void>;
}

export async function startBenchHub(dataDir: string): Promise<BenchServer> {
  // Timed from outside: every change the hub accepts is written (and fsynced) to its room's file
  // before it is relayed.
  const writeTimes: number[] = [];
  const openRoomStore = (file: string) => {
    const store = RoomFile.open(file);
    const append = store.appendUpdate.bind(store);
    store.appendUpdate = (...args) => {
      const start = performance.now();
      try {
        append(...args);
      } finally {
        writeTimes.push(performance.now() - start);
      }
    };
    return store;
  };
  const services = openHubServices(dataDir, silentLogger, { openRoomStore });
  const running = await startHub({ ...services, log: silentLogger, host: '127.0.0.1' });
  return {
    kind: 'hub',
    url: running.url,
    writeTimes,
    room: (meetingId) => ({
      room: `meeting/${meetingId}`,
      code: services.invitations.issue({ meetingId, role: 'delegate', delegation: 'Ha Noi' }).code,
    }),
    connections: () => running.connectionCount(),
    openRooms: () => services.replicas.openCount,
    // A room exists once someone has been admitted to it; until then nothing has been uploaded.
    textLength: (meetingId, name) =>
      services.store.getDoc(meetingId) ? services.replicas.with(meetingId, (r) => r.doc.getText(name).length) : 0,
    async close() {
      await running.close();
      services.close();
    },
  };
}

export async function startStockServer(): Promise<BenchServer> {
  // Its default, in-memory configuration, even if YPERSISTENCE happens to be set in the environment.
  setPersistence(null);
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (conn, req) => setupWSConnection(conn, req));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const names = new Set<string>();
  return {
    kind: 'stock',
    writeTimes: [],
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    room: (meetingId) => {
      names.add(`meeting/${meetingId}`);
      return { room: `meeting/${meetingId}`, code: 'ignored-by-stock-servers' };
    },
    connections: () => wss.clients.size,
    openRooms: () => docs.size,
    textLength: (meetingId, name) => docs.get(`meeting/${meetingId}`)?.getText(name).length ?? 0,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Without persistence the stock server keeps every doc in its module-level map forever.
      for (const name of names) {
        docs.get(name)?.destroy();
        docs.delete(name);
      }
    },
  };
}

export function startServer(kind: ServerKind, dataDir: string): Promise<BenchServer> {
  return kind === 'hub' ? startBenchHub(dataDir) : startStockServer();
}

export interface BenchClient {
  readonly provider: WebsocketProvider;
  readonly doc: Y.Doc;
  destroy(): void;
}

/** Counts messages clients receive, to see traffic when nobody types. */
export interface MessageCounter {
  received: number;
}

/** A WebSocket that presents the code as Accord does (a header; stock servers ignore it) and counts what it receives. */
function webSocketFor(code: string, counter?: MessageCounter) {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { Authorization: `Bearer ${code}` } });
      if (counter) this.on('message', () => (counter.received += 1));
    }
  };
}

/** A stock y-websocket client, as any Yjs application would connect. */
export function connectClient(url: string, room: string, code: string, doc: Y.Doc, counter?: MessageCounter): BenchClient {
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: webSocketFor(code, counter) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    provider,
    doc,
    destroy: () => {
      provider.awareness.destroy();
      provider.destroy();
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; throws after `timeoutMs` so no wait is unbounded. */
export async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(5);
  }
}
