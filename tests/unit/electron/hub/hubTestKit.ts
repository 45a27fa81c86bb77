import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type RunningHub, startHub } from '../../../../electron/hub/hubServer';
import { type HubServices, openHubServices } from '../../../../electron/hub/hubServices';
import { recordingLogger } from '../../helpers';

export interface TestHub {
  services: HubServices;
  running: RunningHub;
  log: ReturnType<typeof recordingLogger>;
  stop(): Promise<void>;
}

export async function startTestHub(dataDir: string, options: { maxMessageBytes?: number; revocationCheckMs?: number; port?: number } = {}): Promise<TestHub> {
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

/** A stock y-websocket client, as any Yjs application would connect. */
export function stockClient(hubUrl: string, room: string, code: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(hubUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { code },
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
