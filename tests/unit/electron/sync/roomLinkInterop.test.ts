import { setupWSConnection } from '@y/websocket-server/utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RoomLink } from '../../../../electron/sync/roomLink';
import { Replicas } from '../../../../electron/storage/replicas';
import { AppStore } from '../../../../electron/storage/appStore';
import { recordingLogger, useTempDirs } from '../../helpers';
import { until } from '../hub/hubTestKit';

describe('interoperability with stock Yjs servers', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('syncs Accord’s replicas through the stock @y/websocket-server', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (conn, req) => setupWSConnection(conn, req));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => (wss.close(), server.close(resolve))));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const docId = 'declaration-0001';
    const link = () => {
      const store = AppStore.open(join(tempDir(), 'accord.sqlite'));
      store.createDoc({ id: docId, kind: 'declaration', meetingId: null, now: 1 });
      const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
      const replica = replicas.acquire(docId);
      const room = new RoomLink({ store, log: recordingLogger(), replicas, onChange: () => undefined, setAside: () => undefined }, replica, url, `doc/${docId}`, 'stock-servers-ignore-codes');
      cleanups.push(() => (room.destroy(), replicas.closeAll(), store.close()));
      return { replica, store };
    };
    const a = link();
    const b = link();
    const ra = a.replica;
    const rb = b.replica;
    ra.doc.getText('probe').insert(0, 'Adopted in Phnom Penh');
    await until(() => rb.doc.getText('probe').toString() === 'Adopted in Phnom Penh', 'B received A’s text through the stock server');
    // What arrived from the stock server is in B's own log, as any remote change is.
    expect(b.store.readUpdates(docId).length).toBeGreaterThan(0);
  });
});
