import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createServices, type Services } from '../../../../electron/services/services';
import { createDeclaration, recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { until } from '../hub/hubTestKit';

/** A "hub" that answers the invitation lookup as told and sends whatever frames it is given. */
async function fakeHub(meetingId: string, frames: Uint8Array[]) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ meetingId, role: 'delegate', delegation: 'Ha Noi', meetingTitle: null }));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    for (const frame of frames) ws.send(frame);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (wss.close(), server.close(() => resolve()))),
  };
}

describe('what a hub says is not taken on trust', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const app = () => {
    const log = recordingLogger();
    const services: Services = createServices({ dataDir: tempDir(), version: 'test', log });
    cleanups.push(() => services.close());
    return { services, log };
  };

  it('refuses an invitation that names a local declaration as its meeting', async () => {
    const { services } = app();
    const declarationId = await createDeclaration(services);
    const hub = await fakeHub(declarationId, []);
    cleanups.push(hub.close);
    await expect(services.handlers['meetings.join']({ hubUrl: hub.url, code: 'AAAA-BBBB-CCCC-DDDD', name: 'Me' })).rejects.toThrow(/not a meeting/);
  });

  it('survives a hub that sends malformed frames, and says so in its log', async () => {
    const { services, log } = app();
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const hub = await fakeHub(meeting.id, [Uint8Array.from([0, 0])]);
    cleanups.push(hub.close);
    // Whether the join completes does not matter here; that the process lives on does.
    await Promise.resolve(services.handlers['meetings.join']({ hubUrl: hub.url, code: 'AAAA-BBBB-CCCC-DDDD', name: 'Me' })).catch(() => undefined);
    await until(() => log.errors.some((e) => e.event === 'sync.malformed-from-hub'), 'the bad frame is logged', 12_000);
  }, 20_000);
});
