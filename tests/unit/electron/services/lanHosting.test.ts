import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LanHosting } from '../../../../electron/services/lanHosting';
import { Replicas } from '../../../../electron/storage/replicas';
import { AppStore } from '../../../../electron/storage/appStore';
import { recordingLogger, useTempDirs } from '../../helpers';
import { stockClient, until } from '../hub/hubTestKit';

const MEETING = 'meeting-0000-hosted01';

/** Another program holding a port. */
async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('hosting a meeting on the local network', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reports a port another program holds, keeps running, and hosts on that same port once it is free', async () => {
    const store = AppStore.open(join(tempDir(), 'accord.sqlite'));
    const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
    cleanups.push(() => (replicas.closeAll(), store.close()));
    store.ensureDoc({ id: MEETING, kind: 'meeting', meetingId: null, now: 1 });
    const busy = await occupy();
    // Hosted before, on the port delegates saved.
    store.setSetting('lanHosting', JSON.stringify({ port: busy.port, meetings: [MEETING] }));
    const log = recordingLogger();
    const lan = new LanHosting({ store, replicas, log, now: Date.now, newId: () => crypto.randomUUID(), bindHost: '127.0.0.1', retryMs: 100 });
    cleanups.push(() => lan.stop());
    await lan.resume();
    expect(lan.status(MEETING)).toMatchObject({ state: 'offline', message: expect.stringContaining(`Port ${busy.port} is in use`) });
    expect(log.errors.some((e) => e.event === 'lan.resume')).toBe(true);

    await new Promise<void>((resolve) => busy.server.close(() => resolve()));
    await until(() => lan.status(MEETING)?.state === 'hosting', 'hosting resumes');
    expect(lan.status(MEETING)?.hubUrl).toBe(`ws://127.0.0.1:${busy.port}`);
    const code = lan.invite({ meetingId: MEETING, role: 'delegate', delegation: 'Ha Noi' }).code;
    const delegate = stockClient(`ws://127.0.0.1:${busy.port}`, `meeting/${MEETING}`, code);
    cleanups.push(() => delegate.destroy());
    await until(() => delegate.provider.synced, 'a delegate reaches it at the address it saved');
  });

  it('stops hosting one meeting: its delegates are sent away to retry, the others stay, and hosting it again lets the same codes back in', async () => {
    const OTHER = 'meeting-0000-hosted02';
    const store = AppStore.open(join(tempDir(), 'accord.sqlite'));
    const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
    cleanups.push(() => (replicas.closeAll(), store.close()));
    for (const id of [MEETING, OTHER]) store.ensureDoc({ id, kind: 'meeting', meetingId: null, now: 1 });
    const lan = new LanHosting({ store, replicas, log: recordingLogger(), now: Date.now, newId: () => crypto.randomUUID(), bindHost: '127.0.0.1' });
    cleanups.push(() => lan.stop());
    expect(lan.plan()).toEqual({ port: 4455, interfaces: [{ name: '127.0.0.1', address: '127.0.0.1' }] });
    const [url] = (await lan.host(MEETING)).addresses;
    await lan.host(OTHER);
    const code = lan.invite({ meetingId: MEETING, role: 'delegate', delegation: 'Ha Noi' }).code;
    const otherCode = lan.invite({ meetingId: OTHER, role: 'delegate', delegation: 'Vientiane' }).code;
    const delegate = stockClient(url!, `meeting/${MEETING}`, code);
    const other = stockClient(url!, `meeting/${OTHER}`, otherCode);
    cleanups.push(() => delegate.destroy(), () => other.destroy());
    await until(() => delegate.provider.synced && other.provider.synced, 'both delegates are in');

    await lan.unhost(MEETING);
    await until(() => delegate.closes.includes(1013), 'the first meeting’s delegate is sent away, to retry');
    expect(lan.status(MEETING)).toBeUndefined();
    expect(JSON.parse(store.getSetting('lanHosting')!)).toMatchObject({ meetings: [OTHER] });
    const lookUp = await fetch(`${url!.replace('ws:', 'http:')}/v1/invitation`, { headers: { Authorization: `Bearer ${code}` } });
    expect(lookUp.status).toBe(503);
    expect(((await lookUp.json()) as { message: string }).message).toContain('not hosted on this computer now');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(delegate.provider.wsconnected).toBe(false);
    expect(other.provider.wsconnected).toBe(true);

    await lan.host(MEETING);
    await until(() => delegate.provider.wsconnected && delegate.provider.synced, 'the same code is let back in');

    // The last meeting unhosted stops the hub: nothing listens for nothing.
    await lan.unhost(MEETING);
    await lan.unhost(OTHER);
    await expect(fetch(`${url!.replace('ws:', 'http:')}/v1/health`)).rejects.toThrow();
  });
});
