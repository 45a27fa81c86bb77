/**
 * Agenda time arithmetic: pure functions over minutes since local midnight. An agenda's times are
 * wall-clock times at the venue on a calendar day (like the meeting's dates), never instants, so
 * nothing here touches time zones.
 */

export const MINUTES_PER_DAY = 24 * 60;

/** A day's first item starts here unless the day has its own start or the item a fixed one. */
export const DEFAULT_DAY_START = '09:00';

export const AGENDA_KINDS = ['opening', 'session', 'break', 'adoption', 'closing'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (24h, 00:00–23:59) → minutes since midnight; undefined for anything else. */
export function parseTime(text: string): number | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isTime(text: unknown): text is string {
  return typeof text === 'string' && CLOCK.test(text);
}

/**
 * Minutes since midnight → `HH:MM` on the clock. Times past midnight wrap (24:30 → 00:30), and
 * times before midnight too: `dayOffset` says which day the clock shows.
 */
export function formatTime(minutes: number): string {
  const wrapped = ((Math.trunc(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const h = Math.floor(wrapped / 60);
  const m = wrapped % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** 0 for the item's own day, 1 once the clock has passed midnight, and so on. */
export function dayOffset(minutes: number): number {
  return Math.floor(minutes / MINUTES_PER_DAY);
}

/** `HH:MM` plus a number of minutes, as minutes since the first day's midnight (may pass 24:00). */
export function addMinutes(time: string, minutes: number): number | undefined {
  const start = parseTime(time);
  return start === undefined ? undefined : start + minutes;
}

/** An ISO `YYYY-MM-DD` date moved by whole days (UTC arithmetic, so no daylight-saving drift). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A meeting runs for at most this many days as far as the agenda is concerned. */
const MAX_MEETING_DAYS = 366;

/** Every day from start to end, inclusive; empty when the dates are reversed. */
export function meetingDays(startDate: string, endDate: string): string[] {
  const days: string[] = [];
  for (let day = startDate; day <= endDate && days.length < MAX_MEETING_DAYS; day = addDays(day, 1)) days.push(day);
  return days;
}

/** What the schedule needs of an item; order keys are compared as strings. */
export interface SchedulableItem {
  id: string;
  day: string;
  /** Fixed start (`HH:MM`), or null to start when the previous item of the day ends. */
  start: string | null;
  durationMinutes: number;
  order: string;
}

export interface MeetingDates {
  startDate: string;
  endDate: string;
}

export type AgendaFlag =
  /** Starts before earlier items of the same day end (their numbers, in order). */
  | { kind: 'overlap'; numbers: number[] }
  | { kind: 'outsideMeeting' }
  | { kind: 'pastMidnight' }
  /** Not a whole number of minutes from 1 to 24 hours; scheduled as if it took no time. */
  | { kind: 'invalidDuration' };

export interface AgendaRow<T extends SchedulableItem = SchedulableItem> {
  item: T;
  /** 1, 2, 3… across the whole meeting in displayed order: derived, never stored. */
  number: number;
  /** Minutes since the item's day's midnight; past 24:00 when the day runs late. */
  start: number;
  end: number;
  /** Whether the start was set on the item rather than following the previous one. */
  fixed: boolean;
  flags: AgendaFlag[];
}

export function isValidDuration(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= MINUTES_PER_DAY;
}

/** Displayed order: by day, then order key; the id breaks ties so every replica agrees. */
export function compareAgendaItems(a: SchedulableItem, b: SchedulableItem): number {
  return cmp(a.day, b.day) || cmp(a.order, b.order) || cmp(a.id, b.id);
}

// Order keys and ISO dates compare by code unit, never by locale, or replicas could disagree.
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Numbers, times and flags for every item. Each day starts at its own start (`dayStarts`, else
 * 09:00); an item with a fixed start begins then, any other when the item before it ends, so
 * reordering moves every following time with it. `meeting` undefined: dates are not checked.
 */
export function scheduleAgenda<T extends SchedulableItem>(
  items: ReadonlyArray<T>,
  meeting?: MeetingDates,
  dayStarts: Readonly<Record<string, string>> = {},
): AgendaRow<T>[] {
  const sorted = [...items].sort(compareAgendaItems);
  const rows: AgendaRow<T>[] = [];
  let dayRows: AgendaRow<T>[] = [];
  for (const [index, item] of sorted.entries()) {
    if (dayRows[0]?.item.day !== item.day) dayRows = [];
    const previous = dayRows[dayRows.length - 1];
    const fixed = parseTime(item.start ?? '');
    const start = fixed ?? previous?.end ?? parseTime(dayStarts[item.day] ?? '') ?? parseTime(DEFAULT_DAY_START)!;
    const validDuration = isValidDuration(item.durationMinutes);
    const end = start + (validDuration ? item.durationMinutes : 0);
    const flags: AgendaFlag[] = [];
    // Zero-length items take no room, so they overlap nothing and nothing overlaps them.
    const overlapping = end > start ? dayRows.filter((row) => row.end > row.start && start < row.end && row.start < end) : [];
    if (overlapping.length > 0) flags.push({ kind: 'overlap', numbers: overlapping.map((row) => row.number) });
    if (meeting && (item.day < meeting.startDate || item.day > meeting.endDate)) flags.push({ kind: 'outsideMeeting' });
    if (end > MINUTES_PER_DAY || start >= MINUTES_PER_DAY) flags.push({ kind: 'pastMidnight' });
    if (!validDuration) flags.push({ kind: 'invalidDuration' });
    const row: AgendaRow<T> = { item, number: index + 1, start, end, fixed: fixed !== undefined, flags };
    rows.push(row);
    dayRows.push(row);
  }
  return rows;
}
