import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, LEGACY_AGENDA, LEGACY_AGENDA_DAYS, moveAgendaItem, readMeetingAgenda, removeAgendaItem } from '../../../../shared/model/agenda';
import { parseRoom, roomName } from '../../../../shared/model/invitation';
import { EntityId } from '../../../../shared/model/meeting';
import {
  addMeetingDocument,
  addOfficialDocument,
  LEGACY_META,
  readAllMeetingDocuments,
  readDelegationDocuments,
  readMeetingSummary,
  readOfficialDocuments,
  updateOfficialDocument,
  writeMeetingMeta,
} from '../../../../shared/model/meetingDoc';
import { LEGACY_TEMPLATES, publishMeetingTemplate, readMeetingTemplates, removeMeetingTemplate } from '../../../../shared/model/meetingTemplates';
import {
  holdsSecretariatParts,
  isSecretariatDocId,
  type MeetingDocs,
  SECRETARIAT_ROOTS,
  secretariatDocId,
  secretariatRoomName,
} from '../../../../shared/model/secretariatDoc';
import { migrateToSecretariatDoc } from '../../../../shared/model/secretariatMigration';
import type { TemplateFields } from '../../../../shared/model/templates';
import { type CirculatedVersion, circulateVersion, LEGACY_CIRCULATED, readCirculatedVersions } from '../../../../shared/model/versions';
import { MEETING_ID, newMeetingDocs, PARTICULARS, replicaOfDocs, syncDocs } from './meetingDocsKit';

const TEMPLATE: TemplateFields = {
  id: 'op-waste-wording',
  kind: 'op',
  title: 'Agreed wording on waste',
  tags: ['environment'],
  language: 'en',
  text: 'Reduce waste sent to landfill by {{percentage}} per cent;',
};

const SECRETARIAT = { name: 'Sophea', role: 'secretariat' as const, delegation: null };

const circulated = (documentId: string, label: string): CirculatedVersion => ({
  documentId,
  label,
  status: 'draft',
  origin: 'saved',
  author: SECRETARIAT,
  createdAt: 5,
  circulatedAt: 6,
  circulatedBy: SECRETARIAT,
  state: Uint8Array.from([0, 0]),
});

/**
 * A meeting as the release before the secretariat doc wrote it: everything in the meeting doc,
 * the agenda as a Y.Map per item, and an empty secretariat doc beside it.
 */
function legacyMeeting(): MeetingDocs {
  const meeting = new Y.Doc();
  meeting.transact(() => {
    const meta = meeting.getMap<unknown>(LEGACY_META);
    for (const [key, value] of Object.entries(PARTICULARS)) meta.set(key, value);
    meeting.getMap<unknown>(LEGACY_TEMPLATES).set(TEMPLATE.id, { ...TEMPLATE, publishedBy: 'Secretariat', publishedAt: 2 });
    meeting.getMap<unknown>(LEGACY_CIRCULATED).set('version-00000001', circulated('declaration-0001', 'Rev.1'));
    const agenda = meeting.getMap<unknown>(LEGACY_AGENDA);
    const items = [
      { id: 'item-opening00', title: 'Opening ceremony', kind: 'opening', order: 'a' },
      { id: 'item-session00', title: 'Smart cities', kind: 'session', order: 'b' },
      { id: 'item-adoption0', title: 'Adoption', kind: 'adoption', order: 'c' },
    ];
    for (const { id, ...fields } of items) {
      const item = new Y.Map<unknown>();
      agenda.set(id, item);
      for (const [key, value] of Object.entries({ ...fields, presenter: '', day: '2022-12-02', start: null, durationMinutes: 30, documentId: null })) item.set(key, value);
    }
    meeting.getMap<unknown>(LEGACY_AGENDA_DAYS).set('2022-12-02', '08:30');
  });
  addMeetingDocument(meeting, { id: 'declaration-0001', kind: 'declaration', title: 'Draft declaration', createdAt: 3 });
  return { meeting, secretariat: new Y.Doc() };
}

/** Everything a participant reads of the secretariat's parts, as one value to compare. */
function everything(docs: MeetingDocs) {
  const { items, dayStarts } = readMeetingAgenda(docs);
  return {
    meeting: readMeetingSummary(docs, MEETING_ID),
    templates: readMeetingTemplates(docs),
    circulated: readCirculatedVersions(docs).map(({ state: _state, ...rest }) => rest),
    agenda: items.map((item) => `${item.id} ${item.order} ${item.title}`),
    dayStarts,
    official: readOfficialDocuments(docs).map((d) => `${d.id} ${d.title}`),
    delegations: readDelegationDocuments(docs).map((d) => `${d.id} ${d.title} ${d.delegation}`),
  };
}

