import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMoment } from '../../../../renderer/ui/format';

const MOMENT = Date.UTC(2026, 11, 3, 19, 40);

describe('a moment in the interface’s language', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is written in the language’s own words where the browser knows it', () => {
    expect(formatMoment(MOMENT, 'en')).toMatch(/^[34] Dec 2026, \d\d:40$/);
    expect(formatMoment(MOMENT, 'vi')).toMatch(/thg 12/);
  });

  it('is numbers alone, day first on a 24-hour clock, where the browser lacks the language, never another language’s words', () => {
    // As Debian's Chromium: no Khmer in its Intl.
    const supported = Intl.DateTimeFormat.supportedLocalesOf.bind(Intl.DateTimeFormat);
    vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockImplementation((locales) => supported(locales).filter((locale) => !locale.startsWith('km')));
    const written = formatMoment(MOMENT, 'km');
    expect(written).toMatch(/^0[34]\/12\/2026 \d\d:40$/);
    expect(written).not.toMatch(/Dec|AM|PM/);
  });
});
