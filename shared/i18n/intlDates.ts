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
