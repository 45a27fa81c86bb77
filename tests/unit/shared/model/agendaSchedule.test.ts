import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  dayOffset,
  formatTime,
  isValidDuration,
  meetingDays,
  parseTime,
  scheduleAgenda,
  type SchedulableItem,
} from '../../../../shared/model/agendaSchedule';

const MEETING = { startDate: '2022-12-02', endDate: '2022-12-03' };

let next = 0;
/** Items in the order given (order keys a, b, c…), on the meeting's first day unless said otherwise. */
function items(...specs: Array<Partial<SchedulableItem> & { durationMinutes: number }>): SchedulableItem[] {
  return specs.map((spec, i) => ({
    id: spec.id ?? `item-${String(++next).padStart(8, '0')}`,
    day: spec.day ?? '2022-12-02',
    start: spec.start ?? null,
    durationMinutes: spec.durationMinutes,
    order: spec.order ?? String.fromCharCode(97 + i),
  }));
}

const times = (rows: ReturnType<typeof scheduleAgenda>) => rows.map((r) => `${formatTime(r.start)}–${formatTime(r.end)}`);
const flagKinds = (rows: ReturnType<typeof scheduleAgenda>) => rows.map((r) => r.flags.map((f) => f.kind));

describe('HH:MM arithmetic', () => {
  it.each([
    ['00:00', 0],
    ['09:05', 545],
    ['12:30', 750],
    ['23:59', 1439],
  ])('reads %s as %i minutes and writes it back', (text, minutes) => {
    expect(parseTime(text)).toBe(minutes);
    expect(formatTime(minutes)).toBe(text);
  });

  it.each(['24:00', '9:00', '09:60', '09:5', ' 09:00', '09:00 ', '-01:00', '0900', '', '12:30:00', '１２:３０'])(
    'refuses %j',
    (text) => expect(parseTime(text)).toBeUndefined(),
  );

  it('wraps past midnight and says on which day the clock is', () => {
    expect(addMinutes('23:30', 45)).toBe(1455);
    expect(formatTime(1455)).toBe('00:15');
    expect(dayOffset(1455)).toBe(1);
    expect(formatTime(1440)).toBe('00:00');
    expect(dayOffset(1439)).toBe(0);
    expect(formatTime(-30)).toBe('23:30');
    expect(dayOffset(-30)).toBe(-1);
    expect(addMinutes('nonsense', 5)).toBeUndefined();
  });

  it('counts calendar days across month, year and leap-day ends', () => {
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(meetingDays('2022-12-30', '2023-01-02')).toEqual(['2022-12-30', '2022-12-31', '2023-01-01', '2023-01-02']);
    expect(meetingDays('2022-12-02', '2022-12-02')).toEqual(['2022-12-02']);
    expect(meetingDays('2022-12-03', '2022-12-02')).toEqual([]);
  });

  it.each([
    [1, true],
    [1440, true],
    [0, false],
    [-15, false],
    [1441, false],
    [12.5, false],
    [Number.NaN, false],
  ])('a duration of %d minutes is valid: %s', (minutes, valid) => expect(isValidDuration(minutes)).toBe(valid));
});

