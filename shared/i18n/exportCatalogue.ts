import { z } from 'zod';
import { en } from './export/en';
import { km } from './export/km';
import { vi } from './export/vi';
import type { ExportCatalogue } from './exportStrings';

export type { ExportCatalogue } from './exportStrings';

/** Every export language, each in its own catalogue file (export/). */
const CATALOGUES = { en, vi, km } satisfies Record<string, ExportCatalogue>;

export const ExportLanguage = z.enum(Object.keys(CATALOGUES) as [keyof typeof CATALOGUES, ...Array<keyof typeof CATALOGUES>]);
export type ExportLanguage = z.infer<typeof ExportLanguage>;

export function exportCatalogue(language: ExportLanguage): ExportCatalogue {
  return CATALOGUES[language];
}
