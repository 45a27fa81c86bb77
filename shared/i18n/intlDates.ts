/** A day ("2022-12-02"), as Intl writes it in `locale` (read in UTC, so it is not the day before). */
export function intlDay(locale: string, isoDay: string): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Two days as one range, as Intl writes it in `locale` ("1–2 December 2022"). */
export function intlDays(locale: string, startDay: string, endDay: string): string {
  const start = new Date(`${startDay.slice(0, 10)}T00:00:00Z`);
  const end = new Date(`${endDay.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startDay} – ${endDay}`;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(start, end);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A wall-clock time, in minutes since midnight, as `locale` writes times ("09:30" in en-GB and
 * vi-VN, "9:30 AM" in km-KH), so an agenda reads one way throughout. Past midnight it wraps
 * (24:30 is 00:30): saying which day is the caller's part.
 */
export function intlTime(locale: string, minutes: number): string {
  let format = timeFormats.get(locale);
  if (!format) timeFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' })));
  const wrapped = ((Math.trunc(minutes) % 1440) + 1440) % 1440;
  return format.format(new Date(wrapped * 60_000));
}

/** Whether `locale` writes times on a 12-hour clock, with a word for the half of the day. */
export function intlTwelveHour(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
}
