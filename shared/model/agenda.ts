import { z } from 'zod';
import * as Y from 'yjs';
import { isOrderKey, keyBetween, spreadKeys } from './agendaOrder';
import { AGENDA_KINDS, compareAgendaItems, isTime, type MeetingDates, meetingDays, MINUTES_PER_DAY } from './agendaSchedule';
import { EntityId, IsoDate } from './meeting';

/**
 * A meeting's agenda, in the meeting's Y.Doc.
 *
 * `agenda` is a Y.Map from item id to a Y.Map of the item's fields, and the displayed order is
 * (day, `order`, id), where `order` is a fractional key (agendaOrder.ts). A move therefore sets
 * one or two fields of the item's own map, and never deletes it. The alternatives lose data:
 * moving by delete + re-insert (a Y.Map cannot be moved within a Y.Array) drops a title another
 * delegation edits in the deleted copy at the same moment, and two replicas moving the same item
 * at once would each re-insert it, so it would appear twice. With order keys, concurrent moves of
 * one item resolve to one of them (last writer wins on its key), edits of different fields merge,
 * and items inserted at the same place from two replicas (equal keys) are ordered by id, the same
 * way everywhere. A map keyed by id rather than a Y.Array also means no id can appear twice.
 *
 * Reads validate, as for the rest of the meeting doc: an entry another version or peer wrote
 * badly is skipped, never trusted. Numbers and times are derived (agendaSchedule.ts), never stored.
 */
const AGENDA = 'agenda';
/** Day (ISO date) → the time its first item starts, unless that item has a fixed start. */
const AGENDA_DAYS = 'agendaDays';

export const AgendaKind = z.enum(AGENDA_KINDS);

export const Clock = z.string().refine(isTime, 'Use a time in the form HH:MM.');

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'This field is required.')
    .max(max, `Use at most ${max} characters.`);

/** What a person enters for an item; the form and every write go through this. */
export const AgendaItemInput = z.object({
  title: text(300),
  kind: AgendaKind,
  /** A delegation's name or any other presenter, free text; may be empty. */
  presenter: z.string().trim().max(200, 'Use at most 200 characters.'),
  day: IsoDate,
  /** A fixed start (`HH:MM`), or null to start when the previous item ends. */
  start: Clock.nullable(),
  durationMinutes: z
    .number()
    .int('Use a whole number of minutes.')
    .min(1, 'An item lasts at least one minute.')
    .max(MINUTES_PER_DAY, 'An item lasts at most 24 hours.'),
  /** One of the meeting's documents, or null. */
  documentId: EntityId.nullable(),
});
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

/**
 * An item as read back. Lenient where leniency keeps an item visible rather than hiding it: an
 * odd duration is shown and flagged by the schedule, a kind from a newer version reads as a
 * session, and fields an older version never wrote take their defaults.
 */
const StoredAgendaItem = z.object({
  id: EntityId,
  title: z.string().max(1000),
  kind: AgendaKind.catch('session'),
  presenter: z.string().max(1000).default(''),
  day: IsoDate,
  start: Clock.nullable().default(null),
  durationMinutes: z.number(),
  documentId: EntityId.nullable().default(null),
  order: z.string().refine(isOrderKey),
});
export type AgendaItem = z.infer<typeof StoredAgendaItem>;

const agendaMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(AGENDA);

function readItem(id: string, value: unknown): AgendaItem | undefined {
  if (!(value instanceof Y.Map)) return undefined;
  const parsed = StoredAgendaItem.safeParse({ ...value.toJSON(), id });
  return parsed.success ? parsed.data : undefined;
}

/** Every readable item, in displayed order. */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  const items: AgendaItem[] = [];
  agendaMap(doc).forEach((value, id) => {
    const item = readItem(id, value);
    if (item) items.push(item);
  });
  return items.sort(compareAgendaItems);
}

export function readAgendaDayStarts(doc: Y.Doc): Record<string, string> {
  const starts: Record<string, string> = {};
  doc.getMap<unknown>(AGENDA_DAYS).forEach((value, day) => {
    if (IsoDate.safeParse(day).success && isTime(value)) starts[day] = value;
  });
  return starts;
}

/** Sets (or, with null, forgets) the time a day's agenda starts. */
export function setAgendaDayStart(doc: Y.Doc, day: string, start: string | null): void {
  IsoDate.parse(day);
  const days = doc.getMap<unknown>(AGENDA_DAYS);
  if (start === null) days.delete(day);
  else days.set(day, Clock.parse(start));
}

/** Adds an item at the end of its day. `id` comes from the caller (shared/ has no random source). */
export function addAgendaItem(doc: Y.Doc, id: string, input: AgendaItemInput): void {
  EntityId.parse(id);
  const valid = AgendaItemInput.parse(input);
  doc.transact(() => {
    if (agendaMap(doc).has(id)) throw new Error(`Agenda item ${id} already exists.`);
    const order = orderKeyAt(doc, id, valid.day, Number.POSITIVE_INFINITY);
    const item = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(valid)) item.set(key, value);
    item.set('order', order);
    agendaMap(doc).set(id, item);
  });
}

