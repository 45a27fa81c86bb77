import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LanHosting } from '../../../../electron/services/lanHosting';
import { Replicas } from '../../../../electron/storage/replicas';
import { createServices, DATABASE_FILE, type Services } from '../../../../electron/services/services';
import { AppStore } from '../../../../electron/storage/appStore';
import { addAgendaItem, LEGACY_AGENDA, LEGACY_AGENDA_DAYS, moveAgendaItem, readMeetingAgenda } from '../../../../shared/model/agenda';
import type { MeetingDetail, MeetingSyncStatus } from '../../../../shared/model/meeting';
import { addMeetingDocument, LEGACY_META, readMeetingSummary } from '../../../../shared/model/meetingDoc';
import { LEGACY_TEMPLATES, readMeetingTemplates } from '../../../../shared/model/meetingTemplates';
import { holdsSecretariatParts, type MeetingDocs, SECRETARIAT_ROOTS, secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, stockClient, type TestHub, until } from '../hub/hubTestKit';

const ITEM = { kind: 'session' as const, presenter: '', day: SAMPLE_MEETING.startDate, start: null, durationMinutes: 30, documentId: null };

describe('a meeting’s secretariat room, between laptops', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const app = (dir = tempDir()) => {
    const log = recordingLogger();
    const services = createServices({ dataDir: dir, version: 'test', log });
    cleanups.push(() => services.close());
    return { services, dir, log };
  };
  const hubAt = async (dir: string, port?: number): Promise<TestHub> => {
    const hub = await startTestHub(dir, { port });
    cleanups.push(() => hub.stop().catch(() => undefined));
    return hub;
  };
  const status = (services: Services, meetingId: string) => services.handlers['meetings.syncStatus']({ meetingId }) as MeetingSyncStatus | null;
  const synced = (services: Services, meetingId: string) => {
    const s = status(services, meetingId);
    return s?.state === 'online' && s.unconfirmed === 0;
  };
  /** Runs `read` on a laptop's two docs of a meeting, as its main holds them. */
  const onDocs = <T,>(services: Services, meetingId: string, read: (docs: MeetingDocs) => T): T =>
    services.replicas!.with(meetingId, (meeting) =>
      services.replicas!.with(secretariatDocId(meetingId), (secretariat) => read({ meeting: meeting.doc, secretariat: secretariat.doc })),
    );
  const detail = (services: Services, meetingId: string) => services.handlers['meetings.get']({ meetingId }) as MeetingDetail;
  const refusal = async (call: () => unknown) => {
    try {
      await call();
    } catch (error) {
      return error as { code: string; message: string };
    }
    throw new Error('expected a refusal');
  };

  it('carries a new meeting’s particulars, agenda and official documents to a delegate, who lists its own documents apart and changes none of the secretariat’s', async () => {
    const hub = await hubAt(tempDir());
    const a = app();
    const meeting = await a.services.handlers['meetings.create'](SAMPLE_MEETING);
    const official = await a.services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' });
    a.services.replicas!.with(secretariatDocId(meeting.id), (r) => addAgendaItem(r.doc, 'item-opening00', { ...ITEM, title: 'Opening ceremony' }));
    const secretariat = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null });
    await a.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: secretariat.code, name: 'Sophea' });
    // The meeting's own doc holds no particulars: they travel in the secretariat's room only.
    expect(onDocs(a.services, meeting.id, (docs) => docs.meeting.getMap(LEGACY_META).size)).toBe(0);

    const b = app();
    const delegate = hub.services.invitations.issue({ meetingId: meeting.id, role: 'delegate', delegation: 'Ha Noi' });
    expect(await b.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: delegate.code, name: 'Lan' })).toMatchObject({ title: SAMPLE_MEETING.title });
    await until(() => onDocs(b.services, meeting.id, (docs) => readMeetingAgenda(docs).items.length) === 1, 'B has the agenda');
    await until(() => detail(b.services, meeting.id).documents.length === 1, 'B has the official document');

    const own = await b.services.handlers['documents.create']({ meetingId: meeting.id, title: 'Ha Noi proposal' });
    const bView = await b.services.handlers['meetings.get']({ meetingId: meeting.id });
    expect(bView.documents.map((d) => d.id)).toEqual([official.id]);
    expect(bView.delegationDocuments.map((d) => [d.id, d.title, d.delegation])).toEqual([[own.id, 'Ha Noi proposal', 'Ha Noi']]);
    await until(() => detail(a.services, meeting.id).delegationDocuments.length === 1, 'A sees the proposal');
    expect((await a.services.handlers['meetings.get']({ meetingId: meeting.id })).documents.map((d) => d.id)).toEqual([official.id]);

    // The delegate's app offers none of the secretariat's writes, and says why.
    expect(await refusal(() => b.services.handlers['templates.publish']({ meetingId: meeting.id, templateId: 'adoption-place-and-date-en' }))).toMatchObject({ code: 'forbidden' });
    expect(await refusal(() => b.services.handlers['documents.rename']({ documentId: official.id, title: 'Renamed by Ha Noi' }))).toMatchObject({ code: 'forbidden' });
    expect(await b.services.handlers['documents.rename']({ documentId: own.id, title: 'Ha Noi proposal, revised' })).toMatchObject({ title: 'Ha Noi proposal, revised' });
    // A modified app writing its copy of the secretariat's doc anyway reaches nobody.
    b.services.replicas!.with(secretariatDocId(meeting.id), (r) => moveAgendaItem(r.doc, 'item-opening00', { day: '2022-12-03', index: 0 }));
    a.services.replicas!.with(secretariatDocId(meeting.id), (r) => addAgendaItem(r.doc, 'item-adoption0', { ...ITEM, title: 'Adoption' }));
    await until(() => onDocs(b.services, meeting.id, (docs) => readMeetingAgenda(docs).items.length) === 2, 'B still receives the secretariat’s changes');
    await until(() => hub.log.errors.some((e) => e.event === 'hub.update-denied' && String(e.fields?.room).startsWith('/secretariat/')), 'the hub drops B’s change');
    expect(onDocs(a.services, meeting.id, (docs) => readMeetingAgenda(docs).items.map((i) => i.day))).toEqual([SAMPLE_MEETING.startDate, SAMPLE_MEETING.startDate]);
  });

  it('copies a meeting of the previous release made on this computer at start, or when it hosts it, and serves its secretariat room from the in-app hub', async () => {
    const dir = tempDir();
    const writeLegacy = (store: AppStore, replicas: Replicas, meetingId: string, title: string) => {
      store.createDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: 1 });
      replicas.with(meetingId, (r) => {
        for (const [key, value] of Object.entries({ ...SAMPLE_MEETING, title, createdAt: 1 })) r.doc.getMap(LEGACY_META).set(key, value);
        const item = new Y.Map<unknown>();
        r.doc.getMap(LEGACY_AGENDA).set('item-opening00', item);
        for (const [key, value] of Object.entries({ ...ITEM, title: `${title}: opening`, order: 'i' })) item.set(key, value);
      });
    };
    const store = AppStore.open(join(dir, DATABASE_FILE));
    const replicas = new Replicas({ store, now: () => 1, log: recordingLogger() });
    writeLegacy(store, replicas, 'meeting-0000-atstart1', 'At start');
    replicas.closeAll();
    store.close();
    const started = app(dir);
    // Made here, so this computer is its secretariat: copied as the app starts.
    expect(onDocs(started.services, 'meeting-0000-atstart1', (docs) => holdsSecretariatParts(docs.secretariat))).toBe(true);
    started.services.close();

    // One the app has not copied yet (it came after the start) is copied when it is hosted.
    const hostStore = AppStore.open(join(tempDir(), DATABASE_FILE));
    const hostReplicas = new Replicas({ store: hostStore, now: () => 1, log: recordingLogger() });
    cleanups.push(() => (hostReplicas.closeAll(), hostStore.close()));
    writeLegacy(hostStore, hostReplicas, 'meeting-0000-hosted01', 'Hosted');
    const lan = new LanHosting({ store: hostStore, replicas: hostReplicas, log: recordingLogger(), now: () => 1, newId: () => crypto.randomUUID(), bindHost: '127.0.0.1' });
    cleanups.push(() => lan.stop());
    const { addresses } = await lan.host('meeting-0000-hosted01');
    expect(hostReplicas.with(secretariatDocId('meeting-0000-hosted01'), (r) => holdsSecretariatParts(r.doc))).toBe(true);

    const code = lan.invite({ meetingId: 'meeting-0000-hosted01', role: 'delegate', delegation: 'Ha Noi' }).code;
    const delegate = stockClient(addresses[0]!, 'secretariat/meeting-0000-hosted01', code);
    cleanups.push(() => delegate.destroy());
    await until(() => delegate.provider.synced, 'the delegate reads the secretariat room');
    const delegateDocs = { meeting: new Y.Doc(), secretariat: delegate.doc };
    expect(readMeetingAgenda(delegateDocs).items.map((i) => i.title)).toEqual(['Hosted: opening']);
    expect(readMeetingSummary(delegateDocs, 'meeting-0000-hosted01')?.title).toBe('Hosted');
    // The in-app hub holds delegates to the same rule.
    delegate.doc.getMap(SECRETARIAT_ROOTS.particulars).set('title', 'Forged');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hostReplicas.with(secretariatDocId('meeting-0000-hosted01'), (r) => r.doc.getMap(SECRETARIAT_ROOTS.particulars).get('title'))).toBe('Hosted');
  });

  it('keeps a meeting of the previous release working: two secretariat laptops copy it offline at once and leave one copy, and a delegate that never copies reads it before and after', async () => {
    const hubDir = tempDir();
    let hub = await hubAt(hubDir);
    const port = hub.running.port;
    const meetingId = 'meeting-0000-legacy01';
    const codeOf = (role: 'secretariat' | 'delegate', delegation: string | null = null) =>
      hub.services.invitations.issue({ meetingId, role, delegation }).code;

    // The meeting as the previous release left it on the hub: everything in the meeting's room.
    const old = stockClient(hub.running.url, `meeting/${meetingId}`, codeOf('secretariat'));
    cleanups.push(() => old.destroy());
    await until(() => old.provider.synced, 'the old secretariat app is synced');
    old.doc.transact(() => {
      for (const [key, value] of Object.entries({ ...SAMPLE_MEETING, createdAt: 1 })) old.doc.getMap(LEGACY_META).set(key, value);
      old.doc.getMap(LEGACY_TEMPLATES).set('op-legacy-0001', { id: 'op-legacy-0001', kind: 'op', title: 'Legacy', tags: [], language: 'en', text: 'Agree;', publishedBy: 'Secretariat', publishedAt: 1 });
      for (const [id, title, order] of [['item-opening00', 'Opening ceremony', 'a'], ['item-session00', 'Smart cities', 'b'], ['item-adoption0', 'Adoption', 'c']] as const) {
        const item = new Y.Map<unknown>();
        old.doc.getMap(LEGACY_AGENDA).set(id, item);
        for (const [key, value] of Object.entries({ ...ITEM, title, order })) item.set(key, value);
      }
      old.doc.getMap(LEGACY_AGENDA_DAYS).set(SAMPLE_MEETING.startDate, '08:30');
    });
    addMeetingDocument(old.doc, { id: 'declaration-legacy1', kind: 'declaration', title: 'Draft declaration', createdAt: 2 });
    await until(() => hub.services.replicas.with(meetingId, (r) => r.doc.getMap(LEGACY_AGENDA).size) === 3, 'the hub holds the legacy meeting');
    const legacyState = hub.services.replicas.with(meetingId, (r) => Y.encodeStateAsUpdate(r.doc));
    old.destroy();

    // A delegate of this release joins and reads it as it is.
    const d = app();
    await d.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: codeOf('delegate', 'Ha Noi'), name: 'Lan' });
    const titles = (services: Services) => onDocs(services, meetingId, (docs) => readMeetingAgenda(docs).items.map((i) => i.title));
    expect(titles(d.services)).toEqual(['Opening ceremony', 'Smart cities', 'Adoption']);
    expect((await d.services.handlers['meetings.get']({ meetingId })).documents.map((doc) => doc.title)).toEqual(['Draft declaration']);
    expect((await d.services.handlers['templates.list']({ meetingId })).templates.filter((t) => t.source === 'meeting').map((t) => t.id)).toEqual(['op-legacy-0001']);
    // From the meeting doc: a delegate's app copies nothing into the secretariat's.
    expect(onDocs(d.services, meetingId, (docs) => holdsSecretariatParts(docs.secretariat))).toBe(false);

    // Two secretariat laptops that had the meeting with the previous release are updated while
    // the hub is out of reach: each copies the meeting into its secretariat doc, then changes it.
    const secretariats = [codeOf('secretariat'), codeOf('secretariat')].map((code, i) => {
      const dir = tempDir();
      const store = AppStore.open(join(dir, DATABASE_FILE));
      store.createDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: 1 });
      const replicas = new Replicas({ store, now: () => 1, log: recordingLogger() });
      replicas.with(meetingId, (r) => Y.applyUpdate(r.doc, legacyState));
      store.saveRemote({ meeting_id: meetingId, hub_url: hub.running.url, code, role: 'secretariat', delegation: null, participant: `Secretariat ${i + 1}`, joined_at: 1 });
      replicas.closeAll();
      store.close();
      return dir;
    });
    await hub.stop();
    const [s1, s2] = secretariats.map((dir) => app(dir));
    for (const s of [s1!, s2!]) {
      await until(() => onDocs(s.services, meetingId, (docs) => holdsSecretariatParts(docs.secretariat)), 'the laptop copies the meeting offline', 10_000);
      expect(titles(s.services)).toEqual(['Opening ceremony', 'Smart cities', 'Adoption']);
    }
    s1!.services.replicas!.with(secretariatDocId(meetingId), (r) => moveAgendaItem(r.doc, 'item-adoption0', 'up'));
    await s2!.services.handlers['templates.unpublish']({ meetingId, templateId: 'op-legacy-0001' });

    hub = await hubAt(hubDir, port);
    for (const s of [s1!, s2!]) await until(() => synced(s.services, meetingId), 'the laptop is back in sync', 20_000);
    const expected = ['Opening ceremony', 'Adoption', 'Smart cities'];
    await until(() => JSON.stringify(titles(d.services)) === JSON.stringify(expected), 'the delegate reads the copy with both laptops’ changes', 20_000);
    for (const laptop of [s1!, s2!, d]) {
      expect(titles(laptop.services)).toEqual(expected);
      expect(onDocs(laptop.services, meetingId, (docs) => [readMeetingTemplates(docs), readMeetingSummary(docs, meetingId)?.title])).toEqual([[], SAMPLE_MEETING.title]);
      expect((await laptop.services.handlers['meetings.get']({ meetingId })).documents.map((doc) => doc.title)).toEqual(['Draft declaration']);
    }
    // One copy on the hub: each item's fields once, and one client for the copy both laptops made,
    // beside the one that moved an item (withdrawing the template only deleted). The hub's own
    // writes (who owns which client id) are not the laptops'.
    const hubSecretariat = hub.services.replicas.with(secretariatDocId(meetingId), (r) => {
      const hubWriters = new Set([...r.doc.getMap(SECRETARIAT_ROOTS.clientOwners)._map.values()].map((item) => item.id.client));
      return {
        keys: r.doc.getMap(SECRETARIAT_ROOTS.agendaItems).size,
        clients: [...Y.decodeStateVector(Y.encodeStateVector(r.doc)).keys()].filter((client) => !hubWriters.has(client)).length,
      };
    });
    expect(hubSecretariat).toEqual({ keys: 3 * 8, clients: 2 });
    expect(s1!.log.errors.filter((e) => e.event.startsWith('meeting.'))).toEqual([]);
  }, 60_000);
});
