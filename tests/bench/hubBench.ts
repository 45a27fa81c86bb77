// The hub against the stock @y/websocket-server, same run, loopback only: keystroke latency to
// remote replicas, and memory per open document. Reports only; goals are informational.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { paragraphText, seededRandom } from './corpus';
import type { MemoryRequest, MemorySample, MemoryStats } from './hubMemoryChild';
import { type BenchClient, connectClient, type MessageCounter, type ServerKind, sleep, startServer, until } from './hubServers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./hubMemoryChild.ts', import.meta.url));

const KINDS: ServerKind[] = ['hub', 'stock'];
const LABEL: Record<ServerKind, string> = { hub: 'Accord hub', stock: 'stock server' };
const LATENCY = { peers: [2, 10, 50], keystrokes: 200, warmupKeystrokes: 20, spacingMs: 5, idleMs: 500, goalP99Ms: 50, goalPeers: 50 };
const MEMORY = { docs: 20, chars: 50_000, goalRatio: 25 };
const TEXT = 'bench';

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

// ---------------------------------------------------------------------------------------------
// 1. Keystroke to remote replica

interface Latency {
  p50: number;
  p99: number;
  samples: number;
  /** Hub only: its durable write per measured keystroke, part of the latency above. */
  writeP50: number;
  writeP99: number;
  /** Messages a client receives per second once typing has stopped. */
  idlePerClient: number;
}