/**
 * Changes only the fields given, so two delegations editing different fields of one item both
 * keep their change. An item moved to another day goes to the end of that day.
 */
export function updateAgendaItem(doc: Y.Doc, id: string, patch: Partial<AgendaItemInput>): boolean {
  const valid = AgendaItemInput.partial().parse(patch);
  const item = agendaMap(doc).get(id);
  if (!(item instanceof Y.Map)) return false;
  doc.transact(() => {
    const current = readItem(id, item);
    if (valid.day !== undefined && valid.day !== current?.day) {
      item.set('order', orderKeyAt(doc, id, valid.day, Number.POSITIVE_INFINITY));
    }
    for (const [key, value] of Object.entries(valid)) {
      if (value !== undefined && item.get(key) !== value) item.set(key, value);
    }
  });
  return true;
}

export function removeAgendaItem(doc: Y.Doc, id: string): boolean {
  if (!agendaMap(doc).has(id)) return false;
  agendaMap(doc).delete(id);
  return true;
}

/**
 * Where an item goes: one step up or down in the displayed order, or to a position among the
 * other items of a day (0 = first). One step past the first or last item of a day crosses into
 * the neighbouring day (of the meeting, or one that has items) at its end or start.
 */
export type AgendaMove = 'up' | 'down' | { day: string; index: number };

/** Moves an item; false when it does not exist or cannot go further that way. */
export function moveAgendaItem(doc: Y.Doc, id: string, to: AgendaMove, meeting?: MeetingDates): boolean {
  const items = readAgenda(doc);
  const item = items.find((i) => i.id === id);
  if (!item) return false;
  const target = typeof to === 'object' ? to : stepTarget(items, item, to, meeting);
  if (!target) return false;
  IsoDate.parse(target.day);
  doc.transact(() => {
    const map = agendaMap(doc).get(id)!;
    const order = orderKeyAt(doc, id, target.day, target.index);
    if (map.get('day') !== target.day) map.set('day', target.day);
    if (map.get('order') !== order) map.set('order', order);
  });
  return true;
}

/**
 * Where a dragged item lands when dropped onto another: in that item's place, so it goes after
 * the target when dragged downwards and before it when dragged upwards.
 */
export function dropTarget(items: ReadonlyArray<AgendaItem>, id: string, ontoId: string): { day: string; index: number } | undefined {
  const sorted = [...items].sort(compareAgendaItems);
  const from = sorted.findIndex((i) => i.id === id);
  const onto = sorted.findIndex((i) => i.id === ontoId);
  if (from < 0 || onto < 0 || from === onto) return undefined;
  const target = sorted[onto]!;
  const others = sorted.filter((i) => i.day === target.day && i.id !== id);
  const index = others.findIndex((i) => i.id === ontoId);
  return { day: target.day, index: from < onto ? index + 1 : index };
}

function stepTarget(items: AgendaItem[], item: AgendaItem, direction: 'up' | 'down', meeting?: MeetingDates) {
  const sameDay = items.filter((i) => i.day === item.day);
  const index = sameDay.findIndex((i) => i.id === item.id);
  if (direction === 'up' && index > 0) return { day: item.day, index: index - 1 };
  if (direction === 'down' && index < sameDay.length - 1) return { day: item.day, index: index + 1 };
  const days = [...new Set([...(meeting ? meetingDays(meeting.startDate, meeting.endDate) : []), ...items.map((i) => i.day)])].sort();
  const here = days.indexOf(item.day);
  const day = days[direction === 'up' ? here - 1 : here + 1];
  if (day === undefined) return undefined;
  return { day, index: direction === 'up' ? Number.POSITIVE_INFINITY : 0 };
}

/**
 * An order key that puts item `id` at `index` among the other items of `day`. Call inside a
 * transaction: when the neighbours share a key (two replicas inserted at the same place), the
 * day's other items are first given fresh, spread-out keys in their current order.
 */
function orderKeyAt(doc: Y.Doc, id: string, day: string, index: number): string {
  let others = readAgenda(doc).filter((i) => i.day === day && i.id !== id);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1]?.order ?? null;
  const after = others[at]?.order ?? null;
  if (before === null || after === null || before < after) return keyBetween(before, after);
  const fresh = spreadKeys(others.length);
  others.forEach((other, i) => agendaMap(doc).get(other.id)?.set('order', fresh[i]));
  others = others.map((other, i) => ({ ...other, order: fresh[i]! }));
  return keyBetween(others[at - 1]?.order ?? null, others[at]?.order ?? null);
}
