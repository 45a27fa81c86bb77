import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agreeBracket, bracketRange } from '../../../../shared/declaration/model/bracketMarks';
import { deleteParagraphs, insertParagraphs } from '../../../../shared/declaration/model/operations';
import { readEntryById } from '../../../../shared/declaration/model/shape';
import { recordNegotiation } from '../../../../shared/declaration/negotiationLog';
import {
  bracketPlace,
  filterLogEntries,
  type LogEntry,
  logParagraphs,
  logSeats,
  readLogEntries,
  seatKey,
  seatOfKey,
} from '../../../../shared/declaration/negotiationLogView';
import { type ClientOwner, readClientOwners, recordClientOwners } from '../../../../shared/model/clientOwners';
import type { ParticipantEntry } from '../../../../shared/model/meetingDoc';
import { markSecretariatDoc } from '../../../../shared/model/secretariatDoc';
import { circulateVersion } from '../../../../shared/model/versions';

const DOC = 'declaration-1';
const SOPHEA = { name: 'Sophea', role: 'secretariat' as const, delegation: null };
const LAN = { name: 'Lan', role: 'delegate' as const, delegation: 'Ha Noi' };
const MARIA = { name: 'Maria', role: 'delegate' as const, delegation: 'Manila' };

function meeting() {
  const declaration = new Y.Doc();
  const secretariat = new Y.Doc();
  markSecretariatDoc(secretariat);
  const [pp, op1, op2] = insertParagraphs(declaration, null, [
    { kind: 'pp', runs: [{ text: 'Recognizing the role of cities,', attributes: {} }] },
    { kind: 'op', runs: [{ text: 'Cities shall publish open data;', attributes: {} }] },
    { kind: 'op', runs: [{ text: 'Promote clean transport;', attributes: {} }] },
  ]) as [string, string, string];
  return { declaration, secretariat, pp, op1, op2 };
}

/** A delegate brackets words, as DraftingAside does: the text, then the entry naming where. */
function propose(doc: Y.Doc, paragraphId: string, words: string, proposers: string[], by: ParticipantEntry, at: number): string {
  const from = readEntryById(doc, paragraphId)!.text.toString().indexOf(words);
  const result = bracketRange(doc, paragraphId, from, from + words.length, proposers);
  if (!result.ok) throw new Error(result.reason);
  recordNegotiation(doc, { type: 'bracket-added', bracketId: result.bracketId, ...bracketPlace(doc, result.bracketId), alternatives: result.alternatives, by, at });
  return result.bracketId;
}

const read = (m: ReturnType<typeof meeting>, owners: ReadonlyMap<number, ClientOwner> = new Map()) => readLogEntries({ declaration: m.declaration, secretariat: m.secretariat, documentId: DOC, owners });
const summary = (entries: LogEntry[]) => entries.map((e) => `${e.action.type} ${e.paragraph?.label ?? '-'} ${e.seat.delegation ?? e.seat.role}`);

