import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CLOSE, startHub } from '../../../../electron/hub/hubServer';
import { HUB_DATABASE_FILE, HUB_ROOMS_FOLDER, openHubServices } from '../../../../electron/hub/hubServices';
import { RoomReplicas } from '../../../../electron/hub/roomReplicas';
import { HubRegistry } from '../../../../electron/storage/hubRegistry';
import { addMeetingDocument, LEGACY_META } from '../../../../shared/model/meetingDoc';
import { markSecretariatDoc, secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { recordingLogger, useTempDirs } from '../../helpers';
import { processHoldsOpen, readRoomFile, roomFile, startTestHub, stockClient, type TestHub, until, writeLegacyHub } from './hubTestKit';

const MEETING = 'meeting-0000-phnom-penh';

describe('the hub', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function hub(options?: Parameters<typeof startTestHub>[1], dir = tempDir()): Promise<TestHub> {
    const started = await startTestHub(dir, options);
    cleanups.push(() => started.stop());
    return started;
  }

  function client(h: TestHub, room: string, code: string, doc?: Y.Doc) {
    const c = stockClient(h.running.url, room, code, doc);
    cleanups.push(() => c.destroy());
    return c;
  }

  it('syncs stock y-websocket clients that present a valid code, and keeps the room on disk', async () => {
    const dir = tempDir();
    const h = await hub(undefined, dir);
    const a = h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null });
    const b = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Ha Noi' });
    const one = client(h, `meeting/${MEETING}`, a.code);
    const two = client(h, `meeting/${MEETING}`, b.code);
    one.doc.getMap('meta').set('title', 'Meeting of Governors and Mayors of ASEAN Capitals');
    await until(() => two.doc.getMap('meta').get('title') !== undefined, 'the second client has the title');
    one.destroy();
    two.destroy();
    await until(() => h.services.replicas.openCount === 0, 'the room is unloaded once empty');
    await h.stop();
    cleanups.length = 0;

    const again = await hub(undefined, dir);
    const late = client(again, `meeting/${MEETING}`, b.code);
    await until(() => late.doc.getMap('meta').get('title') === 'Meeting of Governors and Mayors of ASEAN Capitals', 'a late joiner gets the stored room');
  });

  it('falls quiet once a client is in sync, after confirming its change', async () => {
    const h = await hub();
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Yangon' }).code;
    const c = client(h, `meeting/${MEETING}`, code);
    await until(() => c.provider.synced, 'synced');
    c.doc.getText('t').insert(0, 'Adopted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    let messages = 0;
    c.provider.ws!.addEventListener('message', () => (messages += 1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messages).toBe(0);
  });

  it('refuses an unknown code, and the stock client stops retrying', async () => {
    const h = await hub();
    const stranger = client(h, `meeting/${MEETING}`, 'AAAA-BBBB-CCCC-DDDD');
    await until(() => stranger.closes.includes(CLOSE.badCode), 'the connection is refused');
    expect(stranger.provider.shouldConnect).toBe(false);
    expect(h.log.errors.some((e) => e.event === 'hub.refused')).toBe(true);
  });

  it('refuses a code for another meeting', async () => {
    const h = await hub();
    const code = h.services.invitations.issue({ meetingId: 'meeting-0000-other', role: 'delegate', delegation: 'Vientiane' }).code;
    const c = client(h, `meeting/${MEETING}`, code);
    await until(() => c.closes.includes(CLOSE.wrongMeeting), 'the connection is refused');
  });

  it('never applies an update from an observer, and logs it', async () => {
    const h = await hub();
    const writer = client(h, `meeting/${MEETING}`, h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null }).code);
    const observer = client(h, `meeting/${MEETING}`, h.services.invitations.issue({ meetingId: MEETING, role: 'observer', delegation: null }).code);
    await until(() => writer.provider.synced && observer.provider.synced, 'both are synced');
    // Reading is not writing: the observer's answer to the hub's sync step 1 holds nothing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.log.errors.filter((e) => e.event.startsWith('hub.update'))).toEqual([]);
    const denials: string[] = [];
    observer.provider.messageHandlers[2] = (_encoder, decoder) => denials.push(readDenial(decoder));
    observer.doc.getMap('meta').set('title', 'Hijacked');
    writer.doc.getMap('meta').set('place', 'Phnom Penh');
    await until(() => observer.doc.getMap('meta').get('place') === 'Phnom Penh', 'the observer still reads');
    await until(() => h.log.errors.some((e) => e.event === 'hub.update-denied'), 'the dropped write is logged');
    await until(() => denials.length > 0, 'the observer is told, as y-protocols says permission is denied');
    expect(denials[0]).toMatch(/may read this room but not write/);
    const stored = h.services.replicas.with(MEETING, (r) => r.doc.getMap('meta').toJSON());
    expect(stored).toEqual({ place: 'Phnom Penh' });
    expect(writer.doc.getMap('meta').get('title')).toBeUndefined();
  });

  it('applies whatever a delegate writes to its meeting’s and documents’ rooms, judging by room, never by field', async () => {
    const h = await hub();
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Manila' }).code;
    const meeting = client(h, `meeting/${MEETING}`, code);
    const draft = client(h, `doc/${MEETING}/declaration-0003`, code);
    await until(() => meeting.provider.synced && draft.provider.synced, 'the delegate is synced');
    draft.doc.getText('root').insert(0, 'Encourage cities to share early-warning data');
    draft.doc.getMap('comments').set('c1', 'Which data?');
    addMeetingDocument(meeting.doc, { id: 'proposal-0001', kind: 'declaration', title: 'Manila proposal', createdAt: 2, delegation: 'Manila' });
    await until(
      () => h.services.replicas.with('declaration-0003', (r) => r.doc.getMap('comments').size) === 1 &&
        h.services.replicas.with(MEETING, (r) => r.doc.getMap('documents').size) === 1,
      'the delegate’s changes are applied',
    );
    // Listing a document registers nothing: only opening its address does.
    expect(h.services.store.getDoc('proposal-0001')).toBeUndefined();
    expect(h.services.store.getDoc('declaration-0003')).toMatchObject({ kind: 'declaration', meetingId: MEETING });
  });

  it('keeps a legacy meeting room the secretariat’s alone until its parts are copied to the secretariat’s room', async () => {
    const h = await hub();
    const secretariatCode = h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null }).code;
    const secretariat = client(h, `meeting/${MEETING}`, secretariatCode);
    await until(() => secretariat.provider.synced, 'synced');
    secretariat.doc.getMap(LEGACY_META).set('title', 'Phnom Penh Declaration');
    await until(() => h.services.replicas.with(MEETING, (r) => r.doc.getMap(LEGACY_META).get('title')) !== undefined, 'stored');
    const delegate = client(h, `meeting/${MEETING}`, h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Manila' }).code);
    await until(() => delegate.provider.synced, 'synced');
    delegate.doc.getMap(LEGACY_META).set('title', 'Manila Declaration');
    await until(() => h.log.errors.some((e) => e.event === 'hub.update-denied'), 'the delegate’s write is denied');
    expect(h.services.replicas.with(MEETING, (r) => r.doc.getMap(LEGACY_META).get('title'))).toBe('Phnom Penh Declaration');

    // Copied: the meeting room is everyone's again.
    const room = client(h, `secretariat/${MEETING}`, secretariatCode);
    await until(() => room.provider.synced, 'synced');
    room.doc.transact(() => markSecretariatDoc(room.doc));
    await until(() => h.services.replicas.with(MEETING, () => true) && h.services.store.getDoc(MEETING) !== undefined, 'marked');
    const later = client(h, `meeting/${MEETING}`, h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Hanoi' }).code);
    await until(() => later.provider.synced, 'synced');
    await new Promise((resolve) => setTimeout(resolve, 50));
    later.doc.getMap('participants').set('hanoi', 'Linh');
    await until(() => h.services.replicas.with(MEETING, (r) => r.doc.getMap('participants').get('hanoi')) === 'Linh', 'a delegate writes it');
  });

  it('lets a peer speak only for itself in presence, with the role its code gives it', async () => {
    const h = await hub();
    const writer = client(h, `meeting/${MEETING}`, h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Manila' }).code);
    const observer = client(h, `meeting/${MEETING}`, h.services.invitations.issue({ meetingId: MEETING, role: 'observer', delegation: null }).code);
    await until(() => writer.provider.synced && observer.provider.synced, 'both are synced');
    writer.provider.awareness.setLocalState({ name: 'Maria', awarenessData: { role: 'delegate', delegation: 'Manila' } });
    await until(() => observer.provider.awareness.getStates().get(writer.doc.clientID)?.name === 'Maria', 'the observer sees the writer');
    // The observer claims to be the secretariat, then tries to erase the writer's presence.
    observer.provider.awareness.setLocalState({ name: 'Secretariat', awarenessData: { role: 'secretariat', delegation: null } });
    const forged = new (await import('y-protocols/awareness')).Awareness(new Y.Doc());
    forged.clientID = writer.doc.clientID;
    forged.setLocalState({ name: 'Not Maria' });
    const { encodeAwarenessUpdate } = await import('y-protocols/awareness');
    observer.provider.ws!.send(Uint8Array.from([1, ...lengthPrefixed(encodeAwarenessUpdate(forged, [writer.doc.clientID]))]));
    await until(() => h.log.errors.filter((e) => e.event === 'hub.presence-refused').length >= 1, 'the claims are refused and logged');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writer.provider.awareness.getStates().get(observer.doc.clientID)?.name).not.toBe('Secretariat');
    expect(h.services.replicas.with(MEETING, (r) => r.awareness.getStates().get(writer.doc.clientID)?.name)).toBe('Maria');
  });

  it('disconnects the live connections of a revoked code, and refuses it from then on', async () => {
    const h = await hub({ revocationCheckMs: 50 });
    const issued = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Jakarta' });
    const c = client(h, `meeting/${MEETING}`, issued.code);
    await until(() => c.provider.synced, 'synced');
    // As the CLI would, from another process: only the database changes.
    h.services.invitations.revoke(issued.code);
    await until(() => c.closes.includes(CLOSE.revoked), 'the live connection is closed');
    const again = client(h, `meeting/${MEETING}`, issued.code);
    await until(() => again.closes.includes(CLOSE.badCode), 'the code is refused');
  });

  it('creates a document room when a writer of its meeting opens its address; an observer waits until then', async () => {
    const h = await hub();
    const observer = client(h, `doc/${MEETING}/declaration-0001`, h.services.invitations.issue({ meetingId: MEETING, role: 'observer', delegation: null }).code);
    await until(() => observer.closes.includes(CLOSE.notYetKnown), 'an observer creates nothing');
    const secretariat = client(h, `doc/${MEETING}/declaration-0001`, h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null }).code);
    await until(() => secretariat.provider.synced, 'the secretariat publishes it');
    secretariat.doc.getText('root').insert(0, 'Draft');
    await until(() => observer.doc.getText('root').toString() === 'Draft', 'the observer retries and reads it');
  });

  it('keeps a document with the meeting whose address created it: another meeting can neither open nor claim it', async () => {
    const h = await hub();
    const ours = client(h, `doc/${MEETING}/declaration-0002`, h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Hanoi' }).code);
    await until(() => ours.provider.synced, 'created');
    const otherCode = h.services.invitations.issue({ meetingId: 'meeting-0000-other', role: 'secretariat', delegation: null }).code;
    // Its own meeting's address with the other meeting's code, and the other meeting's address.
    const wrongAddress = client(h, `doc/${MEETING}/declaration-0002`, otherCode);
    const thief = client(h, 'doc/meeting-0000-other/declaration-0002', otherCode);
    await until(() => wrongAddress.closes.includes(CLOSE.wrongMeeting) && thief.closes.includes(CLOSE.wrongMeeting), 'the other meeting cannot open it');
    // The meeting's lists are whatever participants write: listing it in the other meeting changes nothing.
    const other = client(h, 'meeting/meeting-0000-other', otherCode);
    await until(() => other.provider.synced, 'other meeting synced');
    addMeetingDocument(other.doc, { id: 'declaration-0002', kind: 'declaration', title: 'Mine now', createdAt: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.services.store.getDoc('declaration-0002')?.meetingId).toBe(MEETING);
  });

  it('limits the documents a meeting holds and the rooms one invitation creates', async () => {
    const h = await hub({ limits: { maxDocumentsPerMeeting: 3, maxRoomsPerInvitation: 2 } });
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Hanoi' }).code;
    const otherDelegate = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Yangon' }).code;
    for (const id of ['declaration-0011', 'declaration-0012']) {
      const c = client(h, `doc/${MEETING}/${id}`, code);
      await until(() => c.provider.synced, `${id} created`);
    }
    const third = client(h, `doc/${MEETING}/declaration-0013`, code);
    await until(() => third.closes.includes(CLOSE.limit), 'the invitation’s third room is refused');
    const byOther = client(h, `doc/${MEETING}/declaration-0014`, otherDelegate);
    await until(() => byOther.provider.synced, 'another delegation may still create one');
    const fourth = client(h, `doc/${MEETING}/declaration-0015`, otherDelegate);
    await until(() => fourth.closes.includes(CLOSE.limit), 'the meeting’s fourth document is refused');
    expect(h.log.errors.some((e) => e.event === 'hub.refused' && /most documents/.test(String(e.fields?.reason)))).toBe(true);
  });

  it('closes a connection whose message is over the size limit, and serves everyone else', async () => {
    const h = await hub({ limits: { maxMessageBytes: 4096 } });
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Bangkok' }).code;
    const big = client(h, `meeting/${MEETING}`, code);
    const small = client(h, `meeting/${MEETING}`, code);
    await until(() => big.provider.synced && small.provider.synced, 'synced');
    big.doc.getText('t').insert(0, 'x'.repeat(10_000));
    await until(() => big.closes.includes(1009), 'the oversized message closes its connection');
    small.doc.getText('u').insert(0, 'still served');
    await until(() => h.services.replicas.with(MEETING, (r) => r.doc.getText('u').toString()) === 'still served', 'others are still served');
  });

  it('survives 10,000 random and mutated messages without corrupting the room or dropping other peers', async () => {
    const h = await hub();
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Kuala Lumpur' }).code;
    const honest = client(h, `meeting/${MEETING}`, code);
    await until(() => honest.provider.synced, 'synced');
    honest.doc.getText('text').insert(0, 'Hereby agree to strengthen cooperation among capital cities.');

    // Real messages to mutate: the updates a real client produces.
    const samples: Uint8Array[] = [];
    const donor = new Y.Doc();
    donor.on('update', (u: Uint8Array) => samples.push(Uint8Array.from([0, 2, ...lengthPrefixed(u)])));
    for (let i = 0; i < 20; i += 1) donor.getText('text').insert(0, `clause ${i} `);
    let seed = 20221202;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

    let sent = 0;
    let attacker = await rawSocket(h.running.url, `meeting/${MEETING}`, code);
    while (sent < 10_000) {
      const message = random() < 0.5 ? randomBytes(random, 1 + Math.floor(random() * 64)) : mutate(samples[Math.floor(random() * samples.length)]!, random);
      if (attacker.readyState !== WebSocket.OPEN) attacker = await rawSocket(h.running.url, `meeting/${MEETING}`, code);
      attacker.send(message);
      sent += 1;
      if (sent % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    attacker.close();
    honest.doc.getText('text').insert(0, 'We, the Governors, ');
    const hubText = () => h.services.replicas.with(MEETING, (r) => r.doc.getText('text').toString());
    await until(() => hubText().startsWith('We, the Governors, '), 'the honest peer is still served');
    const check = client(h, `meeting/${MEETING}`, code);
    await until(() => check.provider.synced, 'a fresh peer syncs');
    await until(() => check.doc.getText('text').toString() === honest.doc.getText('text').toString(), 'a fresh peer sees what the honest one wrote');
    expect(Y.encodeStateVector(check.doc)).toBeDefined();
  }, 120_000);
});

/** The reason in a y-protocols permission-denied message. */
function readDenial(decoder: decoding.Decoder): string {
  decoding.readVarUint(decoder);
  return decoding.readVarString(decoder);
}

function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n >>>= 7;
  }
  out.push(n, ...bytes);
  return out;
}

