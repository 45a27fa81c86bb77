/**
 * The scripts of the region that print and lay out unlike Latin: no spaces between words (Khmer,
 * Thai, Lao, Myanmar), so line breaking needs the language, and Word sets them in the run's
 * complex-script font. One table, read by every export.
 */
export interface ComplexScript {
  /** The language tag a `lang` attribute takes. */
  code: 'km' | 'th' | 'lo' | 'my';
  /** The language with its region, for Word's w:lang. */
  locale: string;
  /** The bundled serif face that sets it. */
  serifFont: string;
  pattern: RegExp;
}

export const COMPLEX_SCRIPTS: ReadonlyArray<ComplexScript> = [
  { code: 'km', locale: 'km-KH', serifFont: 'Noto Serif Khmer', pattern: /[\u1780-\u17FF\u19E0-\u19FF]/u },
  { code: 'th', locale: 'th-TH', serifFont: 'Noto Serif Thai', pattern: /[\u0E00-\u0E7F]/u },
  { code: 'lo', locale: 'lo-LA', serifFont: 'Noto Serif Lao', pattern: /[\u0E80-\u0EFF]/u },
  { code: 'my', locale: 'my-MM', serifFont: 'Noto Serif Myanmar', pattern: /[\u1000-\u109F\uA9E0-\uA9FF\uAA60-\uAA7F]/u },
];

/** The first such script the text uses (the earliest in it), or null for text in none. */
export function complexScriptOf(text: string): ComplexScript | null {
  let found: { index: number; script: ComplexScript } | null = null;
  for (const script of COMPLEX_SCRIPTS) {
    const index = text.search(script.pattern);
    if (index >= 0 && (found === null || index < found.index)) found = { index, script };
  }
  return found?.script ?? null;
}

/** The `lang` to tag text with so line breaking is right, or null when it needs none. */
export function scriptLanguage(text: string): string | null {
  return complexScriptOf(text)?.code ?? null;
}
