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