function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

function mutate(message: Uint8Array, random: () => number): Uint8Array {
  const copy = Uint8Array.from(message);
  const kind = random();
  if (kind < 0.3) return copy.subarray(0, Math.floor(random() * copy.length));
  const flips = 1 + Math.floor(random() * 4);
  for (let i = 0; i < flips; i += 1) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  return copy;
}

function rawSocket(url: string, room: string, code: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/${room}`, { headers: { Authorization: `Bearer ${code}` } });
    ws.on('message', () => undefined);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('the hub behind TLS', () => {
  const tempDir = useTempDirs();

  it('serves wss:// when given a certificate', async () => {
    const dir = tempDir();
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const log = recordingLogger();
    const services = openHubServices(join(dir, 'hub'), log);
    const running = await startHub({ ...services, log, tls: { certFile: cert, keyFile: key } });
    try {
      expect(running.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
      const code = services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Singapore' }).code;
      // A self-signed test certificate: trust it explicitly, as a venue would install its own.
      const ws = new WebSocket(`${running.url}/meeting/${MEETING}`, { ca: readFileSync(cert), headers: { Authorization: `Bearer ${code}` } });
      const first = await new Promise<Buffer>((resolve, reject) => {
        ws.once('message', (data) => resolve(data as Buffer));
        ws.once('error', reject);
      });
      expect(first[0]).toBe(0); // sync step 1 from the hub, over TLS
      ws.close();
    } finally {
      await running.close();
      services.close();
    }
  });
});

describe('a peer being shut out', () => {
  const tempDir = useTempDirs();

  it('has nothing applied once its code is revoked, even before its socket has closed', async () => {
    const h = await startTestHub(tempDir());
    try {
      const issued = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Brunei' });
      const ws = await new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${h.running.url}/meeting/${MEETING}`, { headers: { Authorization: `Bearer ${issued.code}` } });
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      h.services.invitations.revoke(issued.id);
      h.running.disconnectInvitation(issued.id);
      const late = new Y.Doc();
      late.getMap('meta').set('title', 'Too late');
      ws.send(Uint8Array.from([0, 2, ...lengthPrefixed(Y.encodeStateAsUpdate(late))]));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(h.services.replicas.openCount === 0 || h.services.replicas.with(MEETING, (r) => r.doc.getMap('meta').get('title')) === undefined).toBe(true);
      ws.terminate();
    } finally {
      await h.stop();
    }
  });
});

