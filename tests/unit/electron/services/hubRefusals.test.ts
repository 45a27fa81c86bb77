import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HubLimits } from '../../../../electron/hub/hubLimits';
import { DEFAULT_UPDATE_LIMITS } from '../../../../electron/hub/updateGate';
import { createServices, DATABASE_FILE, type Services } from '../../../../electron/services/services';
import { AppStore } from '../../../../electron/storage/appStore';
import { readParagraphs } from '../../../../shared/declaration/model/paragraphOrder';
import type { MeetingSyncStatus } from '../../../../shared/model/meeting';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { latencyProxy, startTestHub, until } from '../hub/hubTestKit';

describe('a laptop whose change the hub refuses', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A secretariat laptop, joined to a hub with these limits, with one declaration in sync. */
  async function joined(limits: Partial<HubLimits>) {
    const hub = await startTestHub(tempDir(), { limits });
    cleanups.push(() => hub.stop());
    const log = recordingLogger();
    const dataDir = tempDir();
    const services: Services = createServices({ dataDir, version: 'test', log });
    cleanups.push(() => services.close());
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const documentId = (await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' })).id;
    const code = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null }).code;
    await services.handlers['meetings.join']({ hubUrl: hub.running.url, code, name: 'Sophea' });
    const status = () => services.handlers['meetings.syncStatus']({ meetingId: meeting.id }) as MeetingSyncStatus | null;
    await until(() => status()?.state === 'online' && status()?.unconfirmed === 0, 'in sync');
    const firstParagraph = (doc: Y.Doc) => readParagraphs(doc)[0]!.text;
    const words = {
      /** Types at the end of the first paragraph, as a window's keystrokes reach main. */
      type: (text: string) => services.replicas!.with(documentId, (r) => firstParagraph(r.doc).insert(firstParagraph(r.doc).length, text)),
      here: () => services.replicas!.with(documentId, (r) => firstParagraph(r.doc).toString()),
      onHub: () => hub.services.replicas.with(documentId, (r) => firstParagraph(r.doc).toString()),
    };
    const setAside = () => {
      const store = AppStore.open(join(dataDir, DATABASE_FILE));
      try {
        return store.setAsideChanges(documentId);
      } finally {
        store.close();
      }
    };
    return { hub, log, status, words, setAside };
  }

  it('sets the refused change aside, follows the hub’s copy, and confirms the next edits in the same paragraph within 2 s', async () => {
    const { log, status, words, setAside } = await joined({ update: { ...DEFAULT_UPDATE_LIMITS, maxBytes: 16 * 1024 } });
    words.type(' Agreed.');
    await until(() => words.onHub().endsWith(' Agreed.') && status()?.unconfirmed === 0, 'the first words are confirmed');

    // One update larger than the hub takes: it closes the connection, and would at every reconnection.
    words.type(` ${'refused '.repeat(4000)}`);
    words.type(' Typed on meanwhile.');
    await until(() => /The hub refused a change: .*set aside/.test(status()?.message ?? ''), 'the status says the change was set aside');
    expect(words.here()).not.toContain('refused');
    expect(words.here()).toContain(' Agreed. Typed on meanwhile.');

    const started = Date.now();
    words.type(' Next.');
    await until(() => words.onHub().endsWith(' Agreed. Typed on meanwhile. Next.') && status()?.unconfirmed === 0, 'the next edits are confirmed', 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(status()).toMatchObject({ state: 'online', unconfirmed: 0 });

    const kept = setAside();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.reason).toMatch(/bytes/);
    expect(kept[0]!.words).toMatch(/^refused refused/);
    // Kept whole: the change itself, not only its words.
    const strings = Y.decodeUpdate(kept[0]!.data).structs.map((struct) => (struct instanceof Y.Item && struct.content instanceof Y.ContentString ? struct.content.str : ''));
    expect(strings.join('')).toContain('refused '.repeat(4000).trim());
    expect(log.errors.filter((e) => e.event === 'replica.rebuilt')).toHaveLength(1);
  });

  it('says so with the hub’s reason when a room is full, and keeps the change aside', async () => {
    const { status, words, setAside } = await joined({ maxRoomBytes: 48 * 1024 });
    // More than the hub's room may hold, pasted at once.
    words.type('x'.repeat(64 * 1024));
    await until(() => /The hub refused a change: .*size limit.*set aside/.test(status()?.message ?? ''), 'the status says why');
    expect(words.here()).not.toContain('xxx');
    expect(setAside()[0]!.words).toBe(`${'x'.repeat(300)}…`);
    await until(() => status()?.state === 'online' && status()?.unconfirmed === 0, 'nothing is left unconfirmed');
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