describe('scheduleAgenda', () => {
  it('numbers items across the meeting and chains each start to the previous end', () => {
    const rows = scheduleAgenda(
      items(
        { durationMinutes: 30 },
        { durationMinutes: 90 },
        { durationMinutes: 15 },
        { durationMinutes: 60, day: '2022-12-03' },
        { durationMinutes: 45, day: '2022-12-03' },
      ),
      MEETING,
    );
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(times(rows)).toEqual(['09:00–09:30', '09:30–11:00', '11:00–11:15', '09:00–10:00', '10:00–10:45']);
    expect(flagKinds(rows)).toEqual([[], [], [], [], []]);
  });

  it('sorts by day, then order key, then id, whatever order the items come in', () => {
    const [a, b, c, d] = items(
      { id: 'zzzz-0001', durationMinutes: 10, order: 'm' },
      { id: 'aaaa-0001', durationMinutes: 10, order: 'm' },
      { durationMinutes: 10, order: 'c' },
      { durationMinutes: 10, order: 'a', day: '2022-12-03' },
    );
    const rows = scheduleAgenda([d!, a!, c!, b!], MEETING);
    expect(rows.map((r) => r.item.id)).toEqual([c!.id, 'aaaa-0001', 'zzzz-0001', d!.id]);
  });

  it('starts each day at its own start time when one is set', () => {
    const rows = scheduleAgenda(
      items({ durationMinutes: 30 }, { durationMinutes: 30, day: '2022-12-03' }),
      MEETING,
      { '2022-12-03': '08:15' },
    );
    expect(times(rows)).toEqual(['09:00–09:30', '08:15–08:45']);
  });

  it('recomputes times when the order changes', () => {
    const [opening, session, lunch] = items({ durationMinutes: 30 }, { durationMinutes: 120 }, { durationMinutes: 60 });
    expect(times(scheduleAgenda([opening!, session!, lunch!], MEETING))).toEqual(['09:00–09:30', '09:30–11:30', '11:30–12:30']);
    const reordered = [{ ...session!, order: 'a' }, { ...opening!, order: 'b' }, lunch!];
    expect(times(scheduleAgenda(reordered, MEETING))).toEqual(['09:00–11:00', '11:00–11:30', '11:30–12:30']);
  });

  it('keeps a fixed start and flags the overlap when the items before it run late', () => {
    const rows = scheduleAgenda(
      items({ durationMinutes: 30 }, { durationMinutes: 240 }, { durationMinutes: 60, start: '12:30' }, { durationMinutes: 60 }),
      MEETING,
    );
    expect(times(rows)).toEqual(['09:00–09:30', '09:30–13:30', '12:30–13:30', '13:30–14:30']);
    expect(rows.map((r) => r.fixed)).toEqual([false, false, true, false]);
    expect(rows[2]!.flags).toEqual([{ kind: 'overlap', numbers: [2] }]);
    expect(rows[3]!.flags).toEqual([]);
  });

  it('names every earlier item an overlapping one runs into', () => {
    const rows = scheduleAgenda(
      items({ durationMinutes: 60 }, { durationMinutes: 20, start: '09:10' }, { durationMinutes: 30, start: '09:15' }),
      MEETING,
    );
    expect(rows[1]!.flags).toEqual([{ kind: 'overlap', numbers: [1] }]);
    expect(rows[2]!.flags).toEqual([{ kind: 'overlap', numbers: [1, 2] }]);
  });

  it('does not flag an item that starts exactly when the previous one ends, or a gap', () => {
    const rows = scheduleAgenda(items({ durationMinutes: 60 }, { durationMinutes: 30, start: '10:00' }, { durationMinutes: 30, start: '11:00' }), MEETING);
    expect(flagKinds(rows)).toEqual([[], [], []]);
    expect(times(rows)).toEqual(['09:00–10:00', '10:00–10:30', '11:00–11:30']);
  });

  it('never compares items of different days', () => {
    const rows = scheduleAgenda(items({ durationMinutes: 600 }, { durationMinutes: 30, start: '09:00', day: '2022-12-03' }), MEETING);
    expect(flagKinds(rows)).toEqual([[], []]);
  });

  it('flags days before and after the meeting, and checks nothing without the meeting dates', () => {
    const list = items({ durationMinutes: 30, day: '2022-12-01' }, { durationMinutes: 30 }, { durationMinutes: 30, day: '2022-12-04' });
    expect(flagKinds(scheduleAgenda(list, MEETING))).toEqual([['outsideMeeting'], [], ['outsideMeeting']]);
    expect(flagKinds(scheduleAgenda(list))).toEqual([[], [], []]);
  });

  it('flags an item that ends after midnight, but not one ending at 24:00', () => {
    const rows = scheduleAgenda(
      items({ durationMinutes: 60, start: '22:30' }, { durationMinutes: 30 }, { durationMinutes: 30 }, { durationMinutes: 15 }),
      MEETING,
    );
    expect(times(rows)).toEqual(['22:30–23:30', '23:30–00:00', '00:00–00:30', '00:30–00:45']);
    expect(rows.map((r) => r.end)).toEqual([1410, 1440, 1470, 1485]);
    expect(flagKinds(rows)).toEqual([[], [], ['pastMidnight'], ['pastMidnight']]);
  });

  it('flags zero, negative and fractional durations and schedules them as taking no time', () => {
    const rows = scheduleAgenda(
      items({ durationMinutes: 0 }, { durationMinutes: -30 }, { durationMinutes: 2.5 }, { durationMinutes: 30 }),
      MEETING,
    );
    expect(times(rows)).toEqual(['09:00–09:00', '09:00–09:00', '09:00–09:00', '09:00–09:30']);
    expect(flagKinds(rows)).toEqual([['invalidDuration'], ['invalidDuration'], ['invalidDuration'], []]);
  });

  it('combines flags on one item', () => {
    const rows = scheduleAgenda(
      items({ durationMinutes: 120, start: '23:00', day: '2022-12-05' }, { durationMinutes: 0, start: '23:30', day: '2022-12-05' }),
      MEETING,
    );
    expect(flagKinds(rows)).toEqual([['outsideMeeting', 'pastMidnight'], ['outsideMeeting', 'invalidDuration']]);
  });

  it('returns nothing for an empty agenda', () => {
    expect(scheduleAgenda([], MEETING)).toEqual([]);
  });
});