describe('the negotiation log as read', () => {
  it('lists the delegations’ proposals, the secretariat’s decisions and circulations of this document, newest first', () => {
    const m = meeting();
    recordNegotiation(m.secretariat, { type: 'status-set', documentId: DOC, clauseId: m.pp, label: 'PP1', status: 'agreed', by: SOPHEA, at: 10 });
    propose(m.declaration, m.op2, 'clean', ['Ha Noi'], LAN, 20);
    recordNegotiation(m.secretariat, { type: 'status-set', documentId: 'another-declaration', clauseId: m.pp, label: 'PP1', status: 'agreed', by: SOPHEA, at: 25 });
    recordNegotiation(m.secretariat, { type: 'version-restored', documentId: DOC, versionId: 'version-1', label: 'Rev.1', safetyVersionId: 'version-2', by: SOPHEA, at: 30 });
    circulateVersion(m.secretariat, 'version-0003', {
      documentId: DOC,
      label: 'Rev.2',
      status: 'draft',
      origin: 'saved',
      author: SOPHEA,
      createdAt: 35,
      circulatedAt: 40,
      circulatedBy: SOPHEA,
      state: new Uint8Array([0, 0]),
    });

    expect(summary(read(m))).toEqual(['version-circulated - secretariat', 'version-restored - secretariat', 'bracket-added OP2 Ha Noi', 'status-set PP1 secretariat']);
  });

  it('numbers a paragraph as the text stands now, keeps how it was numbered then, and the recorded label once it is gone', () => {
    const m = meeting();
    recordNegotiation(m.secretariat, { type: 'status-set', documentId: DOC, clauseId: m.op1, label: 'OP1', status: 'agreed', by: SOPHEA, at: 1 });
    recordNegotiation(m.secretariat, { type: 'status-set', documentId: DOC, clauseId: m.op2, label: 'OP2', status: 'agreed', by: SOPHEA, at: 2 });
    // An OP put first makes OP1 the second; the OP2 of then is deleted.
    insertParagraphs(m.declaration, m.pp, [{ kind: 'op', runs: [{ text: 'Welcome the new members;', attributes: {} }] }]);
    deleteParagraphs(m.declaration, [m.op2]);

    const [gone, moved] = read(m);
    expect(moved!.paragraph).toEqual({ id: m.op1, label: 'OP2', then: 'OP1', position: 2 });
    expect(gone!.paragraph).toEqual({ id: m.op2, label: 'OP2', then: null, position: null });
  });

  it('finds the paragraph of an agreed bracket from what its entry kept, and of an older open one from the text', () => {
    const m = meeting();
    const bracketId = propose(m.declaration, m.op1, 'shall', ['Ha Noi'], LAN, 1);
    const place = bracketPlace(m.declaration, bracketId);
    const agreed = agreeBracket(m.declaration, bracketId, null)!;
    recordNegotiation(m.secretariat, { type: 'bracket-agreed', documentId: DOC, ...agreed, ...place, by: SOPHEA, at: 2 });
    // Written before entries kept their paragraph: found while the bracket is open.
    const older = bracketRange(m.declaration, m.op2, 0, 'Promote'.length, ['Manila']);
    if (!older.ok) throw new Error(older.reason);
    recordNegotiation(m.declaration, { type: 'bracket-added', bracketId: older.bracketId, alternatives: older.alternatives, by: MARIA, at: 3 });

    expect(read(m).map((e) => [e.action.type, e.paragraph?.id])).toEqual([
      ['bracket-added', m.op2],
      ['bracket-agreed', m.op1],
      ['bracket-added', m.op1],
    ]);
  });

  it('shows the seat the hub bound the writing client to where the entry claims another, and the claim where it agrees or no hub has said', () => {
    const m = meeting();
    const manilaClient = new Y.Doc();
    Y.applyUpdate(manilaClient, Y.encodeStateAsUpdate(m.declaration));
    // Manila's modified client signs its entry as the secretariat.
    recordNegotiation(manilaClient, { type: 'bracket-added', bracketId: 'b-forged', alternatives: [{ text: 'shall', proposers: ['Ha Noi'] }], by: SOPHEA, at: 2 });
    const hanoiClient = new Y.Doc();
    Y.applyUpdate(hanoiClient, Y.encodeStateAsUpdate(m.declaration));
    recordNegotiation(hanoiClient, { type: 'bracket-added', bracketId: 'b-honest', alternatives: [{ text: 'may', proposers: ['Ha Noi'] }], by: LAN, at: 1 });
    Y.applyUpdate(m.declaration, Y.encodeStateAsUpdate(manilaClient));
    Y.applyUpdate(m.declaration, Y.encodeStateAsUpdate(hanoiClient));

    expect(read(m).map((e) => [e.seat, e.authorship])).toEqual([
      [SOPHEA_SEAT, 'unknown'],
      [HANOI_SEAT, 'unknown'],
    ]);

    recordClientOwners(m.secretariat, [
      [manilaClient.clientID, { role: 'delegate', delegation: 'Manila' }],
      [hanoiClient.clientID, { role: 'delegate', delegation: 'Ha Noi' }],
    ]);
    const [forged, honest] = read(m, readClientOwners(m.secretariat));
    expect(forged).toMatchObject({ recorded: SOPHEA, seat: { role: 'delegate', delegation: 'Manila' }, authorship: 'unverified' });
    expect(honest).toMatchObject({ recorded: LAN, seat: HANOI_SEAT, authorship: 'verified' });
  });
});

const SOPHEA_SEAT = { role: 'secretariat' as const, delegation: null };
const HANOI_SEAT = { role: 'delegate' as const, delegation: 'Ha Noi' };

describe('filtering the log', () => {
  function entries() {
    const m = meeting();
    recordNegotiation(m.secretariat, { type: 'status-set', documentId: DOC, clauseId: m.pp, label: 'PP1', status: 'agreed', by: SOPHEA, at: 1 });
    propose(m.declaration, m.op1, 'shall', ['Ha Noi'], LAN, 2);
    propose(m.declaration, m.op2, 'clean', ['Manila'], MARIA, 3);
    // The secretariat brackets words as Manila speaks: Manila proposes, the secretariat writes.
    propose(m.declaration, m.op1, 'open data', ['Manila'], SOPHEA, 4);
    return { m, all: read(m) };
  }

  it('keeps the entries a delegation wrote or that name it as proposing a wording', () => {
    const { all } = entries();
    const manila = filterLogEntries(all, { paragraph: null, seat: 'delegation:Manila' });
    expect(manila.map((e) => e.action.at)).toEqual([4, 3]);
    const secretariat = filterLogEntries(all, { paragraph: null, seat: seatKey({ role: 'secretariat', delegation: null }) });
    expect(secretariat.map((e) => e.action.at)).toEqual([4, 1]);
  });

  it('combines a paragraph with a delegation, and keeps nothing when no entry is about both', () => {
    const { m, all } = entries();
    expect(filterLogEntries(all, { paragraph: m.op1, seat: null }).map((e) => e.action.at)).toEqual([4, 2]);
    expect(filterLogEntries(all, { paragraph: m.op1, seat: 'delegation:Ha Noi' }).map((e) => e.action.at)).toEqual([2]);
    expect(filterLogEntries(all, { paragraph: m.pp, seat: 'delegation:Ha Noi' })).toEqual([]);
  });

  it('reads back the seat a filter was chosen by', () => {
    for (const seat of [SOPHEA_SEAT, HANOI_SEAT, { role: 'observer' as const, delegation: null }]) expect(seatOfKey(seatKey(seat))).toEqual(seat);
  });

  it('offers the paragraphs in reading order and the seats the log speaks of, the secretariat first', () => {
    const { all } = entries();
    expect(logParagraphs(all).map((p) => p.label)).toEqual(['PP1', 'OP1', 'OP2']);
    expect(logSeats(all).map((s) => s.key)).toEqual(['role:secretariat', 'delegation:Ha Noi', 'delegation:Manila']);
  });
});
