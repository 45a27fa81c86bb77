import { z } from 'zod';
import * as Y from 'yjs';
import { isOrderKey, keyBetween, spreadKeys } from './agendaOrder';
import { AGENDA_KINDS, compareAgendaItems, isTime, type MeetingDates, meetingDays, MINUTES_PER_DAY } from './agendaSchedule';
import { fieldKey, fieldRecordExists, readFieldRecords, removeFieldRecord } from './fieldRecords';
import { EntityId, IsoDate } from './meeting';
import { holdsSecretariatParts, type MeetingDocs, requireSecretariatDoc, SECRETARIAT_ROOTS } from './secretariatDoc';

/**
 * A meeting's agenda, kept by the secretariat in its doc (secretariatDoc.ts).
 *
 * Each field of each item is one key of one map, `<itemId>/<field>` → value, and the displayed
 * order is (day, `order`, id), where `order` is a fractional key (agendaOrder.ts). A move sets one
 * or two keys and never deletes the item; edits of different fields merge; concurrent moves of
 * one item resolve to one of them (last writer wins on its key); items inserted at the same place
 * from two replicas (equal keys) are ordered by id, the same way everywhere. No item is a nested
 * container: two laptops writing the same item at once (two secretariat laptops copying a legacy
 * agenda, say) write the same keys, and neither hides the other's item with its fields. The
 * alternatives lose data: moving by delete + re-insert drops a title edited meanwhile, and a map
 * per item created under the same id on two laptops keeps only one of them.
 *
 * A removed item keeps one key, `<itemId>/removed`, so an edit made concurrently elsewhere (which
 * writes only its own fields) cannot bring it back.
 *
 * Reads validate: an entry another version or peer wrote badly is skipped, never trusted. Numbers
 * and times are derived (agendaSchedule.ts), never stored.
 */

/** Where meetings written before the secretariat doc existed keep their agenda, in the meeting doc: a Y.Map per item. */
export const LEGACY_AGENDA = 'agenda';
/** Day (ISO date) → the time its first item starts, unless that item has a fixed start; in the meeting doc too. */
export const LEGACY_AGENDA_DAYS = 'agendaDays';

const FIELDS = ['title', 'kind', 'presenter', 'day', 'start', 'durationMinutes', 'documentId', 'order'] as const;

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

const fieldsOf = (secretariat: Y.Doc) => secretariat.getMap<unknown>(SECRETARIAT_ROOTS.agendaItems);
const dayStartsOf = (secretariat: Y.Doc) => secretariat.getMap<unknown>(SECRETARIAT_ROOTS.agendaDayStarts);
const keyOf = fieldKey;

function parseItem(id: string, fields: Record<string, unknown>): AgendaItem | undefined {
  const parsed = StoredAgendaItem.safeParse({ ...fields, id });
  return parsed.success ? parsed.data : undefined;
}

/** Every readable item of a secretariat doc, in displayed order. */
export function readAgenda(secretariat: Y.Doc): AgendaItem[] {
  const byId = readFieldRecords(fieldsOf(secretariat), FIELDS);
  const items: AgendaItem[] = [];
  for (const [id, fields] of byId) {
    const item = parseItem(id, fields);
    if (item) items.push(item);
  }
  return items.sort(compareAgendaItems);
}

export function readAgendaDayStarts(secretariat: Y.Doc): Record<string, string> {
  return readDayStarts(dayStartsOf(secretariat));
}

function readDayStarts(map: Y.Map<unknown>): Record<string, string> {
  const starts: Record<string, string> = {};
  map.forEach((value, day) => {
    if (IsoDate.safeParse(day).success && isTime(value)) starts[day] = value;
  });
  return starts;
}

/** The agenda of a meeting doc written before the secretariat doc existed: a Y.Map per item. */
export function readLegacyAgenda(meeting: Y.Doc): AgendaItem[] {
  const items: AgendaItem[] = [];
  meeting.getMap<unknown>(LEGACY_AGENDA).forEach((value, id) => {
    const item = value instanceof Y.Map ? parseItem(id, value.toJSON() as Record<string, unknown>) : undefined;
    if (item) items.push(item);
  });
  return items.sort(compareAgendaItems);
}

export function readLegacyAgendaDayStarts(meeting: Y.Doc): Record<string, string> {
  return readDayStarts(meeting.getMap<unknown>(LEGACY_AGENDA_DAYS));
}

/**
 * The meeting's agenda: the secretariat doc's, or for a meeting whose secretariat has not yet
 * copied its parts there, the meeting doc's.
 */
export function readMeetingAgenda(docs: MeetingDocs): { items: AgendaItem[]; dayStarts: Record<string, string> } {
  return holdsSecretariatParts(docs.secretariat)
    ? { items: readAgenda(docs.secretariat), dayStarts: readAgendaDayStarts(docs.secretariat) }
    : { items: readLegacyAgenda(docs.meeting), dayStarts: readLegacyAgendaDayStarts(docs.meeting) };
}

