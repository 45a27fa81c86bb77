import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../electron/services/services';
import type { MeetingSyncStatus } from '../../../../shared/model/meeting';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { latencyProxy, startTestHub, until } from '../hub/hubTestKit';

describe('a laptop whose change the hub refuses', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('says so in the meeting’s status, with the hub’s reason, and keeps the change in its own copy', async () => {
    const hub = await startTestHub(tempDir(), { limits: { maxRoomBytes: 48 * 1024 } });
    cleanups.push(() => hub.stop());
    const log = recordingLogger();
    const services: Services = createServices({ dataDir: tempDir(), version: 'test', log });
    cleanups.push(() => services.close());
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const documentId = (await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' })).id;
    const code = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null }).code;
    await services.handlers['meetings.join']({ hubUrl: hub.running.url, code, name: 'Sophea' });
    const status = () => services.handlers['meetings.syncStatus']({ meetingId: meeting.id }) as MeetingSyncStatus | null;
    await until(() => status()?.state === 'online' && status()?.unconfirmed === 0, 'in sync');

    // More than the hub's room may hold, pasted at once.
    services.replicas!.with(documentId, (r) => r.doc.getText('pasted').insert(0, 'x'.repeat(64 * 1024)));
    await until(() => /The hub refused a change: .*size limit/.test(status()?.message ?? ''), 'the status says why');
    expect(status()).toMatchObject({ state: 'online', unconfirmed: 1 });
    expect(services.replicas!.with(documentId, (r) => r.doc.getText('pasted').length)).toBe(64 * 1024);
    expect(log.errors.filter((e) => e.event === 'sync.change-refused')).toHaveLength(1);
  });
});

describe('a delegate reconnecting after offline work, still typing, over a slow network', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is never refused: every word reaches the hub and is confirmed', async () => {
    const hub = await startTestHub(tempDir());
    cleanups.push(() => hub.stop());
    const proxy = await latencyProxy(hub.running.url, 200);
    cleanups.push(() => proxy.close());
    const secretariat: Services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger() });
    cleanups.push(() => secretariat.close());
    const meeting = await secretariat.handlers['meetings.create'](SAMPLE_MEETING);
    const documentId = (await secretariat.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' })).id;
    const secretariatCode = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null }).code;
    await secretariat.handlers['meetings.join']({ hubUrl: hub.running.url, code: secretariatCode, name: 'Sophea' });

    const log = recordingLogger();
    const delegate: Services = createServices({ dataDir: tempDir(), version: 'test', log });
    cleanups.push(() => delegate.close());
    const code = hub.services.invitations.issue({ meetingId: meeting.id, role: 'delegate', delegation: 'Ha Noi' }).code;
    await delegate.handlers['meetings.join']({ hubUrl: proxy.url, code, name: 'Linh' });
    const status = () => delegate.handlers['meetings.syncStatus']({ meetingId: meeting.id }) as MeetingSyncStatus | null;
    await until(() => delegate.replicas!.with(documentId, (r) => r.doc.share.size > 0) && status()?.unconfirmed === 0, 'the delegate holds the declaration', 10_000);
    const type = (words: string) => delegate.replicas!.with(documentId, (r) => r.doc.getText('typed').insert(r.doc.getText('typed').length, words));

    // A week on a plane, compressed: the network is cut, and the delegate writes.
    proxy.cut();
    await until(() => status()?.state !== 'online', 'offline');
    for (let i = 0; i < 300; i += 1) type(`offline ${i}. `);
    // Back on the network, 200 ms each way, typing on while it syncs.
    proxy.restore();
    for (let i = 0; i < 40; i += 1) {
      type(`online ${i}. `);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const expected = delegate.replicas!.with(documentId, (r) => r.doc.getText('typed').toString());
    await until(() => hub.services.replicas.with(documentId, (r) => r.doc.getText('typed').toString()) === expected, 'the hub holds every word', 15_000);
    await until(() => status()?.state === 'online' && status()?.unconfirmed === 0, 'and has confirmed them', 15_000);
    expect(log.errors.filter((e) => e.event === 'sync.change-refused')).toEqual([]);
    expect(hub.log.errors.filter((e) => e.event.startsWith('hub.update'))).toEqual([]);
  }, 60_000);
});
