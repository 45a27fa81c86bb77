import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDelegation,
  type DelegationInput,
  delegationChoices,
  MAX_DELEGATIONS,
  moveDelegation,
  readDelegations,
  readMeetingDelegations,
  removeDelegation,
  updateDelegation,
} from '../../../../shared/model/delegations';
import { SECRETARIAT_ROOTS } from '../../../../shared/model/secretariatDoc';
import { newMeetingDocs, replicaOfDocs, syncDocs } from './meetingDocsKit';

const PHNOM_PENH: DelegationInput = { name: 'Phnom Penh', headName: 'H.E. Mr. Khuong Sreng', headTitle: 'Governor of Phnom Penh' };
const HA_NOI: DelegationInput = { name: 'Ha Noi', headName: 'H.E. Mr. Tran Sy Thanh', headTitle: 'Chairman of the Ha Noi People’s Committee' };
const VIENTIANE: DelegationInput = { name: 'Vientiane', headName: '', headTitle: '' };

const idOf = (name: string) => `delegation-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
const names = (doc: Y.Doc) => readDelegations(doc).map((d) => d.name);

function listed(...delegations: DelegationInput[]) {
  const docs = newMeetingDocs();
  for (const d of delegations) addDelegation(docs.secretariat, idOf(d.name), d);
  return docs;
}

describe('a meeting’s delegations', () => {
  it('are listed in the order the secretariat adds them, each with its head, as one line of text each', () => {
    const { secretariat } = listed(PHNOM_PENH, HA_NOI);
    addDelegation(secretariat, idOf('Vientiane'), { name: '  Vientiane\n', headName: 'H.E. Mr.\tAtsaphangthong   Siphandone', headTitle: ' Mayor of Vientiane ' });
    expect(readDelegations(secretariat).map(({ name, headName, headTitle }) => ({ name, headName, headTitle }))).toEqual([
      PHNOM_PENH,
      HA_NOI,
      { name: 'Vientiane', headName: 'H.E. Mr. Atsaphangthong Siphandone', headTitle: 'Mayor of Vientiane' },
    ]);
  });

  it('refuse a city already listed, however it is spelt or spaced, and a missing or over-long name, writing nothing', () => {
    const { secretariat } = listed(PHNOM_PENH, HA_NOI);
    const before = Y.encodeStateVector(secretariat);
    expect(() => addDelegation(secretariat, idOf('again'), { ...VIENTIANE, name: ' ha  NOI ' })).toThrow(/already listed/);
    expect(() => addDelegation(secretariat, idOf('empty'), { ...VIENTIANE, name: '   ' })).toThrow(/required/);
    expect(() => addDelegation(secretariat, idOf('long'), { ...VIENTIANE, name: 'x'.repeat(101) })).toThrow(/at most 100/);
    expect(() => updateDelegation(secretariat, idOf('Ha Noi'), { ...HA_NOI, name: 'phnom penh' })).toThrow(/already listed/);
    expect(Y.encodeStateVector(secretariat)).toEqual(before);
    // Its own name, spelt anew, is no duplicate.
    expect(updateDelegation(secretariat, idOf('Ha Noi'), { ...HA_NOI, name: 'Hà Nội' })).toBe(true);
    expect(names(secretariat)).toEqual(['Phnom Penh', 'Hà Nội']);
  });

  it('move up, down and to a place by changing one key, and go no further than either end', () => {
    const { secretariat } = listed(PHNOM_PENH, HA_NOI, VIENTIANE);
    const fields = secretariat.getMap(SECRETARIAT_ROOTS.delegations);
    const changedKeys: string[] = [];
    fields.observe((event) => changedKeys.push(...event.keysChanged));
    expect(moveDelegation(secretariat, idOf('Vientiane'), 'up')).toBe(true);
    expect(changedKeys).toEqual([`${idOf('Vientiane')}/order`]);
    expect(names(secretariat)).toEqual(['Phnom Penh', 'Vientiane', 'Ha Noi']);
    expect(moveDelegation(secretariat, idOf('Phnom Penh'), 'up')).toBe(false);
    expect(moveDelegation(secretariat, idOf('Ha Noi'), 'down')).toBe(false);
    expect(moveDelegation(secretariat, idOf('Ha Noi'), 0)).toBe(true);
    expect(moveDelegation(secretariat, idOf('Phnom Penh'), 'down')).toBe(true);
    expect(names(secretariat)).toEqual(['Ha Noi', 'Vientiane', 'Phnom Penh']);
  });

  it('stay removed, even when another laptop edits the delegation meanwhile', () => {
    const a = listed(PHNOM_PENH, HA_NOI);
    const b = replicaOfDocs(a);
    expect(removeDelegation(a.secretariat, idOf('Ha Noi'))).toBe(true);
    updateDelegation(b.secretariat, idOf('Ha Noi'), { ...HA_NOI, headTitle: 'Chairman of the People’s Committee of Ha Noi' });
    moveDelegation(b.secretariat, idOf('Ha Noi'), 0);
    syncDocs(a, b);
    expect(names(a.secretariat)).toEqual(['Phnom Penh']);
    expect(names(b.secretariat)).toEqual(['Phnom Penh']);
    expect(removeDelegation(a.secretariat, idOf('Ha Noi'))).toBe(false);
  });

  // Yjs settles a key written on two laptops at once by their client ids: both outcomes are tried.
  it.each([
    [1_000, 2_000],
    [2_000, 1_000],
  ])('keep both laptops’ edits to different parts of a delegation, and one laptop’s head whole (client ids %i, %i)', (clientA, clientB) => {
    const a = listed(PHNOM_PENH, HA_NOI);
    const b = replicaOfDocs(a);
    a.secretariat.clientID = clientA;
    b.secretariat.clientID = clientB;
    // A corrects the city's spelling; B, offline, records a new head; each also edits Ha Noi's head.
    updateDelegation(a.secretariat, idOf('Phnom Penh'), { ...PHNOM_PENH, name: 'Phnom Penh Capital' });
    updateDelegation(b.secretariat, idOf('Phnom Penh'), { ...PHNOM_PENH, headName: 'H.E. Mr. Kim Rithy', headTitle: 'Deputy Governor of Phnom Penh' });
    updateDelegation(a.secretariat, idOf('Ha Noi'), { ...HA_NOI, headName: 'H.E. Ms. Nguyen Thi A', headTitle: 'Vice Chairwoman of the Ha Noi People’s Committee' });
    updateDelegation(b.secretariat, idOf('Ha Noi'), { ...HA_NOI, headTitle: 'Chairman of the People’s Committee of Ha Noi' });
    syncDocs(a, b);
    const merged = readDelegations(a.secretariat);
    expect(readDelegations(b.secretariat)).toEqual(merged);
    expect(merged[0]).toMatchObject({ name: 'Phnom Penh Capital', headName: 'H.E. Mr. Kim Rithy', headTitle: 'Deputy Governor of Phnom Penh' });
    const haNoiHead = [merged[1]!.headName, merged[1]!.headTitle];
    expect([
      ['H.E. Ms. Nguyen Thi A', 'Vice Chairwoman of the Ha Noi People’s Committee'],
      ['H.E. Mr. Tran Sy Thanh', 'Chairman of the People’s Committee of Ha Noi'],
    ]).toContainEqual(haNoiHead);
  });

  it('added at the same place by two laptops are both listed, in the same order on each, and can be moved apart', () => {
    const a = listed(PHNOM_PENH);
    const b = replicaOfDocs(a);
    addDelegation(a.secretariat, idOf('Ha Noi'), HA_NOI);
    addDelegation(b.secretariat, idOf('Vientiane'), VIENTIANE);
    syncDocs(a, b);
    expect(names(a.secretariat)).toEqual(names(b.secretariat));
    expect(names(a.secretariat).sort()).toEqual(['Ha Noi', 'Phnom Penh', 'Vientiane']);
    // Equal order keys: moving one between them gives the others fresh keys first.
    const last = readDelegations(a.secretariat)[2]!;
    expect(moveDelegation(a.secretariat, last.id, 1)).toBe(true);
    syncDocs(a, b);
    expect(readDelegations(b.secretariat)[1]!.id).toBe(last.id);
    expect(new Set(readDelegations(b.secretariat).map((d) => d.order)).size).toBe(3);
  });

  it('listed under one city by two laptops at once both show, and every picker offers the city once', () => {
    const a = listed(PHNOM_PENH);
    const b = replicaOfDocs(a);
    addDelegation(a.secretariat, 'delegation-bangkok-a', { name: 'Bangkok', headName: '', headTitle: '' });
    addDelegation(b.secretariat, 'delegation-bangkok-b', { name: 'bangkok', headName: 'H.E. Mr. Chadchart Sittipunt', headTitle: 'Governor of Bangkok' });
    syncDocs(a, b);
    expect(readDelegations(a.secretariat)).toHaveLength(3);
    expect(delegationChoices(readDelegations(a.secretariat))).toHaveLength(2);
  });

  it('offer the listed delegations in their order, then those participants joined as that are not listed', () => {
    const { secretariat } = listed(VIENTIANE, PHNOM_PENH);
    expect(delegationChoices(readDelegations(secretariat), ['Manila', 'phnom penh', 'Bangkok', 'Manila'])).toEqual(['Vientiane', 'Phnom Penh', 'Bangkok', 'Manila']);
    expect(delegationChoices([], ['Manila', 'Bangkok'])).toEqual(['Bangkok', 'Manila']);
  });

  it('are read from what a modified client wrote only where each entry is sound', () => {
    const { secretariat } = listed(PHNOM_PENH);
    const fields = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.delegations);
    const nested = new Y.Map<unknown>();
    secretariat.transact(() => {
      const entry = (id: string, values: Record<string, unknown>) => {
        for (const [field, value] of Object.entries(values)) fields.set(`${id}/${field}`, value);
      };
      entry('delegation-numeric', { name: 42, order: 'm' });
      entry('delegation-two-lines', { name: 'Ha Noi\nWe, the undersigned,', order: 'm' });
      entry('delegation-long', { name: 'x'.repeat(101), order: 'm' });
      entry('delegation-nested', { name: nested, order: 'm' });
      entry('delegation-no-order', { name: 'Manila' });
      entry('delegation-bad-order', { name: 'Manila', order: 'm0' });
      entry('Not An Id', { name: 'Manila', order: 'm' });
      // A head that is not one line reads as unknown; the delegation still shows.
      entry('delegation-bangkok', { name: 'Bangkok', headName: { forged: true }, headTitle: 'Governor\u2028of Bangkok', order: 'y' });
      fields.set('no-slash', 'Manila');
      fields.set('delegation-bangkok/unknownField', 'ignored');
    });
    expect(readDelegations(secretariat).map(({ name, headName, headTitle }) => ({ name, headName, headTitle }))).toEqual([
      PHNOM_PENH,
      { name: 'Bangkok', headName: '', headTitle: '' },
    ]);
  });

  it('are read no further than the limit, however many a modified client lists, and no more are added', () => {
    const { secretariat } = listed();
    const fields = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.delegations);
    secretariat.transact(() => {
      for (let i = 0; i < MAX_DELEGATIONS + 40; i += 1) {
        const id = `delegation-${String(i).padStart(4, '0')}`;
        fields.set(`${id}/name`, `City ${i}`);
        fields.set(`${id}/order`, 'm');
      }
    });
    expect(readDelegations(secretariat)).toHaveLength(MAX_DELEGATIONS);
    expect(readDelegations(secretariat)[0]!.name).toBe('City 0');
    expect(() => addDelegation(secretariat, idOf('Manila'), { name: 'Manila', headName: '', headTitle: '' })).toThrow(/at most/);
  });

  it('are written only to a secretariat doc that holds the secretariat’s parts, and a legacy meeting lists none', () => {
    expect(() => addDelegation(new Y.Doc(), idOf('Ha Noi'), HA_NOI)).toThrow(/not ready on this computer yet/);
    const legacy = { meeting: new Y.Doc(), secretariat: new Y.Doc() };
    legacy.secretariat.getMap(SECRETARIAT_ROOTS.delegations).set(`${idOf('Ha Noi')}/name`, 'Ha Noi');
    legacy.secretariat.getMap(SECRETARIAT_ROOTS.delegations).set(`${idOf('Ha Noi')}/order`, 'm');
    expect(readMeetingDelegations(legacy)).toEqual([]);
    expect(readMeetingDelegations(listed(HA_NOI)).map((d) => d.name)).toEqual(['Ha Noi']);
  });
});
