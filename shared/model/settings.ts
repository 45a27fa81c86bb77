import { z } from 'zod';

/** The interface's languages (one catalogue each, shared/i18n/ui). */
export const Language = z.enum(['en', 'vi', 'km']);
export type Language = z.infer<typeof Language>;

/**
 * The languages the clause library and a meeting's draft are written in. An interface in another
 * language drafts in English, and says so where it offers clauses.
 */
export const DraftLanguage = z.enum(['en', 'vi'], { error: 'Use “en” (English) or “vi” (Vietnamese).' });
export type DraftLanguage = z.infer<typeof DraftLanguage>;

export function draftLanguageOf(language: Language): DraftLanguage {
  const draft = DraftLanguage.safeParse(language);
  return draft.success ? draft.data : 'en';
}

export const Settings = z.object({
  language: Language,
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { language: 'en' };
