import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/model/settings';
import { en } from '../../shared/i18n/ui/en';
import { km } from '../../shared/i18n/ui/km';
import { vi } from '../../shared/i18n/ui/vi';

export const resources = { en: { translation: en }, vi: { translation: vi }, km: { translation: km } } as const;

/** BCP 47 locale used to format dates for each interface language. */
export const locales: Record<Language, string> = { en: 'en-GB', vi: 'vi-VN', km: 'km-KH' };

/** A fresh i18next instance per window (no global one), so tests can run several side by side. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
