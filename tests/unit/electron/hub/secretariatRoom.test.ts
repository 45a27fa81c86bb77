import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE } from '../../../../electron/hub/hubServer';
import { addAgendaItem, readAgenda } from '../../../../shared/model/agenda';
import { addDelegation, readDelegations, updateDelegation } from '../../../../shared/model/delegations';
import { addMeetingDocument, addOfficialDocument, readOfficialDocumentList, updateOfficialDocument, writeMeetingMeta } from '../../../../shared/model/meetingDoc';
import { readMeetingLocation, writeMeetingLocation } from '../../../../shared/model/meetingLocation';
import { publishMeetingTemplate, readMeetingTemplates } from '../../../../shared/model/meetingTemplates';
import { SECRETARIAT_ROOTS, secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { circulateVersion, readCirculatedVersions } from '../../../../shared/model/versions';
import { useTempDirs } from '../../helpers';
import { readRoomFile, roomFile, startTestHub, stockClient, type TestHub, until } from './hubTestKit';

const MEETING = 'meeting-0000-phnom-penh';
const OTHER = 'meeting-0000-vientiane';
const SECRETARIAT_DOC = secretariatDocId(MEETING);

const PARTICULARS = {
  title: 'Meeting of Governors and Mayors of ASEAN Capitals',
  place: 'Phnom Penh, Cambodia',
  hostCity: 'Phnom Penh',
  startDate: '2022-12-02',
  endDate: '2022-12-02',
  createdAt: 1,
};
const SECRETARIAT = { name: 'Sophea', role: 'secretariat' as const, delegation: null };
const ITEM = { kind: 'session' as const, presenter: '', day: '2022-12-02', start: null, durationMinutes: 30, documentId: null };
const TEMPLATE = { kind: 'op' as const, tags: [], language: 'en' as const, text: 'Agree to cooperate;' };
const version = (label: string) => ({
  documentId: 'declaration-0001',
  label,
  status: 'draft' as const,
  origin: 'saved' as const,
  author: SECRETARIAT,
  createdAt: 1,
  circulatedAt: 2,
  circulatedBy: SECRETARIAT,
  state: Uint8Array.from([0, 0]),
});

/** Each secretariat-only part, as a change to a copy of the secretariat doc. */
const PARTS: Array<{ part: string; write: (doc: Y.Doc, tag: string) => void; holds: (doc: Y.Doc, tag: string) => boolean }> = [
  {
    part: 'particulars',
    write: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.particulars).set('title', `${tag} Declaration`),
    holds: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.particulars).get('title') === `${tag} Declaration`,
  },
  {
    // What a correction of the particulars changes most: the dates (meetings.update writes both).
    part: 'meeting dates',
    write: (doc, tag) => {
      doc.getMap(SECRETARIAT_ROOTS.particulars).set('startDate', tag === 'Forged' ? '2023-01-30' : '2022-12-01');
      doc.getMap(SECRETARIAT_ROOTS.particulars).set('endDate', tag === 'Forged' ? '2023-01-31' : '2022-12-03');
    },
    holds: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.particulars).get('endDate') === (tag === 'Forged' ? '2023-01-31' : '2022-12-03'),
  },
  {
    part: 'published templates',
    write: (doc, tag) => publishMeetingTemplate(doc, { ...TEMPLATE, id: `op-${tag.toLowerCase()}-01`, title: tag }, tag, 3),
    holds: (doc, tag) => readMeetingTemplates({ meeting: new Y.Doc(), secretariat: doc }).some((t) => t.title === tag),
  },
  {
    part: 'circulated versions',
    write: (doc, tag) => circulateVersion(doc, `version-${tag.toLowerCase()}-01`, version(tag)),
    holds: (doc, tag) => readCirculatedVersions({ meeting: new Y.Doc(), secretariat: doc }).some((v) => v.label === tag),
  },
  {
    part: 'agenda',
    write: (doc, tag) => addAgendaItem(doc, `item-${tag.toLowerCase()}-01`, { ...ITEM, title: tag }),
    holds: (doc, tag) => readAgenda(doc).some((item) => item.title === tag),
  },
  {
    part: 'agenda day starts',
    write: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.agendaDayStarts).set('2022-12-02', tag === 'Forged' ? '05:00' : '08:30'),
    holds: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.agendaDayStarts).get('2022-12-02') === (tag === 'Forged' ? '05:00' : '08:30'),
  },
  {
    part: 'delegations',
    write: (doc, tag) => addDelegation(doc, `delegation-${tag.toLowerCase()}`, { name: `${tag} City`, headName: `H.E. ${tag}`, headTitle: `Governor of ${tag} City` }),
    holds: (doc, tag) => readDelegations(doc).some((d) => d.name === `${tag} City`),
  },
  {
    part: 'official documents',
    write: (doc, tag) => addOfficialDocument(doc, { id: `declaration-${tag.toLowerCase()}`, kind: 'declaration', title: tag, createdAt: 4 }),
    holds: (doc, tag) => readOfficialDocumentList(doc).some((d) => d.title === tag),
  },
  {
    // How an official document is listed: its language, symbol, distribution line and archive state.
    part: 'document listing',
    write: (doc, tag) => {
      if (!readOfficialDocumentList(doc).some((d) => d.id === 'declaration-listed')) {
        addOfficialDocument(doc, { id: 'declaration-listed', kind: 'declaration', title: 'Listed', createdAt: 5 });
      }
      const forged = tag === 'Forged';
      updateOfficialDocument(doc, 'declaration-listed', { language: forged ? 'km' : 'vi', symbol: `${tag}/DECL`, distribution: tag, archived: forged });
    },
    holds: (doc, tag) => {
      const listed = readOfficialDocumentList(doc).find((d) => d.id === 'declaration-listed');
      const forged = tag === 'Forged';
      return listed?.symbol === `${tag}/DECL` && listed.distribution === tag && listed.language === (forged ? 'km' : 'vi') && listed.archived === forged;
    },
  },
  {
    part: 'meeting archived',
    write: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.particulars).set('archived', tag === 'Forged' ? 'yes, forged' : true),
    holds: (doc, tag) => doc.getMap(SECRETARIAT_ROOTS.particulars).get('archived') === (tag === 'Forged' ? 'yes, forged' : true),
  },
  {
    // A forged notice would send every participant's app, with its code, to a hub of the forger's.
    part: 'where the meeting moved',
    write: (doc, tag) => writeMeetingLocation(doc, { addresses: [tag === 'Forged' ? 'wss://forged.example' : 'wss://hub.example.org'], at: 1, by: tag }),
    holds: (doc, tag) => readMeetingLocation(doc)?.by === tag,
  },
];

function syncMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe("the secretariat's room", () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function hub(dir = tempDir()): Promise<TestHub> {
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

  const code = (h: TestHub, role: 'secretariat' | 'delegate' | 'observer', meetingId = MEETING) =>
    h.services.invitations.issue({ meetingId, role, delegation: role === 'delegate' ? 'Manila' : null }).code;

  const hubDoc = <T,>(h: TestHub, read: (doc: Y.Doc) => T): T => h.services.replicas.with(SECRETARIAT_DOC, (r) => read(r.doc));
  /** Denials of writes to the secretariat's room, one per invitation (repeats are counted, not logged again). */
  const dropped = (h: TestHub) => h.log.errors.filter((e) => e.event === 'hub.update-denied' && e.fields?.room === `/secretariat/${MEETING}`);
  const roleOf = (h: TestHub, invitation: unknown) => h.services.store.hubTables.invitationById(String(invitation))?.role;

  /** The secretariat sets the meeting up in its room; returns its client. */
  async function secretariatRoom(h: TestHub) {
    const secretariat = client(h, `secretariat/${MEETING}`, code(h, 'secretariat'));
    await until(() => secretariat.provider.synced, 'the secretariat is synced');
    writeMeetingMeta(secretariat.doc, PARTICULARS);
    await until(() => hubDoc(h, (doc) => doc.getMap(SECRETARIAT_ROOTS.particulars).get('title')) === PARTICULARS.title, 'the hub has the particulars');
    return secretariat;
  }

  it('drops every change a delegate or an observer makes to each secretariat-only part, stores none, and applies the secretariat’s', async () => {
    const dir = tempDir();
    const h = await hub(dir);
    const secretariat = await secretariatRoom(h);
    const delegate = client(h, `secretariat/${MEETING}`, code(h, 'delegate'));
    const observer = client(h, `secretariat/${MEETING}`, code(h, 'observer'));
    await until(() => delegate.provider.synced && observer.provider.synced, 'the delegate and the observer read the room');
    expect(delegate.doc.getMap(SECRETARIAT_ROOTS.particulars).get('title')).toBe(PARTICULARS.title);
    // Reading is not writing: joining the room is no dropped message.
    expect(dropped(h)).toEqual([]);

    for (const { write } of PARTS) {
      write(delegate.doc, 'Forged');
      write(observer.doc, 'Forged');
    }
    await until(() => dropped(h).length >= 2, 'the changes are dropped and logged, once per invitation');
    expect(dropped(h).map((e) => roleOf(h, e.fields?.invitation)).sort()).toEqual(['delegate', 'observer']);

    // The secretariat's own change to each part lands, and reaches the delegates. (A reader that
    // never wrote: the modified client keeps its own forged copy, which only it sees.)
    const reader = client(h, `secretariat/${MEETING}`, code(h, 'delegate'));
    for (const { part, write, holds } of PARTS) {
      write(secretariat.doc, 'Agreed');
      await until(() => hubDoc(h, (doc) => holds(doc, 'Agreed')), `the secretariat’s ${part} is applied`);
      await until(() => holds(reader.doc, 'Agreed'), `a delegate receives the ${part}`);
    }
    for (const { part, holds } of PARTS) {
      expect(hubDoc(h, (doc) => holds(doc, 'Forged')), part).toBe(false);
      expect(holds(secretariat.doc, 'Forged'), part).toBe(false);
      expect(holds(reader.doc, 'Forged'), part).toBe(false);
    }

    // Nothing forged reached the room's file either.
    for (const c of [secretariat, delegate, observer, reader]) c.destroy();
    await h.stop();
    const stored = readRoomFile(roomFile(dir, SECRETARIAT_DOC), SECRETARIAT_DOC).doc;
    for (const { part, holds } of PARTS) {
      expect(holds(stored, 'Forged'), part).toBe(false);
      expect(holds(stored, 'Agreed'), part).toBe(true);
    }
  });

  it('drops a hand-made update from a delegate’s raw socket, whatever it holds, and keeps serving the room', async () => {
    const h = await hub();
    const secretariat = await secretariatRoom(h);
    const ws = new WebSocket(`${h.running.url}/secretariat/${MEETING}`, { headers: { Authorization: `Bearer ${code(h, 'delegate')}` } });
    cleanups.push(() => ws.terminate());
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    // A fresh doc claiming the whole room: its own marker, particulars and official list.
    const forged = new Y.Doc();
    writeMeetingMeta(forged, { ...PARTICULARS, title: 'Hijacked' });
    addOfficialDocument(forged, { id: 'declaration-forged1', kind: 'declaration', title: 'Forged', createdAt: 9 });
    ws.send(syncMessage(Y.encodeStateAsUpdate(forged)));
    await until(() => dropped(h).length === 1, 'the forged update is dropped and logged');
    expect(roleOf(h, dropped(h)[0]!.fields?.invitation)).toBe('delegate');
    expect(ws.readyState).toBe(WebSocket.OPEN);

    secretariat.doc.getMap(SECRETARIAT_ROOTS.particulars).set('place', 'Phnom Penh');
    await until(() => hubDoc(h, (doc) => doc.getMap(SECRETARIAT_ROOTS.particulars).get('place')) === 'Phnom Penh', 'the secretariat is still served');
    expect(hubDoc(h, (doc) => [doc.getMap(SECRETARIAT_ROOTS.particulars).get('title'), readOfficialDocumentList(doc)])).toEqual([PARTICULARS.title, []]);
    expect(h.services.store.getDoc('declaration-forged1')).toBeUndefined();
  });

  it('drops a delegate’s hand-made change to the list of delegations, so the opening never names a head the secretariat did not list', async () => {
    const h = await hub();
    const secretariat = await secretariatRoom(h);
    const PHNOM_PENH = { name: 'Phnom Penh', headName: 'H.E. Mr. Khuong Sreng', headTitle: 'Governor of Phnom Penh' };
    addDelegation(secretariat.doc, 'delegation-phnom-penh', PHNOM_PENH);
    await until(() => hubDoc(h, (doc) => readDelegations(doc).length) === 1, 'the hub has the secretariat’s list');

    const ws = new WebSocket(`${h.running.url}/secretariat/${MEETING}`, { headers: { Authorization: `Bearer ${code(h, 'delegate')}` } });
    cleanups.push(() => ws.terminate());
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    // Made by hand on top of the room as it stands: a new head for Phnom Penh, and a delegation of its own.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, hubDoc(h, (doc) => Y.encodeStateAsUpdate(doc)));
    const before = Y.encodeStateVector(forged);
    updateDelegation(forged, 'delegation-phnom-penh', { ...PHNOM_PENH, headName: 'Mr. Impostor', headTitle: 'Self-appointed Governor' });
    addDelegation(forged, 'delegation-manila', { name: 'Manila', headName: 'Mr. Impostor', headTitle: 'Mayor of Manila' });
    ws.send(syncMessage(Y.encodeStateAsUpdate(forged, before)));
    await until(() => dropped(h).length === 1, 'the hand-made update is dropped and logged');
    expect(roleOf(h, dropped(h)[0]!.fields?.invitation)).toBe('delegate');
    expect(ws.readyState).toBe(WebSocket.OPEN);

    // The secretariat still edits the list; the hub holds its list and nothing of the delegate's.
    updateDelegation(secretariat.doc, 'delegation-phnom-penh', { ...PHNOM_PENH, headTitle: 'Governor of Phnom Penh Capital' });
    await until(() => hubDoc(h, (doc) => readDelegations(doc)[0]?.headTitle) === 'Governor of Phnom Penh Capital', 'the secretariat’s edit is applied');
    expect(hubDoc(h, (doc) => readDelegations(doc).map(({ name, headName }) => [name, headName]))).toEqual([['Phnom Penh', 'H.E. Mr. Khuong Sreng']]);
  });

  it('belongs to its meeting: registered with it, refused to invitations of other meetings', async () => {
    const h = await hub();
    const meeting = client(h, `meeting/${MEETING}`, code(h, 'delegate'));
    await until(() => meeting.provider.synced, 'the meeting room is open');
    // Opening the meeting's room registers its secretariat's, before anyone could name its id.
    expect(h.services.store.getDoc(SECRETARIAT_DOC)).toMatchObject({ kind: 'secretariat', meetingId: MEETING });
    const stranger = client(h, `secretariat/${MEETING}`, code(h, 'secretariat', OTHER));
    await until(() => stranger.closes.includes(CLOSE.wrongMeeting), 'another meeting’s secretariat is refused');
    expect(stranger.provider.shouldConnect).toBe(false);
  });

  it('cannot be reached, written or claimed through a document or meeting room', async () => {
    const h = await hub();
    const secretariat = await secretariatRoom(h);
    const delegateCode = code(h, 'delegate');
    const meeting = client(h, `meeting/${MEETING}`, delegateCode);
    await until(() => meeting.provider.synced, 'the delegate is in the meeting room');

    // Listed as a document in the meeting doc, where delegates write: never registered as one.
    addMeetingDocument(meeting.doc, { id: SECRETARIAT_DOC, kind: 'declaration', title: 'Innocent draft', createdAt: 5, delegation: 'Manila' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.services.store.getDoc(SECRETARIAT_DOC)).toMatchObject({ kind: 'secretariat', meetingId: MEETING });

    const asDocument = client(h, `doc/${MEETING}/${SECRETARIAT_DOC}`, delegateCode);
    await until(() => asDocument.closes.includes(CLOSE.wrongMeeting), 'the document room is refused');
    expect(asDocument.provider.shouldConnect).toBe(false);
    const asMeeting = client(h, `meeting/${SECRETARIAT_DOC}`, delegateCode);
    await until(() => asMeeting.closes.includes(CLOSE.wrongMeeting), 'the meeting room is refused');
    // Nor with an invitation a hub's operator issued for that id by mistake.
    const misissued = code(h, 'secretariat', SECRETARIAT_DOC);
    for (const room of [`meeting/${SECRETARIAT_DOC}`, `secretariat/${SECRETARIAT_DOC}`, `doc/${SECRETARIAT_DOC}/${SECRETARIAT_DOC}`]) {
      const c = client(h, room, misissued);
      await until(() => c.closes.includes(CLOSE.wrongMeeting), `${room} is refused`);
    }
    expect(asDocument.doc.getMap(SECRETARIAT_ROOTS.particulars).size).toBe(0);
    expect(hubDoc(h, (doc) => doc.getMap(SECRETARIAT_ROOTS.particulars).get('title'))).toBe(PARTICULARS.title);
    expect(secretariat.doc.getMap(SECRETARIAT_ROOTS.particulars).get('title')).toBe(PARTICULARS.title);
  });

  it('opens a document room at its meeting’s address, whether the secretariat lists it officially or a delegation keeps it', async () => {
    const h = await hub();
    const secretariat = await secretariatRoom(h);
    addOfficialDocument(secretariat.doc, { id: 'declaration-0001', kind: 'declaration', title: 'Draft declaration', createdAt: 2 });
    const published = client(h, `doc/${MEETING}/declaration-0001`, code(h, 'secretariat'));
    await until(() => published.provider.synced, 'the secretariat publishes it');
    const delegateCode = code(h, 'delegate');
    const early = client(h, `doc/${MEETING}/declaration-0001`, delegateCode);
    await until(() => early.provider.synced, 'a delegate opens it');

    const meeting = client(h, `meeting/${MEETING}`, delegateCode);
    await until(() => meeting.provider.synced, 'the delegate is in the meeting room');
    addMeetingDocument(meeting.doc, { id: 'proposal-manila1', kind: 'declaration', title: 'Manila proposal', createdAt: 3, delegation: 'Manila' });
    const own = client(h, `doc/${MEETING}/proposal-manila1`, delegateCode);
    await until(() => own.provider.synced, 'a delegation’s own document opens');
    own.doc.getText('body').insert(0, 'Encourage');
    await until(() => h.services.replicas.with('proposal-manila1', (r) => r.doc.getText('body').toString()) === 'Encourage', 'and the delegation writes it');
  });
});
