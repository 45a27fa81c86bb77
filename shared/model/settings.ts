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

/** A person's own name or delegation, as others will read it; empty when not given. */
export const ProfileText = z.string().trim().max(100, 'Use at most 100 characters.');

export const Settings = z.object({
  language: Language,
  /**
   * Who this person is in meetings this computer holds or hosts (a meeting joined through a hub
   * uses the name it was joined with): on comments, versions, agreements and published clauses.
   */
  name: ProfileText,
  /** The delegation or office they speak for, if any ("ASCN Secretariat", "Ha Noi"). */
  delegation: ProfileText,
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { language: 'en', name: '', delegation: '' };

/** Said for someone who has not given their name, in a meeting of their own computer. */
export const UNNAMED_SECRETARIAT = 'Secretariat';