/** Sets (or, with null, forgets) the time a day's agenda starts. */
export function setAgendaDayStart(secretariat: Y.Doc, day: string, start: string | null): void {
  requireSecretariatDoc(secretariat);
  IsoDate.parse(day);
  const days = dayStartsOf(secretariat);
  if (start === null) days.delete(day);
  else days.set(day, Clock.parse(start));
}

/**
 * Writes an item as it is, order key included: for copying a legacy agenda, whose items keep their
 * ids and places. Validated as any stored item is read.
 */
export function putAgendaItem(secretariat: Y.Doc, item: AgendaItem): void {
  requireSecretariatDoc(secretariat);
  const valid = StoredAgendaItem.parse(item);
  secretariat.transact(() => {
    for (const field of FIELDS) fieldsOf(secretariat).set(keyOf(valid.id, field), valid[field]);
  });
}

/** Adds an item at the end of its day. `id` comes from the caller (shared/ has no random source). */
export function addAgendaItem(secretariat: Y.Doc, id: string, input: AgendaItemInput): void {
  requireSecretariatDoc(secretariat);
  EntityId.parse(id);
  const valid = AgendaItemInput.parse(input);
  secretariat.transact(() => {
    const fields = fieldsOf(secretariat);
    if (fieldRecordExists(fields, id, FIELDS)) {
      throw new Error(`Agenda item ${id} already exists.`);
    }
    const order = orderKeyAt(secretariat, id, valid.day, Number.POSITIVE_INFINITY);
    for (const [key, value] of Object.entries(valid)) fields.set(keyOf(id, key), value);
    fields.set(keyOf(id, 'order'), order);
  });
}

/**
 * Changes only the fields given, so two people editing different fields of one item both keep
 * their change. An item moved to another day goes to the end of that day.
 */
export function updateAgendaItem(secretariat: Y.Doc, id: string, patch: Partial<AgendaItemInput>): boolean {
  requireSecretariatDoc(secretariat);
  const valid = AgendaItemInput.partial().parse(patch);
  const current = readAgenda(secretariat).find((item) => item.id === id);
  if (!current) return false;
  secretariat.transact(() => {
    const fields = fieldsOf(secretariat);
    if (valid.day !== undefined && valid.day !== current.day) {
      fields.set(keyOf(id, 'order'), orderKeyAt(secretariat, id, valid.day, Number.POSITIVE_INFINITY));
    }
    for (const [key, value] of Object.entries(valid)) {
      if (value !== undefined && fields.get(keyOf(id, key)) !== value) fields.set(keyOf(id, key), value);
    }
  });
  return true;
}

export function removeAgendaItem(secretariat: Y.Doc, id: string): boolean {
  requireSecretariatDoc(secretariat);
  if (!readAgenda(secretariat).some((item) => item.id === id)) return false;
  secretariat.transact(() => {
    const fields = fieldsOf(secretariat);
    removeFieldRecord(fields, id, FIELDS);
  });
  return true;
}

/**
 * Where an item goes: one step up or down in the displayed order, or to a position among the
 * other items of a day (0 = first). One step past the first or last item of a day crosses into
 * the neighbouring day (of the meeting, or one that has items) at its end or start.
 */
export type AgendaMove = 'up' | 'down' | { day: string; index: number };

/** Moves an item; false when it does not exist or cannot go further that way. */
export function moveAgendaItem(secretariat: Y.Doc, id: string, to: AgendaMove, meeting?: MeetingDates): boolean {
  requireSecretariatDoc(secretariat);
  const items = readAgenda(secretariat);
  const item = items.find((i) => i.id === id);
  if (!item) return false;
  const target = typeof to === 'object' ? to : stepTarget(items, item, to, meeting);
  if (!target) return false;
  IsoDate.parse(target.day);
  secretariat.transact(() => {
    const fields = fieldsOf(secretariat);
    const order = orderKeyAt(secretariat, id, target.day, target.index);
    if (fields.get(keyOf(id, 'day')) !== target.day) fields.set(keyOf(id, 'day'), target.day);
    if (fields.get(keyOf(id, 'order')) !== order) fields.set(keyOf(id, 'order'), order);
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
function orderKeyAt(secretariat: Y.Doc, id: string, day: string, index: number): string {
  let others = readAgenda(secretariat).filter((i) => i.day === day && i.id !== id);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1]?.order ?? null;
  const after = others[at]?.order ?? null;
  if (before === null || after === null || before < after) return keyBetween(before, after);
  const fresh = spreadKeys(others.length);
  others.forEach((other, i) => fieldsOf(secretariat).set(keyOf(other.id, 'order'), fresh[i]));
  others = others.map((other, i) => ({ ...other, order: fresh[i]! }));
  return keyBetween(others[at - 1]?.order ?? null, others[at]?.order ?? null);
}
