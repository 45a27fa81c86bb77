import { intlTime } from '../../shared/i18n/intlDates';
import type { Language } from '../../shared/model/settings';
import { locales } from '../i18n/i18n';

/** "2 December 2022", or "2–4 December 2022" for a meeting of several days. */
export function formatDayRange(start: string, end: string, language: Language): string {
  const format = new Intl.DateTimeFormat(locales[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return format.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
}

/**
 * A date and time in the interface's language. A browser whose Intl lacks the language (Debian's
 * Chromium has no Khmer, and would write "Dec 3, 2026, 7:40 PM") gets the numbers alone, day first
 * and on a 24-hour clock, rather than another language's words.
 */
export function formatMoment(ms: number, language: Language): string {
  const locale = locales[language];
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length === 0) {
    const parts = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A time of day (minutes since midnight) as the interface language writes it: "09:30", or "9:30 AM" in Khmer. */
export function formatClock(minutes: number, language: Language): string {
  return intlTime(locales[language], minutes);
}

/** The words a locale writes for the morning and the afternoon ("AM", "PM"), if it writes any. */
function dayPeriods(locale: string): { am: string[]; pm: string[] } {
  const period = (hour: number) =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' })
      .formatToParts(new Date(hour * 3_600_000))
      .find((part) => part.type === 'dayPeriod')
      ?.value.toLowerCase();
  const am = period(9);
  const pm = period(21);
  // The Latin forms too: whatever the locale, a keyboard may well type "2pm" or "2 p.m.".
  return { am: [...(am ? [am] : []), 'a.m.', 'am', 'a'], pm: [...(pm ? [pm] : []), 'p.m.', 'pm', 'p'] };
}

const KHMER_DIGITS = /[\u17E0-\u17E9]/g;

/**
 * A time of day as someone types it, in minutes since midnight: the interface's own format
 * ("9:30 AM" in Khmer, "09:30" in English and Vietnamese), any 24-hour time ("14:30", "9.30",
 * "1430"), or a 12-hour one with am/pm in the locale's words or in Latin letters. Khmer digits
 * count as digits. Undefined for anything else.
 */
export function parseClock(text: string, language: Language): number | undefined {
  let rest = text
    .replace(KHMER_DIGITS, (digit) => String(digit.codePointAt(0)! - 0x17e0))
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
  let half: 'am' | 'pm' | null = null;
  const periods = dayPeriods(locales[language]);
  for (const [which, words] of [['am', periods.am], ['pm', periods.pm]] as const) {
    const word = [...words].sort((a, b) => b.length - a.length).find((w) => rest.endsWith(w) || rest.startsWith(w));
    if (!word) continue;
    half = which;
    rest = (rest.endsWith(word) ? rest.slice(0, -word.length) : rest.slice(word.length)).trim();
    break;
  }
  const match = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?$/.exec(rest) ?? /^(\d{1,2})(\d{2})$/.exec(rest);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (minutes > 59) return undefined;
  if (half) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (hours > 23) {
    return undefined;
  }
  return hours * 60 + minutes;
}
