import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem,
  type AgendaItemInput,
  dropTarget,
  moveAgendaItem,
  readAgenda,
  readAgendaDayStarts,
  removeAgendaItem,
  setAgendaDayStart,
  updateAgendaItem,
} from '../../../../shared/model/agenda';
import { isOrderKey, keyBetween, spreadKeys } from '../../../../shared/model/agendaOrder';
import { formatTime, scheduleAgenda } from '../../../../shared/model/agendaSchedule';
import { SECRETARIAT_ROOTS } from '../../../../shared/model/secretariatDoc';
import { seededRandom } from '../../../support/random';
import { newMeetingDocs } from './meetingDocsKit';

const MEETING = { startDate: '2022-12-02', endDate: '2022-12-03' };
const DAY1 = '2022-12-02';
const DAY2 = '2022-12-03';

function input(title: string, more: Partial<AgendaItemInput> = {}): AgendaItemInput {
  return { title, kind: 'session', presenter: '', day: DAY1, start: null, durationMinutes: 30, documentId: null, ...more };
}

const idOf = (title: string) => `item-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 64).padEnd(8, '0');

/** A secretariat doc, where the agenda is kept (see meetingDocsKit). */
const secretariatDoc = () => newMeetingDocs().secretariat;

function agendaOf(titles: string[], doc = secretariatDoc()): Y.Doc {
  for (const title of titles) addAgendaItem(doc, idOf(title), input(title));
  return doc;
}

const titles = (doc: Y.Doc) => readAgenda(doc).map((i) => i.title);
const byDay = (doc: Y.Doc) => readAgenda(doc).map((i) => `${i.day.slice(-2)} ${i.title}`);

/** Two replicas of one doc, exchanging everything each is missing. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('agenda items in the secretariat doc', () => {
  it('adds items at the end of their day and reads them back in order, validated', () => {
    const doc = secretariatDoc();
    addAgendaItem(doc, 'item-00000001', input('Opening ceremony', { kind: 'opening', presenter: 'Phnom Penh', durationMinutes: 45 }));
    addAgendaItem(doc, 'item-00000002', input('Day two opening', { day: DAY2 }));
    addAgendaItem(doc, 'item-00000003', input('Smart cities', { presenter: 'Ha Noi', documentId: 'doc-00000001', start: '09:45' }));
    const agenda = readAgenda(doc);
    expect(agenda.map((i) => i.title)).toEqual(['Opening ceremony', 'Smart cities', 'Day two opening']);
    expect(agenda[0]).toMatchObject({ id: 'item-00000001', kind: 'opening', presenter: 'Phnom Penh', durationMinutes: 45, start: null, documentId: null });
    expect(agenda[1]).toMatchObject({ presenter: 'Ha Noi', documentId: 'doc-00000001', start: '09:45' });
    for (const item of agenda) expect(isOrderKey(item.order)).toBe(true);
  });

  it('refuses to write what the form would refuse', () => {
    const doc = secretariatDoc();
    expect(() => addAgendaItem(doc, 'item-00000001', input('  '))).toThrow();
    expect(() => addAgendaItem(doc, 'item-00000001', input('Break', { durationMinutes: 0 }))).toThrow();
    expect(() => addAgendaItem(doc, 'item-00000001', input('Break', { start: '25:00' }))).toThrow();
    expect(() => addAgendaItem(doc, 'item-00000001', input('Break', { day: '2022-02-30' }))).toThrow();
    expect(() => addAgendaItem(doc, 'BAD ID', input('Break'))).toThrow();
    addAgendaItem(doc, 'item-00000001', input('Break'));
    expect(() => addAgendaItem(doc, 'item-00000001', input('Again'))).toThrow();
    expect(() => updateAgendaItem(doc, 'item-00000001', { durationMinutes: -5 })).toThrow();
    expect(titles(doc)).toEqual(['Break']);
  });

  it('skips malformed entries another version or peer wrote, and reads missing optional fields as defaults', () => {
    const doc = agendaOf(['Opening ceremony']);
    const map = doc.getMap<unknown>(SECRETARIAT_ROOTS.agendaItems);
    const put = (id: string, fields: Record<string, unknown>) => {
      for (const [field, value] of Object.entries(fields)) map.set(`${id}/${field}`, value);
    };
    put('item-noday00', { title: 'No day', durationMinutes: 10, kind: 'session', order: 'z' });
    put('item-badorder', { title: 'Bad order', day: DAY1, durationMinutes: 10, kind: 'session', order: 'a0' });
    put('item-older000', { title: 'From an older version', day: DAY1, durationMinutes: -10, kind: 'reception', order: 'z', colour: 'red' });
    put('NOT AN ID', { title: 'Bad id', day: DAY1, durationMinutes: 10, order: 'y' });
    map.set('no-slash-at-all', 'x');
    map.set('item-nested00/title', new Y.Map());
    const agenda = readAgenda(doc);
    expect(agenda.map((i) => i.title)).toEqual(['Opening ceremony', 'From an older version']);
    expect(agenda[1]).toMatchObject({ kind: 'session', presenter: '', start: null, documentId: null, durationMinutes: -10 });
  });

  it('keeps each item as plain fields of one map, with no container two laptops could each create', () => {
    const doc = agendaOf(['Opening ceremony']);
    const map = doc.getMap<unknown>(SECRETARIAT_ROOTS.agendaItems);
    expect([...map.values()].some((value) => value instanceof Y.AbstractType)).toBe(false);
    expect([...map.keys()].sort()).toEqual(
      ['day', 'documentId', 'durationMinutes', 'kind', 'order', 'presenter', 'start', 'title'].map((field) => `${idOf('Opening ceremony')}/${field}`),
    );
  });

  it('writes only to a secretariat doc that holds the secretariat’s parts', () => {
    const unready = new Y.Doc();
    expect(() => addAgendaItem(unready, 'item-00000001', input('Opening'))).toThrow(/not ready/);
    expect(() => setAgendaDayStart(unready, DAY1, '08:00')).toThrow(/not ready/);
    expect(readAgenda(unready)).toEqual([]);
  });

  it('changes only the fields given and moves an item to the end of a new day', () => {
    const doc = agendaOf(['Opening ceremony', 'Session one']);
    addAgendaItem(doc, 'item-day2-000', input('Day two', { day: DAY2 }));
    expect(updateAgendaItem(doc, idOf('Opening ceremony'), { title: 'Opening', start: '08:30' })).toBe(true);
    expect(readAgenda(doc)[0]).toMatchObject({ title: 'Opening', start: '08:30', durationMinutes: 30 });
    updateAgendaItem(doc, idOf('Opening ceremony'), { day: DAY2 });
    expect(byDay(doc)).toEqual(['02 Session one', '03 Day two', '03 Opening']);
    updateAgendaItem(doc, idOf('Opening ceremony'), { start: null });
    expect(readAgenda(doc)[2]!.start).toBeNull();
    expect(updateAgendaItem(doc, 'item-missing0', { title: 'x' })).toBe(false);
  });

  it('removes items', () => {
    const doc = agendaOf(['A item', 'B item', 'C item']);
    expect(removeAgendaItem(doc, idOf('B item'))).toBe(true);
    expect(removeAgendaItem(doc, idOf('B item'))).toBe(false);
    expect(titles(doc)).toEqual(['A item', 'C item']);
  });

  it('keeps the start of each day', () => {
    const doc = secretariatDoc();
    setAgendaDayStart(doc, DAY2, '08:30');
    doc.getMap(SECRETARIAT_ROOTS.agendaDayStarts).set('not a day', '08:00');
    doc.getMap(SECRETARIAT_ROOTS.agendaDayStarts).set(DAY1, 'soon');
    expect(readAgendaDayStarts(doc)).toEqual({ [DAY2]: '08:30' });
    setAgendaDayStart(doc, DAY2, null);
    expect(readAgendaDayStarts(doc)).toEqual({});
    expect(() => setAgendaDayStart(doc, DAY2, '8:30')).toThrow();
  });
});

describe('reordering', () => {
  it('moves an item up and down one step at a time, stopping at the ends', () => {
    const doc = agendaOf(['A item', 'B item', 'C item', 'D item']);
    expect(moveAgendaItem(doc, idOf('C item'), 'up')).toBe(true);
    expect(titles(doc)).toEqual(['A item', 'C item', 'B item', 'D item']);
    moveAgendaItem(doc, idOf('C item'), 'up');
    expect(titles(doc)).toEqual(['C item', 'A item', 'B item', 'D item']);
    expect(moveAgendaItem(doc, idOf('C item'), 'up')).toBe(false);
    moveAgendaItem(doc, idOf('A item'), 'down');
    moveAgendaItem(doc, idOf('A item'), 'down');
    expect(titles(doc)).toEqual(['C item', 'B item', 'D item', 'A item']);
    expect(moveAgendaItem(doc, idOf('A item'), 'down')).toBe(false);
    expect(moveAgendaItem(doc, 'item-missing0', 'down')).toBe(false);
  });

  it('crosses into the next or previous day of the meeting, even an empty one', () => {
    const doc = agendaOf(['A item', 'B item']);
    expect(moveAgendaItem(doc, idOf('B item'), 'down', MEETING)).toBe(true);
    expect(byDay(doc)).toEqual(['02 A item', '03 B item']);
    expect(moveAgendaItem(doc, idOf('B item'), 'down', MEETING)).toBe(false);
    moveAgendaItem(doc, idOf('A item'), 'down', MEETING);
    expect(byDay(doc)).toEqual(['03 A item', '03 B item']);
    moveAgendaItem(doc, idOf('B item'), 'up', MEETING);
    moveAgendaItem(doc, idOf('B item'), 'up', MEETING);
    expect(byDay(doc)).toEqual(['02 B item', '03 A item']);
    // Without the meeting's dates only days that have items are known.
    expect(moveAgendaItem(doc, idOf('B item'), 'up')).toBe(false);
  });

  it('puts an item at a given place in a day', () => {
    const doc = agendaOf(['A item', 'B item', 'C item']);
    moveAgendaItem(doc, idOf('A item'), { day: DAY1, index: 2 });
    expect(titles(doc)).toEqual(['B item', 'C item', 'A item']);
    moveAgendaItem(doc, idOf('A item'), { day: DAY1, index: 1 });
    expect(titles(doc)).toEqual(['B item', 'A item', 'C item']);
    moveAgendaItem(doc, idOf('C item'), { day: DAY1, index: 99 });
    expect(titles(doc)).toEqual(['B item', 'A item', 'C item']);
    moveAgendaItem(doc, idOf('C item'), { day: DAY1, index: -3 });
    expect(titles(doc)).toEqual(['C item', 'B item', 'A item']);
  });

  it('drops a dragged item into the place of the item it is dropped on', () => {
    const doc = agendaOf(['A item', 'B item', 'C item', 'D item']);
    const drop = (id: string, onto: string) => moveAgendaItem(doc, idOf(id), dropTarget(readAgenda(doc), idOf(id), idOf(onto))!);
    drop('A item', 'C item');
    expect(titles(doc)).toEqual(['B item', 'C item', 'A item', 'D item']);
    drop('D item', 'B item');
    expect(titles(doc)).toEqual(['D item', 'B item', 'C item', 'A item']);
    expect(dropTarget(readAgenda(doc), idOf('D item'), idOf('D item'))).toBeUndefined();
    addAgendaItem(doc, idOf('Day two'), input('Day two', { day: DAY2 }));
    drop('Day two', 'B item');
    expect(byDay(doc)).toEqual(['02 D item', '02 Day two', '02 B item', '02 C item', '02 A item']);
  });

  it('recomputes numbers and times after a move', () => {
    const doc = secretariatDoc();
    addAgendaItem(doc, 'item-opening0', input('Opening', { durationMinutes: 30 }));
    addAgendaItem(doc, 'item-session1', input('Session', { durationMinutes: 90 }));
    addAgendaItem(doc, 'item-lunch000', input('Lunch', { durationMinutes: 60, start: '12:00', kind: 'break' }));
    const view = () => scheduleAgenda(readAgenda(doc), MEETING).map((r) => `${r.number} ${formatTime(r.start)} ${r.item.title}`);
    expect(view()).toEqual(['1 09:00 Opening', '2 09:30 Session', '3 12:00 Lunch']);
    moveAgendaItem(doc, 'item-session1', 'up');
    expect(view()).toEqual(['1 09:00 Session', '2 10:30 Opening', '3 12:00 Lunch']);
  });

  it('makes many moves at one place without the order keys running out', () => {
    const doc = agendaOf(['A item', 'B item', 'C item']);
    for (let i = 0; i < 200; i += 1) {
      moveAgendaItem(doc, idOf(i % 2 ? 'A item' : 'C item'), { day: DAY1, index: 1 });
    }
    expect(readAgenda(doc)).toHaveLength(3);
    expect(new Set(readAgenda(doc).map((i) => i.order)).size).toBe(3);
  });
});

describe('the agenda under concurrent edits', () => {
  it('merges items two replicas add at the same time, in the same order on both', () => {
    const a = agendaOf(['Opening ceremony']);
    const b = replicaOf(a);
    addAgendaItem(a, 'item-from-a00', input('Session from A'));
    addAgendaItem(b, 'item-from-b00', input('Session from B'));
    sync(a, b);
    expect(titles(a)).toEqual(titles(b));
    expect(titles(a)).toHaveLength(3);
    expect(titles(a)).toEqual(expect.arrayContaining(['Opening ceremony', 'Session from A', 'Session from B']));
    // Both got the same key: the next move between them still finds room.
    expect(moveAgendaItem(a, idOf('Opening ceremony'), { day: DAY1, index: 1 })).toBe(true);
    sync(a, b);
    expect(titles(a)[1]).toBe('Opening ceremony');
    expect(titles(b)).toEqual(titles(a));
  });

  it('keeps a title edited on one replica while the item is moved on the other', () => {
    const a = agendaOf(['A item', 'B item', 'C item']);
    const b = replicaOf(a);
    moveAgendaItem(a, idOf('C item'), 'up');
    moveAgendaItem(a, idOf('C item'), 'up');
    updateAgendaItem(b, idOf('C item'), { title: 'C item, renamed', presenter: 'Vientiane' });
    sync(a, b);
    for (const doc of [a, b]) {
      expect(titles(doc)).toEqual(['C item, renamed', 'A item', 'B item']);
      expect(readAgenda(doc)[0]!.presenter).toBe('Vientiane');
    }
  });

  it('keeps an item exactly once when two replicas move it to different places', () => {
    const a = agendaOf(['A item', 'B item', 'C item', 'D item']);
    const b = replicaOf(a);
    moveAgendaItem(a, idOf('B item'), { day: DAY1, index: 3 });
    moveAgendaItem(b, idOf('B item'), { day: DAY2, index: 0 });
    updateAgendaItem(b, idOf('A item'), { durationMinutes: 45 });
    sync(a, b);
    expect(byDay(a)).toEqual(byDay(b));
    expect(readAgenda(a).filter((i) => i.title === 'B item')).toHaveLength(1);
    expect(readAgenda(a)).toHaveLength(4);
    expect(readAgenda(a)[0]!.durationMinutes).toBe(45);
  });

  it('keeps an item removed on one replica removed, whatever the other edits in it meanwhile', () => {
    const a = agendaOf(['A item', 'B item']);
    const b = replicaOf(a);
    removeAgendaItem(a, idOf('B item'));
    // Every field the edit form can change at once, a move to another day included.
    updateAgendaItem(b, idOf('B item'), { title: 'B, renamed', day: DAY2, durationMinutes: 45, kind: 'break', presenter: 'Ha Noi', start: '10:00' });
    sync(a, b);
    expect(titles(a)).toEqual(['A item']);
    expect(titles(b)).toEqual(['A item']);
  });

  it('converges with every item exactly once after random concurrent moves, edits, adds and removes', () => {
    const random = seededRandom(20221202);
    const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const origin = secretariatDoc();
    for (let i = 0; i < 6; i += 1) addAgendaItem(origin, `item-${String(i).padStart(8, '0')}`, input(`Item ${i}`));
    const replicas = [origin, replicaOf(origin), replicaOf(origin)];
    const removed = new Set<string>();
    let added = 0;
    for (let round = 0; round < 30; round += 1) {
      for (const doc of replicas) {
        for (let step = 0; step < 3; step += 1) {
          const agenda = readAgenda(doc);
          const roll = random();
          if (agenda.length === 0 || roll < 0.1) {
            addAgendaItem(doc, `new-${String(++added).padStart(8, '0')}`, input(`New ${added}`, { day: pick([DAY1, DAY2]) }));
          } else if (roll < 0.15) {
            const id = pick(agenda).id;
            removeAgendaItem(doc, id);
            removed.add(id);
          } else if (roll < 0.4) {
            updateAgendaItem(doc, pick(agenda).id, { title: `Renamed ${round}.${step}` });
          } else if (roll < 0.7) {
            moveAgendaItem(doc, pick(agenda).id, pick(['up', 'down'] as const), MEETING);
          } else {
            const target = pick(agenda);
            moveAgendaItem(doc, pick(agenda).id, { day: target.day, index: Math.floor(random() * agenda.length) });
          }
        }
      }
      // Replicas meet in pairs at random, as laptops do on and off the network.
      const [x, y] = [pick(replicas), pick(replicas)];
      if (x !== y) sync(x, y);
    }
    for (const x of replicas) for (const y of replicas) if (x !== y) sync(x, y);
    const ids = replicas.map((doc) => readAgenda(doc).map((i) => `${i.id}:${i.title}`));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    const seen = readAgenda(origin).map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = [...Array.from({ length: 6 }, (_, i) => `item-${String(i).padStart(8, '0')}`), ...Array.from({ length: added }, (_, i) => `new-${String(i + 1).padStart(8, '0')}`)];
    expect(new Set(seen)).toEqual(new Set(expected.filter((id) => !removed.has(id))));
  });
});

describe('order keys', () => {
  it('always finds a key strictly between two others', () => {
    expect(keyBetween(null, null)).toBe('i');
    expect(keyBetween('a', 'b')).toBe('ai');
    expect(keyBetween('a', 'a5')).toBe('a3');
    expect(keyBetween(null, '1')).toBe('0i');
    expect(() => keyBetween('b', 'a')).toThrow();
    expect(() => keyBetween('a', 'a')).toThrow();
    expect(() => keyBetween('a0', null)).toThrow();
    const random = seededRandom(7);
    const keys: string[] = [keyBetween(null, null)];
    for (let i = 0; i < 2000; i += 1) {
      const at = Math.floor(random() * (keys.length + 1));
      const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isOrderKey(key)).toBe(true);
      if (at > 0) expect(key > keys[at - 1]!).toBe(true);
      if (at < keys.length) expect(key < keys[at]!).toBe(true);
      keys.splice(at, 0, key);
    }
  });

  it('spreads keys evenly and in order for any count', () => {
    for (const count of [0, 1, 2, 17, 35, 36, 500, 2000]) {
      const keys = spreadKeys(count);
      expect(keys).toHaveLength(count);
      for (const key of keys) expect(isOrderKey(key)).toBe(true);
      for (let i = 1; i < keys.length; i += 1) expect(keys[i]! > keys[i - 1]!).toBe(true);
    }
  });
});
