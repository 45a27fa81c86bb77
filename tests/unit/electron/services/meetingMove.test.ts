import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createServices, type Services } from '../../../../electron/services/services';
import { AppStore } from '../../../../electron/storage/appStore';
import { Replicas } from '../../../../electron/storage/replicas';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { readClientOwners } from '../../../../shared/model/clientOwners';
import type { MeetingSyncStatus } from '../../../../shared/model/meeting';
import { writeMeetingLocation } from '../../../../shared/model/meetingLocation';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, stockClient, type TestHub, until } from '../hub/hubTestKit';

const appendParagraph = (replicas: Pick<Replicas, 'with'>, docId: string, text: string): number =>
  replicas.with(docId, (replica) => {
    const writer = openHeadlessDeclaration(replica.doc);
    writer.update(() => {
      const p = $createParagraphNode();
      p.append($createTextNode(text));
      $getRoot().append(p);
    });
    writer.dispose();
    return replica.doc.clientID;
  });

const textOf = (replicas: Pick<Replicas, 'with'>, docId: string): string =>
  replicas.with(docId, (replica) => {
    const reader = openHeadlessDeclaration(replica.doc);
    const text = reader.editor.getEditorState().read(() => $getRoot().getTextContent());
    reader.dispose();
    return text;
  });