async function keystrokeLatency(kind: ServerKind, peers: number, dataDir: string): Promise<Latency> {
  const server = await startServer(kind, dataDir);
  const counter: MessageCounter = { received: 0 };
  const clients: BenchClient[] = [];
  try {
    const { room, code } = server.room(`bench-latency-${peers}`);
    for (let i = 0; i < peers; i += 1) clients.push(connectClient(server.url, room, code, new Y.Doc(), counter));
    await until(() => clients.every((c) => c.provider.synced) && server.connections() === peers, `${peers} peers synced`, 20_000);
    // Connect-time awareness fan-out (peers² messages) must not spill into the first keystrokes.
    await sleep(200);

    const [writer, ...readers] = clients as [BenchClient, ...BenchClient[]];
    const total = LATENCY.warmupKeystrokes + LATENCY.keystrokes;
    const sentAt: number[] = [];
    const latencies: number[] = [];
    const seen = readers.map(() => 0);
    readers.forEach((reader, r) => {
      const text = reader.doc.getText(TEXT);
      // Inserts only ever go at the end, so a length of n means keystrokes 0..n-1 have arrived.
      text.observe(() => {
        const now = performance.now();
        for (; seen[r]! < text.length; seen[r]! += 1) {
          if (seen[r]! >= LATENCY.warmupKeystrokes) latencies.push(now - sentAt[seen[r]!]!);
        }
      });
    });
    const text = writer.doc.getText(TEXT);
    let firstWrite = 0;
    for (let k = 0; k < total; k += 1) {
      if (k === LATENCY.warmupKeystrokes) firstWrite = server.writeTimes.length;
      sentAt[k] = performance.now();
      text.insert(k, String.fromCharCode(97 + (k % 26)));
      await sleep(LATENCY.spacingMs);
    }
    await until(() => seen.every((n) => n === total), 'every peer has every keystroke', 30_000);
    const writes = server.writeTimes.slice(firstWrite).sort((a, b) => a - b);

    await sleep(100);
    counter.received = 0;
    const idleStart = performance.now();
    await sleep(LATENCY.idleMs);
    const idlePerClient = counter.received / peers / ((performance.now() - idleStart) / 1000);

    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      samples: latencies.length,
      writeP50: writes.length ? percentile(writes, 50) : NaN,
      writeP99: writes.length ? percentile(writes, 99) : NaN,
      idlePerClient,
    };
  } finally {
    for (const client of clients) client.destroy();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Memory per open document

/**
 * ~`chars` of declaration text typed in runs at moving cursors by a few authors, with deletions:
 * a history of thousands of items and tombstones. A run is one insert because Yjs merges a run of
 * single-character inserts by one client into the same item anyway.
 */
function buildDoc(seed: number, chars: number): Y.Doc {
  const random = seededRandom(seed);
  const doc = new Y.Doc();
  const authors = Array.from({ length: 4 }, () => 1 + Math.floor(random() * 0x7fffffff));
  const text = doc.getText(TEXT);
  let source = '';
  let paragraph = seed * 1000;
  let cursor = 0;
  // Bounded: each round adds at least one character net on average; the cap is a safety net.
  for (let round = 0; text.length < chars && round < chars * 4; round += 1) {
    if (random() < 0.05) doc.clientID = authors[Math.floor(random() * authors.length)]!;
    if (random() < 0.3) cursor = Math.floor(random() * (text.length + 1));
    if (random() < 0.15 && text.length > 100) {
      const count = 1 + Math.floor(random() * 12);
      cursor = Math.min(cursor, text.length - count);
      text.delete(cursor, count);
    } else {
      if (source.length < 64) source += `${paragraphText((paragraph += 1))} `;
      const count = 1 + Math.floor(random() * 24);
      text.insert(cursor, source.slice(0, count));
      source = source.slice(count);
      cursor += count;
    }
  }
  return doc;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface MemoryChild {
  ready: Promise<{ url: string }>;
  call<T>(request: WithoutId<MemoryRequest>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** The server under measurement runs alone in a child with --expose-gc, so gc() is available and
 *  the heap holds only the server: the clients and their docs stay in this process. */
function startMemoryChild(kind: ServerKind, dataDir: string): MemoryChild {
  const child: ChildProcess = fork(CHILD, [kind, dataDir], {
    cwd: ROOT,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: { id: number; body?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.body);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`memory child exited (${code ?? signal})`));
    pending.clear();
  });
  let next = 1;
  const wait = <T>(id: number, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`memory child did not answer ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (body) => (clearTimeout(timer), resolve(body as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  const call = <T>(request: WithoutId<MemoryRequest>, timeoutMs = 15_000) => {
    const id = next++;
    const answer = wait<T>(id, timeoutMs, request.op);
    child.send({ ...request, id });
    return answer;
  };
  return {
    ready: wait<{ url: string }>(0, 30_000, 'ready'),
    call,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.connected) {
        await call({ op: 'stop' }, 5_000).catch(() => undefined);
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One open-everything-then-leave cycle, growth over the baseline (heapUsed + external, after gc). */
interface MemoryCycle {
  loaded: number;
  /** Still held once every client has left. */
  left: number;
  openWhileLoaded: number;
  openAfterLeaving: number;
  rssLoaded: number;
}

const footprint = (sample: MemorySample) => sample.heapUsed + sample.external;

/**
 * Cycle 1 uploads the docs from the clients; cycle 2 reopens the same rooms, which the hub reads
 * back from SQLite (the usual way a hub opens a document) and the stock server still has in memory.
 */
async function memoryRun(kind: ServerKind, docs: Y.Doc[]): Promise<MemoryCycle[]> {
  const dataDir = mkdtempSync(join(tmpdir(), `accord-hubbench-${kind}-`));
  const child = startMemoryChild(kind, dataDir);
  const clients: BenchClient[] = [];
  try {
    const { url } = await child.ready;
    const stats = (meetingIds: string[] = []) => child.call<MemoryStats>({ op: 'stats', meetingIds, text: TEXT });
    const settle = async (check: (s: MemoryStats) => boolean, what: string, meetingIds?: string[]) => {
      const start = performance.now();
      for (;;) {
        const s = await stats(meetingIds);
        if (check(s)) return s;
        if (performance.now() - start > 30_000) throw new Error(`${kind}: timed out waiting until ${what} (${JSON.stringify(s)})`);
        await sleep(20);
      }
    };
    const emptied = (s: MemoryStats) => s.connections === 0 && (kind === 'stock' || s.openRooms === 0);
    const measure = () => child.call<MemorySample>({ op: 'measure' });

    // Warm-up room: the first connection compiles code paths whose bytecode is heap, not rooms.
    const warmDoc = buildDoc(7, 2_000);
    const warm = await child.call<{ room: string; code: string }>({ op: 'room', meetingId: 'bench-warmup' });
    const warmClient = connectClient(url, warm.room, warm.code, warmDoc);
    await settle((s) => s.chars === warmDoc.getText(TEXT).length, 'the warm-up room is uploaded', ['bench-warmup']);
    warmClient.destroy();
    warmDoc.destroy();
    await settle(emptied, 'the warm-up room is left');

    const base = await measure();
    const ids = docs.map((_, i) => `bench-memory-${String(i).padStart(3, '0')}`);
    const rooms: Array<{ room: string; code: string }> = [];
    for (const id of ids) rooms.push(await child.call<{ room: string; code: string }>({ op: 'room', meetingId: id }));
    const chars = docs.reduce((sum, doc) => sum + doc.getText(TEXT).length, 0);
    const cycles: MemoryCycle[] = [];
    for (let cycle = 0; cycle < 2; cycle += 1) {
      rooms.forEach(({ room, code }, i) => clients.push(connectClient(url, room, code, docs[i]!)));
      const whileLoaded = await settle((s) => s.connections === docs.length && s.chars === chars, 'every room is loaded', ids);
      const loaded = await measure();
      for (const client of clients.splice(0)) client.destroy();
      const afterLeaving = await settle(emptied, 'every client has left');
      const left = await measure();
      cycles.push({
        loaded: footprint(loaded) - footprint(base),
        left: footprint(left) - footprint(base),
        openWhileLoaded: whileLoaded.openRooms,
        openAfterLeaving: afterLeaving.openRooms,
        rssLoaded: loaded.rss - base.rss,
      });
    }
    return cycles;
  } finally {
    for (const client of clients) client.destroy();
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

export async function hubBench(): Promise<void> {
  const started = performance.now();
  // Every y-websocket provider adds a process 'exit' listener; 50 peers exceed Node's default 10.
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(Math.max(maxListeners, Math.max(...LATENCY.peers) + 10));
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-hubbench-'));
  const latency = new Map<string, Latency>();
  const memory = new Map<ServerKind, MemoryCycle[]>();
  const docs = Array.from({ length: MEMORY.docs }, (_, i) => buildDoc(i + 1, MEMORY.chars));
  const encoded = docs.reduce((sum, doc) => sum + Y.encodeStateAsUpdate(doc).length, 0);
  const chars = docs.reduce((sum, doc) => sum + doc.getText(TEXT).length, 0);
  try {
    for (const peers of LATENCY.peers) {
      for (const kind of KINDS) {
        latency.set(`${kind}:${peers}`, await keystrokeLatency(kind, peers, join(dataDir, `${kind}-${peers}`)));
      }
    }
    for (const kind of KINDS) memory.set(kind, await memoryRun(kind, docs));
  } finally {
    for (const doc of docs) doc.destroy();
    process.setMaxListeners(maxListeners);
    rmSync(dataDir, { recursive: true, force: true });
  }

  const ms = (value: number) => value.toFixed(1).padStart(5);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  const cell = (text: string) => text.padEnd(30);
  const both = (label: string, pick: (kind: ServerKind) => string) =>
    console.log(`  ${label.padEnd(22)}${cell(pick('hub'))}${pick('stock')}`);

  console.log('');
  console.log(
    `hub, keystroke → remote replica: ${LATENCY.keystrokes} one-character inserts ${LATENCY.spacingMs} ms apart by one ` +
      `stock y-websocket client, all peers in this process on 127.0.0.1; p50 / p99 over (keystroke, peer) pairs`,
  );
  both('', (kind) => LABEL[kind]);
  for (const peers of LATENCY.peers) {
    const samples = latency.get(`hub:${peers}`)!.samples;
    both(`${peers} peers (${samples} pairs)`, (kind) => {
      const l = latency.get(`${kind}:${peers}`)!;
      return `${ms(l.p50)} / ${ms(l.p99)} ms`;
    });
  }
  const hubRuns = LATENCY.peers.map((peers) => latency.get(`hub:${peers}`)!);
  console.log(
    `  of which the hub's SQLite write (fsync) per keystroke, p50 / p99: ` +
      hubRuns.map((l, i) => `${LATENCY.peers[i]} peers ${l.writeP50.toFixed(2)} / ${l.writeP99.toFixed(2)} ms`).join(', '),
  );
  console.log(
    `  messages each client receives per second once typing stops: ` +
      KINDS.map((kind) => `${LABEL[kind]} ${LATENCY.peers.map((p) => latency.get(`${kind}:${p}`)!.idlePerClient.toFixed(0)).join(' / ')}`).join(', ') +
      ` (${LATENCY.peers.join(' / ')} peers)`,
  );

  console.log(
    `hub, memory per open document: ${MEMORY.docs} rooms, each ${(chars / MEMORY.docs / 1024).toFixed(1)} KB of text with history, ` +
      `encoded ${(encoded / MEMORY.docs / 1024).toFixed(1)} KB; each server alone in a child process run with --expose-gc, ` +
      `heapUsed + external after gc, over its baseline`,
  );
  const cycleOf = (kind: ServerKind, i: number) => memory.get(kind)![i]!;
  const perDoc = (bytes: number) => `${mb(bytes / MEMORY.docs)} (${(bytes / encoded).toFixed(1)}×)`;
  both('', (kind) => LABEL[kind]);
  both('uploaded, per doc', (kind) => perDoc(cycleOf(kind, 0).loaded));
  both('after all left', (kind) => `${mb(cycleOf(kind, 0).left)}, ${cycleOf(kind, 0).openAfterLeaving} rooms loaded`);
  both('reopened, per doc', (kind) => perDoc(cycleOf(kind, 1).loaded) + (kind === 'hub' ? ' from SQLite' : ' still held'));
  both('after all left again', (kind) => `${mb(cycleOf(kind, 1).left)}, ${cycleOf(kind, 1).openAfterLeaving} rooms loaded`);
  both('rss growth, uploaded', (kind) => mb(cycleOf(kind, 0).rssLoaded));
  console.log(
    `  (the stock server unloads a room only when persistence is configured: without it the doc stays ` +
      `in its module-level map; its count includes the warm-up room)`,
  );

  const hub50 = latency.get(`hub:${LATENCY.goalPeers}`)!;
  const hubWorst = Math.max(...memory.get('hub')!.map((c) => c.loaded));
  const hubLeft = memory.get('hub')!;
  const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
  console.log(
    `goal: keystroke p99 ≤ ${LATENCY.goalP99Ms} ms with ${LATENCY.goalPeers} peers — ` +
      `${verdict(hub50.p99 <= LATENCY.goalP99Ms)} (${hub50.p99.toFixed(1)} ms)`,
  );
  console.log(
    `goal: hub memory ≤ ${MEMORY.goalRatio}× encoded size — ${verdict(hubWorst <= MEMORY.goalRatio * encoded)} ` +
      `(${(hubWorst / encoded).toFixed(1)}× at worst)`,
  );
  // "Returns": no room stays loaded and under a tenth of the growth is still held, both cycles.
  const returned = hubLeft.every((c) => c.openAfterLeaving === 0 && c.left <= c.loaded / 10);
  console.log(
    `goal: memory returns when a room empties — ${verdict(returned)} ` +
      `(${hubLeft.map((c) => mb(c.left)).join(', then ')} held of ${mb(hubLeft[0]!.loaded)})`,
  );
  console.log(`  hub bench ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