describe("the hub's storage", () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const DECLARATION = 'declaration-0000-phnom-penh';
  const OTHER = 'meeting-0000-vientiane';
  const TEXT = 'We, the Governors and Mayors of ASEAN Capitals, hereby agree';

  async function hub(dir: string): Promise<TestHub> {
    const started = await startTestHub(dir);
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await started.stop();
    };
    cleanups.push(stop);
    return { ...started, stop };
  }

  function client(h: TestHub, room: string, code: string) {
    const c = stockClient(h.running.url, room, code);
    cleanups.push(() => c.destroy());
    return c;
  }

  /** The secretariat lists a declaration in its meeting, writes it, and leaves. */
  async function draftAndLeave(h: TestHub): Promise<void> {
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null }).code;
    const meeting = client(h, `meeting/${MEETING}`, code);
    await until(() => meeting.provider.synced, 'the meeting is synced');
    meeting.doc.getMap('meta').set('title', 'Meeting of Governors and Mayors of ASEAN Capitals');
    addMeetingDocument(meeting.doc, { id: DECLARATION, kind: 'declaration', title: 'Draft', createdAt: 1 });
    const author = client(h, `doc/${MEETING}/${DECLARATION}`, code);
    await until(() => author.provider.synced, 'the declaration is synced');
    author.doc.getText('body').insert(0, TEXT);
    await until(() => h.services.replicas.with(DECLARATION, (r) => r.doc.getText('body').toString()) === TEXT, 'the hub has the text');
    meeting.destroy();
    author.destroy();
    await until(() => h.services.replicas.openCount === 0, 'every room is unloaded');
  }

  it('keeps each room in its own file under rooms/, and only the registry in hub.sqlite', async () => {
    const dir = tempDir();
    const h = await hub(dir);
    await draftAndLeave(h);
    await h.stop();

    // The secretariat's room holds who owns which client id, which the hub writes.
    expect(readdirSync(join(dir, HUB_ROOMS_FOLDER)).filter((f) => f.endsWith('.sqlite')).sort()).toEqual(
      [`${DECLARATION}.sqlite`, `${MEETING}.sqlite`, `${secretariatDocId(MEETING)}.sqlite`].sort(),
    );
    const declaration = readRoomFile(roomFile(dir, DECLARATION), DECLARATION);
    expect(declaration.doc.getText('body').toString()).toBe(TEXT);
    expect(readRoomFile(roomFile(dir, DECLARATION), MEETING).rows).toBe(0);
    expect(readRoomFile(roomFile(dir, MEETING), MEETING).doc.getMap('meta').get('title')).toBe('Meeting of Governors and Mayors of ASEAN Capitals');

    const registry = HubRegistry.open(join(dir, HUB_DATABASE_FILE));
    try {
      expect(registry.legacyLogRows(MEETING)).toEqual([]);
      expect(registry.legacyLogRows(DECLARATION)).toEqual([]);
      expect(registry.getDoc(DECLARATION)?.meetingId).toBe(MEETING);
      expect(registry.hubTables.invitationsOfMeeting(MEETING)).toHaveLength(1);
    } finally {
      registry.close();
    }
  });

  it('gives a late joiner the whole document after a restart, though its author has left', async () => {
    const dir = tempDir();
    const first = await hub(dir);
    await draftAndLeave(first);
    const code = first.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Ha Noi' }).code;
    await first.stop();

    const again = await hub(dir);
    const late = client(again, `doc/${MEETING}/${DECLARATION}`, code);
    await until(() => late.doc.getText('body').toString() === TEXT, 'the late joiner has the whole declaration');
    expect(again.running.connectionCount()).toBe(1);
  });

  it("closes a room's file when its last client leaves, and only that room's", async () => {
    const dir = tempDir();
    const h = await hub(dir);
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Manila' }).code;
    const otherCode = h.services.invitations.issue({ meetingId: OTHER, role: 'delegate', delegation: 'Manila' }).code;
    const one = client(h, `meeting/${MEETING}`, code);
    const two = client(h, `meeting/${MEETING}`, code);
    const other = client(h, `meeting/${OTHER}`, otherCode);
    await until(() => one.provider.synced && two.provider.synced && other.provider.synced, 'all are synced');
    one.doc.getText('t').insert(0, 'Phnom Penh');
    other.doc.getText('t').insert(0, 'Vientiane');
    const file = roomFile(dir, MEETING);
    const otherFile = roomFile(dir, OTHER);
    await until(() => existsSync(`${file}-wal`) && existsSync(`${otherFile}-wal`), 'both rooms have written');
    expect(processHoldsOpen(file)).not.toBe(false);

    one.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.services.replicas.openCount).toBe(2);
    two.destroy();
    await until(() => h.services.replicas.openCount === 1, 'the empty room is unloaded');
    // SQLite removes the -wal file when the last connection to the database closes.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(processHoldsOpen(file)).not.toBe(true);
    expect(existsSync(`${otherFile}-wal`)).toBe(true);
    expect(processHoldsOpen(otherFile)).not.toBe(false);
  });

  it('moves every room of a hub.sqlite from before room files into its own file, invitations kept', async () => {
    const dir = tempDir();
    const [code] = writeLegacyHub(
      dir,
      [
        { id: MEETING, kind: 'meeting', meetingId: null, write: (doc) => addMeetingDocument(doc, { id: DECLARATION, kind: 'declaration', title: 'Draft', createdAt: 1 }) },
        { id: DECLARATION, kind: 'declaration', meetingId: MEETING, write: (doc) => doc.getText('body').insert(0, TEXT) },
      ],
      [{ meetingId: MEETING, role: 'delegate', delegation: 'Yangon' }],
    );
    const h = await hub(dir);
    expect(h.services.store.legacyLogRows(MEETING)).toEqual([]);
    expect(h.services.store.legacyLogRows(DECLARATION)).toEqual([]);
    expect(existsSync(roomFile(dir, MEETING))).toBe(true);
    expect(h.log.errors).toEqual([]);

    const late = client(h, `doc/${MEETING}/${DECLARATION}`, code!);
    await until(() => late.doc.getText('body').toString() === TEXT, 'the moved declaration is served');
  });

  it('finishes a move a crash interrupted, without doubling anything', async () => {
    const dir = tempDir();
    writeLegacyHub(dir, [{ id: MEETING, kind: 'meeting', meetingId: null, write: (doc) => doc.getText('t').insert(0, TEXT) }]);
    // As if the hub had stopped after writing the room's file and before deleting its rows: the
    // old hub.sqlite is put back beside the room file the move wrote.
    const legacy = readFileSync(join(dir, HUB_DATABASE_FILE));
    openHubServices(dir, recordingLogger()).close();
    writeFileSync(join(dir, HUB_DATABASE_FILE), legacy);

    const reopened = openHubServices(dir, recordingLogger());
    try {
      expect(reopened.store.legacyLogRows(MEETING)).toEqual([]);
      expect(readRoomFile(roomFile(dir, MEETING), MEETING).rows).toBe(2);
      expect(reopened.replicas.with(MEETING, (r) => r.doc.getText('t').toString())).toBe(TEXT);
    } finally {
      reopened.close();
    }
  });

  it("leaves a room's rows in hub.sqlite when its file cannot take them, and moves the others", () => {
    const dir = tempDir();
    writeLegacyHub(dir, [
      { id: MEETING, kind: 'meeting', meetingId: null, write: (doc) => doc.getText('t').insert(0, TEXT) },
      { id: OTHER, kind: 'meeting', meetingId: null, write: (doc) => doc.getText('t').insert(0, 'Vientiane') },
    ]);
    mkdirSync(join(dir, HUB_ROOMS_FOLDER));
    writeFileSync(roomFile(dir, MEETING), 'not a database');
    const log = recordingLogger();
    const services = openHubServices(dir, log);
    try {
      expect(services.store.legacyLogRows(MEETING)).toHaveLength(1);
      expect(services.store.legacyLogRows(OTHER)).toEqual([]);
      expect(services.replicas.with(OTHER, (r) => r.doc.getText('t').toString())).toBe('Vientiane');
      expect(log.errors.find((e) => e.event === 'hub.room-move')?.fields).toMatchObject({ room: MEETING, file: roomFile(dir, MEETING) });
      expect(readFileSync(roomFile(dir, MEETING), 'utf8')).toBe('not a database');
    } finally {
      services.close();
    }
  });

  it('refuses the rooms of an unreadable file, says why, leaves it untouched and serves every other room', async () => {
    const dir = tempDir();
    const first = await hub(dir);
    await draftAndLeave(first);
    const code = first.services.invitations.issue({ meetingId: MEETING, role: 'delegate', delegation: 'Jakarta' }).code;
    const otherCode = first.services.invitations.issue({ meetingId: OTHER, role: 'delegate', delegation: 'Jakarta' }).code;
    const seed = client(first, `meeting/${OTHER}`, otherCode);
    await until(() => seed.provider.synced, 'the other meeting is synced');
    seed.doc.getText('t').insert(0, 'Vientiane');
    await until(() => first.services.replicas.with(OTHER, (r) => r.doc.getText('t').toString()) === 'Vientiane', 'the other meeting is stored');
    seed.destroy();
    await first.stop();

    // A damaged disk: the header survives, the pages after it do not.
    const file = roomFile(dir, MEETING);
    const damaged = readFileSync(file);
    for (let i = 4096; i < damaged.length; i += 1) damaged[i] = (i * 7919) & 0xff;
    writeFileSync(file, damaged);

    const h = await hub(dir);
    const refused = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const ws = new WebSocket(`${h.running.url}/meeting/${MEETING}`, { headers: { Authorization: `Bearer ${code}` } });
      ws.once('close', (closeCode, reason) => resolve({ code: closeCode, reason: reason.toString() }));
      ws.once('error', reject);
    });
    expect(refused).toEqual({ code: CLOSE.unreadable, reason: "The hub cannot read this room's file; the hub's operator must restore it" });
    const logged = h.log.errors.find((e) => e.event === 'hub.room-unreadable');
    expect(logged?.fields).toMatchObject({ room: `/meeting/${MEETING}`, file });
    // The meeting's declaration has a file of its own, and the registry knows whose it is.
    const declaration = client(h, `doc/${MEETING}/${DECLARATION}`, code);
    await until(() => declaration.doc.getText('body').toString() === TEXT, "the meeting's declaration is still served");
    const invitation = (await (await fetch(`${h.running.url.replace('ws:', 'http:')}/v1/invitation`, { headers: { Authorization: `Bearer ${code}` } })).json()) as Record<string, unknown>;
    expect(invitation).toMatchObject({ meetingId: MEETING, meetingTitle: null });

    const other = client(h, `meeting/${OTHER}`, otherCode);
    await until(() => other.doc.getText('t').toString() === 'Vientiane', 'another room is served');
    other.doc.getText('t').insert(0, 'Still ');
    await until(() => h.services.replicas.with(OTHER, (r) => r.doc.getText('t').toString()) === 'Still Vientiane', 'and stored');
    expect(readFileSync(file).equals(damaged)).toBe(true);
    // SQLite's read-only look at a WAL file may leave an empty -wal beside it, never a page.
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
  });

  it('never names a room file outside its folder, nor makes one for a room it has not admitted', () => {
    const dir = tempDir();
    const registry = HubRegistry.open(join(dir, HUB_DATABASE_FILE));
    const rooms = new RoomReplicas({ registry, folder: join(dir, HUB_ROOMS_FOLDER), now: Date.now, log: recordingLogger() });
    try {
      expect(rooms.fileOf(MEETING)).toBe(join(dir, HUB_ROOMS_FOLDER, `${MEETING}.sqlite`));
      for (const id of ['../hub', '../../etc/passwd-00', 'meeting/../../x', 'MEETING-0000', '']) {
        expect(() => rooms.fileOf(id)).toThrow(/not a room name/);
      }
      expect(() => rooms.acquire(MEETING)).toThrow(/no room/);
      expect(readdirSync(join(dir, HUB_ROOMS_FOLDER))).toEqual([]);
    } finally {
      rooms.closeAll();
      registry.close();
    }
  });
});