const agendaTitles = (docs: MeetingDocs) => readMeetingAgenda(docs).items.map((item) => item.title);

describe('the secretariat doc’s id and room', () => {
  it('derives one id per meeting, an EntityId in the reserved namespace, whatever the meeting id’s length', () => {
    const id = secretariatDocId(MEETING_ID);
    expect(id).toBe(secretariatDocId(MEETING_ID));
    expect(EntityId.safeParse(id).success).toBe(true);
    expect(isSecretariatDocId(id)).toBe(true);
    expect(secretariatDocId('meeting-0000-vientiane')).not.toBe(id);
    expect(EntityId.safeParse(secretariatDocId('m'.repeat(64))).success).toBe(true);
    expect(isSecretariatDocId(MEETING_ID)).toBe(false);
    expect(isSecretariatDocId(crypto.randomUUID())).toBe(false);
  });

  it('is reached through the room secretariat/<meetingId>', () => {
    expect(secretariatRoomName(MEETING_ID)).toBe(`secretariat/${MEETING_ID}`);
    expect(parseRoom(`/secretariat/${MEETING_ID}`)).toEqual({ kind: 'secretariat', meetingId: MEETING_ID });
    expect(roomName({ kind: 'secretariat', meetingId: MEETING_ID })).toBe(`secretariat/${MEETING_ID}`);
    expect(parseRoom(`/meeting/${MEETING_ID}`)).toEqual({ kind: 'meeting', meetingId: MEETING_ID });
    expect(parseRoom(`/doc/${MEETING_ID}/declaration-0001`)).toEqual({ kind: 'doc', meetingId: MEETING_ID, docId: 'declaration-0001' });
    expect(roomName({ kind: 'doc', meetingId: MEETING_ID, docId: 'declaration-0001' })).toBe(`doc/${MEETING_ID}/declaration-0001`);
    // A document's address names its meeting: the old address does not open anything.
    expect(parseRoom('/doc/declaration-0001')).toBeUndefined();
    expect(parseRoom('/secretariats/abcdefgh')).toBeUndefined();
  });
});

describe('the meeting’s particulars and documents', () => {
  it('read a new meeting’s particulars and official documents from the secretariat doc, and a delegation’s from the meeting doc', () => {
    const docs = newMeetingDocs();
    expect(holdsSecretariatParts(docs.secretariat)).toBe(true);
    expect(readMeetingSummary(docs, MEETING_ID)).toEqual({ id: MEETING_ID, ...PARTICULARS });
    addOfficialDocument(docs.secretariat, { id: 'declaration-0001', kind: 'declaration', title: 'Draft declaration', createdAt: 3 });
    addMeetingDocument(docs.meeting, { id: 'proposal-00001', kind: 'declaration', title: 'Ha Noi proposal', createdAt: 4, delegation: 'Ha Noi' });
    const unset = { language: null, symbol: null, distribution: null, archived: false };
    expect(readOfficialDocuments(docs)).toEqual([{ id: 'declaration-0001', kind: 'declaration', title: 'Draft declaration', createdAt: 3, delegation: null, ...unset }]);
    expect(readDelegationDocuments(docs)).toEqual([{ id: 'proposal-00001', kind: 'declaration', title: 'Ha Noi proposal', createdAt: 4, delegation: 'Ha Noi', ...unset }]);
    expect(readAllMeetingDocuments(docs).map((d) => d.id)).toEqual(['declaration-0001', 'proposal-00001']);
    expect(updateOfficialDocument(docs.secretariat, 'declaration-0001', { title: 'Phnom Penh Declaration' })).toBe(true);
    expect(updateOfficialDocument(docs.secretariat, 'declaration-9999', { title: 'Nothing' })).toBe(false);
    expect(readOfficialDocuments(docs)[0]!.title).toBe('Phnom Penh Declaration');
  });

  it('never count a document the meeting doc lists as official once the secretariat doc holds the list', () => {
    const docs = newMeetingDocs();
    // A delegation's modified client writes an entry without a delegation, as legacy ones were.
    addMeetingDocument(docs.meeting, { id: 'forged-000001', kind: 'declaration', title: 'Official, honestly', createdAt: 4 });
    expect(readOfficialDocuments(docs)).toEqual([]);
    expect(readDelegationDocuments(docs).map((d) => d.id)).toEqual(['forged-000001']);
  });

  it('refuse to write the secretariat’s parts anywhere but a secretariat doc that holds them', () => {
    const docs = newMeetingDocs();
    const entry = { id: 'declaration-0001', kind: 'declaration' as const, title: 'Draft', createdAt: 3 };
    expect(() => addOfficialDocument(docs.meeting, entry)).toThrow(/not ready/);
    expect(() => circulateVersion(docs.meeting, 'version-00000001', circulated('declaration-0001', 'Rev.1'))).toThrow(/not ready/);
    expect(() => circulateVersion(new Y.Doc(), 'version-00000001', circulated('declaration-0001', 'Rev.1'))).toThrow(/not ready/);
    circulateVersion(docs.secretariat, 'version-00000001', circulated('declaration-0001', 'Rev.1'));
    expect(readCirculatedVersions(docs, 'declaration-0001').map((v) => v.label)).toEqual(['Rev.1']);
    expect(readCirculatedVersions(docs, 'declaration-0002')).toEqual([]);
  });

  it('read a legacy meeting from its meeting doc, and from the secretariat doc alone once the secretariat holds its parts there', () => {
    const docs = legacyMeeting();
    expect(holdsSecretariatParts(docs.secretariat)).toBe(false);
    const before = everything(docs);
    expect(before).toMatchObject({
      meeting: { id: MEETING_ID, title: PARTICULARS.title },
      templates: [{ id: TEMPLATE.id }],
      circulated: [{ id: 'version-00000001', label: 'Rev.1' }],
      agenda: ['item-opening00 a Opening ceremony', 'item-session00 b Smart cities', 'item-adoption0 c Adoption'],
      dayStarts: { '2022-12-02': '08:30' },
      official: ['declaration-0001 Draft declaration'],
      delegations: [],
    });
    // What the secretariat doc holds wins once it is marked, even where it holds less.
    writeMeetingMeta(docs.secretariat, { ...PARTICULARS, title: 'Renamed' });
    expect(everything(docs)).toEqual({
      meeting: { id: MEETING_ID, ...PARTICULARS, title: 'Renamed' },
      templates: [],
      circulated: [],
      agenda: [],
      dayStarts: {},
      official: [],
      delegations: ['declaration-0001 Draft declaration null'],
    });
  });
});