describe('moving a meeting between a laptop hosting it and an online hub', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const app = (dir = tempDir()) => {
    const services = createServices({ dataDir: dir, version: 'test', log: recordingLogger(), lanBindHost: '127.0.0.1' });
    cleanups.push(() => services.close());
    return { services, dir };
  };
  const hubAt = async (): Promise<TestHub> => {
    const hub = await startTestHub(tempDir());
    cleanups.push(() => hub.stop().catch(() => undefined));
    return hub;
  };
  const status = (services: Services, meetingId: string) => services.handlers['meetings.syncStatus']({ meetingId }) as MeetingSyncStatus | null;
  const codeFor = (hub: TestHub, meetingId: string, role: 'secretariat' | 'delegate' = 'secretariat', delegation: string | null = null) =>
    hub.services.invitations.issue({ meetingId, role, delegation }).code;

  /** A meeting this laptop hosts on the LAN, a Ha Noi delegate joined there, and a draft both hold. */
  async function hostedWithDelegate() {
    const s = app();
    const meeting = await s.services.handlers['meetings.create'](SAMPLE_MEETING);
    const [lanUrl] = (await s.services.handlers['meetings.host']({ meetingId: meeting.id })).addresses;
    const lanCode = (await s.services.handlers['meetings.invite']({ meetingId: meeting.id, role: 'delegate', delegation: 'Ha Noi' })).code;
    const d = app();
    await d.services.handlers['meetings.join']({ hubUrl: lanUrl!, code: lanCode, name: 'Lan' });
    const doc = await s.services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' });
    appendParagraph(s.services.replicas!, doc.id, 'Recognizing the role of capital cities,');
    await until(() => textOf(d.services.replicas!, doc.id).includes('capital cities'), 'the delegate has the draft over the LAN');
    return { s, d, meeting, doc, lanUrl: lanUrl!, lanCode };
  }

  /** A meeting published to a hub by its secretariat's laptop. */
  async function published(hub: TestHub) {
    const s = app();
    const meeting = await s.services.handlers['meetings.create'](SAMPLE_MEETING);
    await s.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: codeFor(hub, meeting.id), name: 'Sophea' });
    return { s, meeting };
  }

  /** The same, with a Vientiane delegate joined there. */
  async function onHub(hub: TestHub) {
    const { s, meeting } = await published(hub);
    const d = app();
    await d.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: codeFor(hub, meeting.id, 'delegate', 'Vientiane'), name: 'Noy' });
    return { s, meeting, d };
  }

  /** Closes a laptop's app and types into its document as if offline (on a plane); returns the writer's client id. */
  function typeOffline(laptop: { services: Services; dir: string }, docId: string, words: string): number {
    laptop.services.close();
    const store = AppStore.open(join(laptop.dir, 'accord.sqlite'));
    const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
    const writer = appendParagraph(replicas, docId, words);
    replicas.closeAll();
    store.close();
    return writer;
  }

  it('moves a hosted meeting to an online hub: a delegate’s app follows with the code it had, and words it typed offline arrive under its delegation', async () => {
    const hub = await hubAt();
    const { s, d, meeting, doc, lanUrl } = await hostedWithDelegate();

    // The delegate's laptop is closed; it types on the plane.
    const offlineWriter = typeOffline(d, doc.id, 'Ha Noi proposes a river fund;');

    // Meanwhile the secretariat moves the meeting to the online hub, with a secretariat code it gave.
    const hubCode = codeFor(hub, meeting.id);
    const moved = await s.services.handlers['meetings.moveToHub']({ meetingId: meeting.id, hubUrl: hub.running.url, code: hubCode });
    expect(moved).toMatchObject({ hubUrl: hub.running.url, carried: { added: 1, refused: 0 }, stillHosted: true });
    expect(status(s.services, meeting.id)).toMatchObject({ hubUrl: hub.running.url, alsoHostedAt: lanUrl });
    expect(s.services.listedMeeting(meeting.id)).toMatchObject({ sharing: 'hub', hubUrl: hub.running.url });
    await until(() => textOf(hub.services.replicas, doc.id).includes('capital cities'), 'the hub has the meeting');

    // The delegate opens its laptop: it reaches the LAN, reads the notice and follows, with the code it had.
    const d2 = app(d.dir);
    await until(() => status(d2.services, meeting.id)?.hubUrl === hub.running.url, 'the delegate’s app follows the notice', 15_000);
    await until(() => status(d2.services, meeting.id)?.state === 'online', 'and is online there', 15_000);
    await until(
      () => textOf(hub.services.replicas, doc.id).includes('Ha Noi proposes a river fund;'),
      'the words typed offline reach the hub',
      15_000,
    );
    const owners = hub.services.replicas.with(secretariatDocId(meeting.id), (r) => readClientOwners(r.doc));
    expect(owners.get(offlineWriter)).toEqual({ role: 'delegate', delegation: 'Ha Noi' });

    // Once the secretariat stops hosting, the meeting is on the hub only.
    await s.services.handlers['meetings.stopHosting']({ meetingId: meeting.id });
    expect(status(s.services, meeting.id)).toMatchObject({ hubUrl: hub.running.url, state: 'online' });
    expect(status(s.services, meeting.id)?.alsoHostedAt).toBeUndefined();

    // Another delegation cannot write under the id the record gives Ha Noi, though the hub never bound it.
    const bangkok = codeFor(hub, meeting.id, 'delegate', 'Bangkok');
    const squatterDoc = new Y.Doc();
    const squatter = stockClient(hub.running.url, `doc/${meeting.id}/${doc.id}`, bangkok, squatterDoc);
    cleanups.push(() => squatter.destroy());
    await until(() => squatter.provider.synced, 'the squatter has the document');
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(squatterDoc));
    // Set after the copy: Yjs gives a doc a new id when an update arrives under its own.
    forger.clientID = offlineWriter;
    forger.getMap('forged').set('by', 'Ha Noi');
    Y.applyUpdate(squatterDoc, Y.encodeStateAsUpdate(forger, Y.encodeStateVector(squatterDoc)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(hub.services.replicas.with(doc.id, (r) => r.doc.getMap('forged').get('by'))).toBeUndefined();
  }, 90_000);

  it('moves a meeting on to another hub while still hosting it here: those already on the first hub follow, with codes that hub gave', async () => {
    const first = await hubAt();
    const second = await hubAt();
    const s = app();
    const meeting = await s.services.handlers['meetings.create'](SAMPLE_MEETING);
    await s.services.handlers['meetings.host']({ meetingId: meeting.id });
    const firstCode = codeFor(first, meeting.id);
    expect(await s.services.handlers['meetings.moveToHub']({ meetingId: meeting.id, hubUrl: first.running.url, code: firstCode })).toMatchObject({ stillHosted: true });
    await until(() => status(s.services, meeting.id)?.state === 'online', 'the secretariat is on the first hub');

    // A delegate joins the first hub with a code that hub gave.
    const d = app();
    const code = codeFor(first, meeting.id, 'delegate', 'Vientiane');
    await d.services.handlers['meetings.join']({ hubUrl: first.running.url, code, name: 'Noy' });

    const secondCode = codeFor(second, meeting.id);
    await s.services.handlers['meetings.moveToHub']({ meetingId: meeting.id, hubUrl: second.running.url, code: secondCode });
    await until(() => status(d.services, meeting.id)?.hubUrl === second.running.url, 'the delegate follows to the second hub', 15_000);
    await until(() => status(d.services, meeting.id)?.state === 'online', 'and is online there', 15_000);
  }, 60_000);

  it('follows the secretariat’s latest notice when it named another hub while the first one was still answering', async () => {
    const from = await hubAt();
    const to = await hubAt();
    const { s, meeting } = await published(from);
    const d = app();
    const code = codeFor(from, meeting.id, 'delegate', 'Vientiane');
    await d.services.handlers['meetings.join']({ hubUrl: from.running.url, code, name: 'Noy' });
    to.services.invitations.adopt(meeting.id, from.services.invitations.carried(meeting.id), 100);

    // A hub that takes its time, then does not know the code.
    let asked = 0;
    const slow = createServer((_req, res) => {
      asked += 1;
      setTimeout(() => res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"code":"unauthorized","message":"Unknown code."}'), 800);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => slow.close(resolve)));
    const slowUrl = `ws://127.0.0.1:${(slow.address() as AddressInfo).port}`;

    const notice = (address: string) =>
      s.services.replicas!.with(secretariatDocId(meeting.id), (r) => writeMeetingLocation(r.doc, { addresses: [address], at: Date.now(), by: 'Sophea' }));
    notice(slowUrl);
    await until(() => asked > 0, 'the delegate’s app asks the first hub named');
    notice(to.running.url);
    await until(() => status(d.services, meeting.id)?.hubUrl === to.running.url, 'the delegate follows the latest notice', 15_000);
    expect(status(d.services, meeting.id)?.moved).toBeUndefined();
  }, 60_000);

  it('says nothing of a move once the delegate has joined the new hub with a new code while its app was still trying the notice', async () => {
    const from = await hubAt();
    const to = await hubAt();
    const { s, meeting, d } = await onHub(from);

    // The notice names a laptop's address that answers nothing in time, then the new hub.
    let asked = 0;
    const silent = createServer((req) => {
      asked += 1;
      setTimeout(() => req.socket.destroy(), 1000);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => silent.close(resolve)));
    const silentUrl = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    s.services.replicas!.with(secretariatDocId(meeting.id), (r) =>
      writeMeetingLocation(r.doc, { addresses: [silentUrl, to.running.url], at: Date.now(), by: 'Sophea' }),
    );
    await until(() => asked > 0, 'the delegate’s app tries the notice');

    // Meanwhile the delegate joins the new hub with a code it was given there.
    const newCode = codeFor(to, meeting.id, 'delegate', 'Vientiane');
    await d.services.handlers['meetings.join']({ hubUrl: to.running.url, code: newCode, name: 'Noy' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(status(d.services, meeting.id)).toMatchObject({ hubUrl: to.running.url, state: 'online' });
    expect(status(d.services, meeting.id)?.moved).toBeUndefined();
  }, 60_000);

  it('finishes a move to an online hub that the app was closed in the middle of, when the secretariat moves it again', async () => {
    const hub = await hubAt();
    const s = app();
    const meeting = await s.services.handlers['meetings.create'](SAMPLE_MEETING);
    const [lanUrl] = (await s.services.handlers['meetings.host']({ meetingId: meeting.id })).addresses;
    const lanCode = (await s.services.handlers['meetings.invite']({ meetingId: meeting.id, role: 'delegate', delegation: 'Ha Noi' })).code;
    const d = app();
    await d.services.handlers['meetings.join']({ hubUrl: lanUrl!, code: lanCode, name: 'Lan' });

    // The laptop had linked the meeting to the hub, and closed before writing the notice.
    const hubCode = codeFor(hub, meeting.id);
    s.services.close();
    const closed = AppStore.open(join(s.dir, 'accord.sqlite'));
    closed.moveRemote({ meeting_id: meeting.id, hub_url: hub.running.url, code: hubCode, role: 'secretariat', delegation: null, participant: 'Sophea', joined_at: Date.now() }, []);
    closed.close();

    const s2 = app(s.dir);
    await until(() => status(s2.services, meeting.id)?.alsoHostedAt === lanUrl, 'hosting resumes beside the hub');
    await s2.services.handlers['meetings.moveToHub']({ meetingId: meeting.id, hubUrl: hub.running.url, code: hubCode });
    await until(() => status(d.services, meeting.id)?.hubUrl === hub.running.url, 'the delegate follows', 15_000);
  }, 60_000);

  it('moves a meeting from its hub to this laptop: delegates follow to the local address, and the laptop leaves the hub once it has the notice', async () => {
    const hub = await hubAt();
    const s = app();
    const meeting = await s.services.handlers['meetings.create'](SAMPLE_MEETING);
    const secretariat = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null });
    await s.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: secretariat.code, name: 'Sophea' });
    const delegate = hub.services.invitations.issue({ meetingId: meeting.id, role: 'delegate', delegation: 'Vientiane' });
    const d = app();
    await d.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: delegate.code, name: 'Noy' });

    const moved = await s.services.handlers['meetings.moveToLan']({ meetingId: meeting.id });
    expect(moved.carried).toEqual({ added: 2, kept: 0, refused: 0 });
    expect(moved.leftHub).toBe(true);
    const [lanUrl] = moved.addresses;
    await until(() => s.services.listedMeeting(meeting.id)?.sharing === 'lan', 'the secretariat leaves the hub');
    expect(s.services.listedMeeting(meeting.id)).toMatchObject({ sharing: 'lan', hubUrl: lanUrl });
    await until(() => status(d.services, meeting.id)?.hubUrl === lanUrl && status(d.services, meeting.id)?.state === 'online', 'the delegate follows', 15_000);

    // Drafting goes on over the local network.
    const doc = await s.services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' });
    appendParagraph(s.services.replicas!, doc.id, 'Recognizing the role of capital cities,');
    await until(() => textOf(d.services.replicas!, doc.id).includes('capital cities'), 'the delegate has the new draft over the LAN', 15_000);

    // After a restart the laptop hosts it again, as the only place it lives, and the delegate is back.
    s.services.close();
    const s2 = app(s.dir);
    await until(() => status(s2.services, meeting.id)?.state === 'hosting', 'hosting resumes');
    expect(s2.services.listedMeeting(meeting.id)).toMatchObject({ sharing: 'lan', hubUrl: lanUrl });
    appendParagraph(s2.services.replicas!, doc.id, 'Hereby agree to:');
    await until(() => textOf(d.services.replicas!, doc.id).includes('Hereby agree to:'), 'the delegate has it after the restart', 20_000);
  }, 60_000);

  it('finishes a move to this laptop that the app was closed in the middle of, when the secretariat moves it here again', async () => {
    const hub = await hubAt();
    const { s, meeting, d } = await onHub(hub);

    // The laptop had started hosting the meeting, and closed before writing the notice.
    s.services.close();
    const closed = AppStore.open(join(s.dir, 'accord.sqlite'));
    closed.setSetting('lanHosting', JSON.stringify({ port: 0, meetings: [meeting.id] }));
    closed.close();

    const s2 = app(s.dir);
    await until(() => status(s2.services, meeting.id)?.alsoHostedAt !== undefined, 'hosting resumes beside the hub');
    const moved = await s2.services.handlers['meetings.moveToLan']({ meetingId: meeting.id });
    expect(moved.leftHub).toBe(true);
    await until(() => status(d.services, meeting.id)?.hubUrl === moved.addresses[0] && status(d.services, meeting.id)?.state === 'online', 'the delegate follows', 15_000);
  }, 60_000);

  it('says the meeting is hosted here after a move here whose notice the old hub, out of reach, has not confirmed yet', async () => {
    const hub = await hubAt();
    const { s, meeting } = await published(hub);

    // The laptop hosted the meeting and wrote the notice, and closed before the hub confirmed it; the hub is down since.
    s.services.close();
    await hub.stop();
    const closed = AppStore.open(join(s.dir, 'accord.sqlite'));
    closed.setSetting('lanHosting', JSON.stringify({ port: 0, meetings: [meeting.id] }));
    closed.setSetting('lanHostId', 'this-laptop');
    const replicas = new Replicas({ store: closed, now: Date.now, log: recordingLogger() });
    const notice = { addresses: ['ws://192.0.2.10:4455'], at: Date.now(), by: 'Sophea', host: 'this-laptop' };
    replicas.with(secretariatDocId(meeting.id), (r) => writeMeetingLocation(r.doc, notice));
    replicas.closeAll();
    closed.close();

    const s2 = app(s.dir);
    await until(() => status(s2.services, meeting.id)?.state === 'hosting', 'the meeting is said to be hosted here', 5000);
    expect(s2.services.listedMeeting(meeting.id)).toMatchObject({ sharing: 'lan' });
  }, 60_000);

  it('lets a delegate who missed the notice, its laptop closed until hosting had stopped, move the meeting to the new hub once it confirms, with its offline words', async () => {
    const hub = await hubAt();
    const { s, d, meeting, doc, lanUrl, lanCode } = await hostedWithDelegate();
    typeOffline(d, doc.id, 'Ha Noi proposes a river fund;');

    const hubCode = codeFor(hub, meeting.id);
    await s.services.handlers['meetings.moveToHub']({ meetingId: meeting.id, hubUrl: hub.running.url, code: hubCode });
    await s.services.handlers['meetings.stopHosting']({ meetingId: meeting.id });

    // Back online, the delegate's app reaches nothing: the laptop stopped hosting before it could tell.
    const d2 = app(d.dir);
    await until(() => status(d2.services, meeting.id)?.state !== 'connecting', 'the delegate’s app gives up on the LAN for now');
    expect(status(d2.services, meeting.id)).toMatchObject({ hubUrl: lanUrl });
    // The secretariat tells it where the meeting went; its old code works there.
    const toHub = { hubUrl: hub.running.url, code: lanCode, name: 'Lan' };
    await expect(d2.services.handlers['meetings.join'](toHub)).rejects.toMatchObject({ code: 'needs_confirmation' });
    expect(status(d2.services, meeting.id)).toMatchObject({ hubUrl: lanUrl });
    await d2.services.handlers['meetings.join']({ ...toHub, move: true });
    await until(() => status(d2.services, meeting.id)?.state === 'online', 'the delegate is on the hub');
    await until(() => textOf(hub.services.replicas, doc.id).includes('Ha Noi proposes a river fund;'), 'its offline words reach the hub', 15_000);
    await until(() => textOf(s.services.replicas!, doc.id).includes('Ha Noi proposes a river fund;'), 'and the secretariat', 15_000);
  }, 60_000);

  it('moves a meeting away from a hub out of reach only once the secretariat confirms that its codes stay behind', async () => {
    const dead = await hubAt();
    const { s, meeting } = await published(dead);
    await dead.stop();

    // To another hub.
    const to = await hubAt();
    const toCode = codeFor(to, meeting.id);
    const request = { meetingId: meeting.id, hubUrl: to.running.url, code: toCode };
    await expect(s.services.handlers['meetings.moveToHub'](request)).rejects.toMatchObject({
      code: 'needs_confirmation',
      message: expect.stringContaining('will need a new code from you'),
    });
    expect(status(s.services, meeting.id)).toMatchObject({ hubUrl: dead.running.url });
    const moved = await s.services.handlers['meetings.moveToHub']({ ...request, withoutOldInvitations: true });
    expect(moved.carried).toEqual({ added: 0, kept: 0, refused: 0 });
    await until(() => status(s.services, meeting.id)?.state === 'online', 'the meeting is on the new hub');
    expect(status(s.services, meeting.id)).toMatchObject({ hubUrl: to.running.url });

    // And from that hub, gone too, to this laptop.
    await to.stop();
    await expect(s.services.handlers['meetings.moveToLan']({ meetingId: meeting.id })).rejects.toMatchObject({ code: 'needs_confirmation' });
    expect(s.services.listedMeeting(meeting.id)).toMatchObject({ sharing: 'hub' });
    const here = await s.services.handlers['meetings.moveToLan']({ meetingId: meeting.id, withoutOldInvitations: true });
    expect(here).toMatchObject({ carried: { added: 0 }, leftHub: false });
    expect(status(s.services, meeting.id)).toMatchObject({ state: 'hosting' });
  }, 60_000);

  it('a second secretariat laptop moves the meeting on while the first still hosts it: the first follows, and keeps hosting for those not moved yet', async () => {
    const hub1 = await hubAt();
    const hub2 = await hubAt();
    const s1 = app();
    const meeting = await s1.services.handlers['meetings.create'](SAMPLE_MEETING);
    await s1.services.handlers['meetings.host']({ meetingId: meeting.id });
    await s1.services.handlers['meetings.moveToHub']({
      meetingId: meeting.id,
      hubUrl: hub1.running.url,
      code: codeFor(hub1, meeting.id),
    });
    const s2 = app();
    await s2.services.handlers['meetings.join']({
      hubUrl: hub1.running.url,
      code: codeFor(hub1, meeting.id),
      name: 'Dara (Secretariat)',
    });
    await s2.services.handlers['meetings.moveToHub']({
      meetingId: meeting.id,
      hubUrl: hub2.running.url,
      code: codeFor(hub2, meeting.id),
    });
    await until(() => status(s1.services, meeting.id)?.hubUrl === hub2.running.url && status(s1.services, meeting.id)?.state === 'online', 'the first laptop follows', 15_000);
    expect(status(s1.services, meeting.id)?.alsoHostedAt).toBeDefined();
    const doc = await s1.services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' });
    appendParagraph(s1.services.replicas!, doc.id, 'Recognizing the role of capital cities,');
    await until(() => s2.services.hasDocument(doc.id) && textOf(s2.services.replicas!, doc.id).includes('capital cities'), 'its words reach the other secretariat', 15_000);
  }, 60_000);

  it('says so when the new hub does not accept a delegate’s code, and lets it join there with a new one; no other hub may take the meeting', async () => {
    const from = await hubAt();
    const to = await hubAt();
    const { s, meeting } = await published(from);
    const toCode = codeFor(to, meeting.id);
    const moved = await s.services.handlers['meetings.moveToHub']({ meetingId: meeting.id, hubUrl: to.running.url, code: toCode });
    expect(moved).toMatchObject({ hubUrl: to.running.url, carried: { added: 1, kept: 0, refused: 0 }, stillHosted: false });
    await until(() => status(s.services, meeting.id)?.state === 'online', 'the secretariat is on the new hub');
    expect(status(s.services, meeting.id)).toMatchObject({ hubUrl: to.running.url });

    // A code the old hub handed out after the move was never carried: the new hub does not know it.
    const d = app();
    const lateCode = codeFor(from, meeting.id, 'delegate', 'Vientiane');
    await d.services.handlers['meetings.join']({ hubUrl: from.running.url, code: lateCode, name: 'Noy' });
    await until(() => status(d.services, meeting.id)?.moved !== undefined, 'the delegate is told', 15_000);
    expect(status(d.services, meeting.id)?.moved).toEqual({ to: to.running.url, problem: 'refused' });
    expect(status(d.services, meeting.id)).toMatchObject({ hubUrl: from.running.url });

    // A hub the notice does not name may not take the meeting, whatever code it gives.
    const stranger = await hubAt();
    const strangerCode = codeFor(stranger, meeting.id, 'delegate', 'Vientiane');
    await expect(d.services.handlers['meetings.join']({ hubUrl: stranger.running.url, code: strangerCode, name: 'Noy' })).rejects.toMatchObject({
      code: 'needs_confirmation',
      message: expect.stringContaining('no notice from its secretariat that it moved'),
    });
    expect(status(d.services, meeting.id)).toMatchObject({ hubUrl: from.running.url });

    const newCode = codeFor(to, meeting.id, 'delegate', 'Vientiane');
    await d.services.handlers['meetings.join']({ hubUrl: to.running.url, code: newCode, name: 'Noy' });
    await until(() => status(d.services, meeting.id)?.state === 'online', 'the delegate is on the new hub');
    expect(status(d.services, meeting.id)).toMatchObject({ hubUrl: to.running.url });
    expect(status(d.services, meeting.id)?.message).toBeUndefined();
    expect(status(d.services, meeting.id)?.moved).toBeUndefined();
  }, 60_000);
});