describe('the hub’s log in a normal session', () => {
  const tempDir = useTempDirs();
  it('stays quiet: reading, writing and presence by every role log nothing', async () => {
    const h = await startTestHub(tempDir());
    const clients: Array<ReturnType<typeof stockClient>> = [];
    try {
      for (const [role, delegation] of [['secretariat', null], ['delegate', 'Manila'], ['observer', null]] as const) {
        const code = h.services.invitations.issue({ meetingId: MEETING, role, delegation }).code;
        for (const room of [`meeting/${MEETING}`, `secretariat/${MEETING}`, `doc/${MEETING}/declaration-0009`]) {
          if (role === 'observer' && room.startsWith('doc/')) continue;
          const c = stockClient(h.running.url, room, code);
          clients.push(c);
          c.provider.awareness.setLocalState({ name: role, awarenessData: { role, delegation } });
        }
      }
      await until(() => clients.every((c) => c.provider.synced), 'everyone is synced');
      const [meeting, , draft] = clients;
      for (let i = 0; i < 20; i += 1) {
        draft!.doc.getText('body').insert(0, `${i} `);
        meeting!.provider.awareness.setLocalStateField('cursor', i);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(h.log.errors).toEqual([]);
    } finally {
      for (const c of clients) c.destroy();
      await h.stop();
    }
  });
});
