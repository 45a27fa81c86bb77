// Child process of the hub bench's memory section: runs one server alone (clients stay in the
// parent, so their docs are not counted) under --expose-gc, and answers the parent over IPC.
import { startServer, type ServerKind } from './hubServers';

export type MemoryRequest =
  | { id: number; op: 'room'; meetingId: string }
  | { id: number; op: 'stats'; meetingIds: string[]; text: string }
  | { id: number; op: 'measure' }
  | { id: number; op: 'stop' };

export interface MemoryStats {
  connections: number;
  openRooms: number;
  /** Sum of the text lengths in the given rooms (only asked while they are connected). */
  chars: number;
}

export interface MemorySample {
  heapUsed: number;
  external: number;
  rss: number;
}

async function measure(): Promise<MemorySample> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('the memory child needs --expose-gc');
  // Several rounds: destroyed docs free more once finalizers and weak maps have run.
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapUsed, external, rss };
}

async function main(): Promise<void> {
  const [kind, dataDir] = process.argv.slice(2) as [ServerKind, string];
  const server = await startServer(kind, dataDir);
  const reply = (id: number, body: unknown) => process.send!({ id, body });
  process.on('message', (request: MemoryRequest) => {
    void (async () => {
      try {
        switch (request.op) {
          case 'room':
            return reply(request.id, server.room(request.meetingId));
          case 'stats': {
            const chars = request.meetingIds.reduce((sum, id) => sum + server.textLength(id, request.text), 0);
            return reply(request.id, { connections: server.connections(), openRooms: server.openRooms(), chars } satisfies MemoryStats);
          }
          case 'measure':
            return reply(request.id, await measure());
          case 'stop':
            await server.close();
            // Exit once the answer is out, so the parent is not left waiting for it.
            return process.send!({ id: request.id, body: null }, undefined, {}, () => process.exit(0));
        }
      } catch (error) {
        process.send!({ id: request.id, error: String(error) });
      }
    })();
  });
  // An orphaned child (the parent died) must not keep its server listening.
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  process.send!({ id: 0, body: { url: server.url } });
}

main().catch((error: unknown) => {
  console.error(`hub bench memory child: ${String(error)}`);
  process.exit(1);
});
