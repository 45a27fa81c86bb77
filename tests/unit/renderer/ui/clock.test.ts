import { describe, expect, it } from 'vitest';
import { formatClock, parseClock } from '../../../../renderer/ui/format';

const at = (hours: number, minutes = 0) => hours * 60 + minutes;

describe('agenda times in the interface language', () => {
  it('writes times 24-hour in English and Vietnamese and 12-hour in Khmer, each the same way at every hour', () => {
    const hours = [at(0), at(9), at(9, 5), at(12), at(13, 30), at(23, 59)];
    expect(hours.map((m) => formatClock(m, 'en'))).toEqual(['00:00', '09:00', '09:05', '12:00', '13:30', '23:59']);
    expect(hours.map((m) => formatClock(m, 'vi'))).toEqual(['00:00', '09:00', '09:05', '12:00', '13:30', '23:59']);
    expect(hours.map((m) => formatClock(m, 'km'))).toEqual(['12:00 AM', '9:00 AM', '9:05 AM', '12:00 PM', '1:30 PM', '11:59 PM']);
  });

  it('wraps a time past midnight to the clock of the next day', () => {
    expect(formatClock(at(24, 30), 'en')).toBe('00:30');
    expect(formatClock(at(25), 'km')).toBe('1:00 AM');
  });

  it('reads back every time it writes, in each language', () => {
    for (const language of ['en', 'vi', 'km'] as const) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 5) expect(parseClock(formatClock(minutes, language), language)).toBe(minutes);
    }
  });

  it('reads a time typed the 24-hour way in any language', () => {
    for (const language of ['en', 'vi', 'km'] as const) {
      expect(parseClock('14:30', language)).toBe(at(14, 30));
      expect(parseClock(' 9:05 ', language)).toBe(at(9, 5));
      expect(parseClock('9.05', language)).toBe(at(9, 5));
      expect(parseClock('1430', language)).toBe(at(14, 30));
      expect(parseClock('0', language)).toBe(0);
    }
  });

  it('reads am and pm in Latin letters whatever the language, and Khmer digits as digits', () => {
    expect(parseClock('2pm', 'en')).toBe(at(14));
    expect(parseClock('2:15 p.m.', 'vi')).toBe(at(14, 15));
    expect(parseClock('12 am', 'en')).toBe(0);
    expect(parseClock('12:30 PM', 'km')).toBe(at(12, 30));
    expect(parseClock('១០:៣០', 'km')).toBe(at(10, 30));
  });

  it('reads nothing from what is not a time of day', () => {
    for (const text of ['', 'noon', '24:00', '9:60', '13 pm', '0 am', '12:3', '9:30:15', '-1:00']) expect(parseClock(text, 'en')).toBeUndefined();
  });
});