describe('copying a legacy meeting into its secretariat doc', () => {
  it('copies every part once, so a participant reads the same meeting before and after', () => {
    const docs = legacyMeeting();
    addMeetingDocument(docs.meeting, { id: 'proposal-00001', kind: 'declaration', title: 'Ha Noi proposal', createdAt: 4, delegation: 'Ha Noi' });
    const before = everything(docs);
    expect(migrateToSecretariatDoc(docs, MEETING_ID)).toBe(true);
    expect(holdsSecretariatParts(docs.secretariat)).toBe(true);
    expect(everything(docs)).toEqual(before);
    expect(everything(docs).delegations).toEqual(['proposal-00001 Ha Noi proposal Ha Noi']);
    // Read from the secretariat doc alone: the meeting doc's fields no longer count.
    expect(everything({ meeting: new Y.Doc(), secretariat: docs.secretariat })).toMatchObject({ ...before, delegations: [] });
    expect(readCirculatedVersions(docs)[0]!.state).toEqual(Uint8Array.from([0, 0]));

    const state = Y.encodeStateAsUpdate(docs.secretariat);
    expect(migrateToSecretariatDoc(docs, MEETING_ID)).toBe(false);
    expect(Y.encodeStateAsUpdate(docs.secretariat)).toEqual(state);
  });

  it('copies nothing from a meeting doc that has not arrived, nor into a meeting of this release', () => {
    const empty = { meeting: new Y.Doc(), secretariat: new Y.Doc() };
    expect(migrateToSecretariatDoc(empty, MEETING_ID)).toBe(false);
    expect(holdsSecretariatParts(empty.secretariat)).toBe(false);
    const fresh = newMeetingDocs();
    fresh.meeting.getMap<unknown>(LEGACY_META).set('title', 'Written by an older client');
    expect(migrateToSecretariatDoc(fresh, MEETING_ID)).toBe(false);
    expect(readMeetingSummary(fresh, MEETING_ID)?.title).toBe(PARTICULARS.title);
  });

  it('leaves one copy when two secretariat laptops copy at once, and keeps what each then changed', () => {
    const hub = legacyMeeting();
    const a = replicaOfDocs(hub);
    const b = replicaOfDocs(hub);
    // Apart (offline from each other), both copy, then each changes its copy.
    expect(migrateToSecretariatDoc(a, MEETING_ID)).toBe(true);
    expect(migrateToSecretariatDoc(b, MEETING_ID)).toBe(true);
    expect(Y.encodeStateAsUpdate(a.secretariat)).toEqual(Y.encodeStateAsUpdate(b.secretariat));
    moveAgendaItem(a.secretariat, 'item-adoption0', 'up');
    removeAgendaItem(a.secretariat, 'item-opening00');
    removeMeetingTemplate(b.secretariat, TEMPLATE.id);
    addAgendaItem(b.secretariat, 'item-closing00', { title: 'Closing', kind: 'closing', presenter: '', day: '2022-12-02', start: null, durationMinutes: 15, documentId: null });
    updateOfficialDocument(b.secretariat, 'declaration-0001', { title: 'Phnom Penh Declaration' });

    syncDocs(a, b);
    expect(everything(a)).toEqual(everything(b));
    // Nothing doubled, nothing removed came back, every change kept.
    expect(agendaTitles(a)).toEqual(['Adoption', 'Smart cities', 'Closing']);
    expect(readMeetingTemplates(a)).toEqual([]);
    expect(readOfficialDocuments(a).map((d) => d.title)).toEqual(['Phnom Penh Declaration']);
    // The copy was made once, by one client, whatever the number of laptops that made it.
    const clients = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    expect(clients(a.secretariat)).toHaveLength(3);
  });

  it('merges copies made from different legacy content item by item, each item once', () => {
    const hub = legacyMeeting();
    const a = replicaOfDocs(hub);
    const b = replicaOfDocs(hub);
    // B had seen a change A had not when each copied: a new item and a longer opening.
    const item = new Y.Map<unknown>();
    b.meeting.getMap<unknown>(LEGACY_AGENDA).set('item-lunch0000', item);
    for (const [key, value] of Object.entries({ title: 'Lunch', kind: 'break', presenter: '', day: '2022-12-02', start: '12:00', durationMinutes: 60, documentId: null, order: 'd' })) {
      item.set(key, value);
    }
    (b.meeting.getMap<unknown>(LEGACY_AGENDA).get('item-opening00') as Y.Map<unknown>).set('durationMinutes', 45);
    migrateToSecretariatDoc(a, MEETING_ID);
    migrateToSecretariatDoc(b, MEETING_ID);
    syncDocs(a, b);
    expect(everything(a)).toEqual(everything(b));
    expect(agendaTitles(a)).toEqual(['Opening ceremony', 'Smart cities', 'Adoption', 'Lunch']);
    expect(readMeetingTemplates(a)).toHaveLength(1);
  });

  it('lets a delegate laptop that never copies read the legacy meeting, then the secretariat’s copy and every change made since', () => {
    const secretariat = legacyMeeting();
    const delegate = replicaOfDocs(secretariat);
    expect(everything(delegate)).toEqual(everything(secretariat));

    migrateToSecretariatDoc(secretariat, MEETING_ID);
    moveAgendaItem(secretariat.secretariat, 'item-adoption0', 'up');
    removeMeetingTemplate(secretariat.secretariat, TEMPLATE.id);
    // Meanwhile a client of the older release still writes the legacy fields of the meeting doc.
    delegate.meeting.getMap<unknown>(LEGACY_TEMPLATES).set('op-late-00001', { ...TEMPLATE, id: 'op-late-00001', publishedBy: 'Old app', publishedAt: 9 });
    expect(readMeetingTemplates(delegate).map((t) => t.id)).toEqual([TEMPLATE.id, 'op-late-00001']);

    syncDocs(secretariat, delegate);
    expect(holdsSecretariatParts(delegate.secretariat)).toBe(true);
    expect(everything(delegate)).toEqual(everything(secretariat));
    expect(agendaTitles(delegate)).toEqual(['Opening ceremony', 'Adoption', 'Smart cities']);
    expect(readMeetingTemplates(delegate)).toEqual([]);
    expect(readMeetingSummary(delegate, MEETING_ID)).toEqual({ id: MEETING_ID, ...PARTICULARS });
  });

  it('writes only plain values, so no part of the copy is a container another laptop could also create', () => {
    const docs = legacyMeeting();
    migrateToSecretariatDoc(docs, MEETING_ID);
    for (const root of Object.values(SECRETARIAT_ROOTS)) {
      for (const value of docs.secretariat.getMap<unknown>(root).values()) expect(value).not.toBeInstanceOf(Y.AbstractType);
    }
  });
});

describe('published templates and circulated versions of a legacy meeting', () => {
  it('are written after the copy beside what was copied', () => {
    const docs = legacyMeeting();
    migrateToSecretariatDoc(docs, MEETING_ID);
    publishMeetingTemplate(docs.secretariat, { ...TEMPLATE, id: 'op-second-0001' }, 'Sophea', 7);
    circulateVersion(docs.secretariat, 'version-00000002', circulated('declaration-0001', 'Rev.2'));
    expect(readMeetingTemplates(docs).map((t) => t.id)).toEqual([TEMPLATE.id, 'op-second-0001']);
    expect(readCirculatedVersions(docs, 'declaration-0001').map((v) => v.label)).toEqual(['Rev.1', 'Rev.2']);
  });
});
