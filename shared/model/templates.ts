import { ClauseKind } from './kinds';
import { z } from 'zod';
import { EntityId } from './meeting';
import { DraftLanguage } from './settings';
import { checkTemplateText, type TemplateContext } from './templatePlaceholders';

export {
  checkTemplateText,
  fillTemplate,
  normalizePlaceholderName,
  parseTemplateText,
  placeholderNames,
  positionAt,
  PlaceholderSyntaxError,
  type FilledSegment,
  type PlaceholderProblem,
  type TemplateContext,
  type TemplateSegment,
  type TemplateTextCheck,
  type TextPosition,
} from './templatePlaceholders';

/**
 * Clause templates: ready-made paragraphs a drafter inserts into a declaration. They come from
 * Accord's built-in library, from the drafter's own collection (saved or imported), or from the
 * meeting (published by the secretariat for everyone in it).
 */

/** Which part of a declaration's anatomy a template fills. */
export const TemplateKind = z.enum(ClauseKind.options, {
  error: `Use one of: ${ClauseKind.options.join(', ')}.`,
});
export type TemplateKind = z.infer<typeof TemplateKind>;

export const TemplateSource = z.enum(['builtin', 'personal', 'meeting']);
export type TemplateSource = z.infer<typeof TemplateSource>;

/** The languages Accord speaks; a template is written in one of them. */
export const TemplateLanguage = DraftLanguage;
export type TemplateLanguage = z.infer<typeof TemplateLanguage>;

/** The six focus areas of the ASEAN Smart Cities Network, by the tag that marks each. */
export const FOCUS_AREA_TAGS = ['civic', 'health', 'safety', 'environment', 'infrastructure', 'innovation'] as const;

export const TemplateId = z
  .string()
  .max(100, 'Use an id of at most 100 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use an id of lowercase letters and digits joined by single hyphens, such as “pp-recognizing-growth”.');

export const TemplateTag = z
  .string()
  .trim()
  .toLowerCase()
  .max(40, 'Use tags of at most 40 characters.')
  .regex(/^[\p{L}\p{M}\p{N}]+(?:[ -][\p{L}\p{M}\p{N}]+)*$/u, 'A tag is a word or a few words, such as “environment” or “môi trường”.');

export const TemplateTitle = z.string().trim().min(1, 'Give the template a short title.').max(120, 'Use a title of at most 120 characters.');

export const MAX_TEMPLATE_TEXT = 4000;

/** Template text whose placeholders are well formed; the issue says where one is not. */
export const TemplateText = z
  .string()
  .max(MAX_TEMPLATE_TEXT, `Use at most ${MAX_TEMPLATE_TEXT} characters.`)
  .refine((text) => text.trim() !== '', 'Write the text of the clause.')
  .superRefine((text, ctx) => {
    const check = checkTemplateText(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error.message });
  });

const templateShape = {
  id: TemplateId,
  kind: TemplateKind,
  title: TemplateTitle,
  tags: z
    .array(TemplateTag)
    .max(20, 'Use at most 20 tags.')
    .default([])
    .transform((tags) => [...new Set(tags)]),
  language: TemplateLanguage,
  text: TemplateText,
  /** Shared by the language versions of one clause, so the window can offer "the same in Tiếng Việt". */
  group: TemplateId.optional(),
};

/** A template's own content, wherever it came from. */
export const TemplateFields = z.object(templateShape);
export type TemplateFields = z.infer<typeof TemplateFields>;

/** What a drafter saves from a paragraph: everything but the id, which Accord gives it. */
export const TemplateDraft = TemplateFields.omit({ id: true }).strict();
export type TemplateDraft = z.infer<typeof TemplateDraft>;

/** A template given whole, as when publishing an edited one to a meeting; the id is optional. */
export const TemplateInput = TemplateFields.partial({ id: true }).strict();
export type TemplateInput = z.infer<typeof TemplateInput>;

/** One entry of a template file. Strict, so a misspelt field ("lang") is reported, not lost. */
export const TemplateFileEntry = z.object(templateShape).strict();

export const MAX_TEMPLATES_PER_FILE = 2000;

/** A template file larger than this (in characters) is not a template file. */
export const MAX_TEMPLATE_FILE_CHARS = 2_000_000;

/** A template file, built in or imported: `{ "version": 1, "templates": [ … ] }`. */
export const TemplateFile = z
  .object({
    version: z.literal(1, { error: 'This file is not an Accord template file of version 1 (“version”: 1).' }),
    templates: z.array(TemplateFileEntry).max(MAX_TEMPLATES_PER_FILE, `A file may hold at most ${MAX_TEMPLATES_PER_FILE} templates.`),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.templates.forEach((template, index) => {
      const first = seen.get(template.id);
      if (first === undefined) seen.set(template.id, index);
      else ctx.addIssue({ code: 'custom', path: ['templates', index, 'id'], message: `Template ${first + 1} already uses the id “${template.id}”.` });
    });
  });
export type TemplateFile = z.infer<typeof TemplateFile>;

/** A template as the window lists it: its content and where it comes from. */
export const Template = z.discriminatedUnion('source', [
  TemplateFields.extend({ source: z.literal('builtin'), file: z.string() }),
  TemplateFields.extend({
    source: z.literal('personal'),
    createdAt: z.number().int(),
    /** The file it was imported from, if it was. */
    importedFrom: z.string().optional(),
  }),
  TemplateFields.extend({
    source: z.literal('meeting'),
    meetingId: EntityId,
    publishedBy: z.string(),
    publishedAt: z.number().int(),
  }),
]);
export type Template = z.infer<typeof Template>;

/** Something wrong with a source of templates: the rest are still listed. */
export const TemplateProblem = z.object({ file: z.string(), message: z.string() });
export type TemplateProblem = z.infer<typeof TemplateProblem>;

export const TemplateList = z.object({ templates: z.array(Template), problems: z.array(TemplateProblem) });
export type TemplateList = z.infer<typeof TemplateList>;

export const TemplateImportResult = z.object({
  imported: z.array(Template),
  /** Templates whose id was already taken here, imported under a new id. */
  renamed: z.array(z.object({ from: TemplateId, to: TemplateId })),
  /** Templates already present with exactly the same content, so not imported twice. */
  unchanged: z.array(TemplateId),
});
export type TemplateImportResult = z.infer<typeof TemplateImportResult>;

/** Whether two templates say the same thing (ignoring where they come from). */
export function sameTemplateContent(a: TemplateFields, b: TemplateFields): boolean {
  return (
    a.kind === b.kind &&
    a.title === b.title &&
    a.language === b.language &&
    a.text === b.text &&
    (a.group ?? null) === (b.group ?? null) &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}

// ---------------------------------------------------------------------------------------------
// Search

/** Case- and accent-free form, so "thanh pho" finds "thành phố" and "Dien Bien" finds "Điện Biên". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

function words(text: string): string[] {
  return foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

export interface TemplateSearchOptions {
  language?: TemplateLanguage;
  kind?: TemplateKind | ReadonlyArray<TemplateKind>;
}

interface Indexed {
  tags: string[][];
  title: string[];
  titleText: string;
  text: string[];
  textText: string;
}

function index(template: TemplateFields): Indexed {
  const title = words(template.title);
  const text = words(template.text);
  return { tags: template.tags.map(words), title, titleText: title.join(' '), text, textText: text.join(' ') };
}

/** How well one query word matches; 0 when it does not. Tags say what a clause is about, so they weigh most. */
function wordScore(word: string, t: Indexed): number {
  let score = 0;
  for (const tag of t.tags) {
    if (tag.includes(word)) score = Math.max(score, 8);
    else if (tag.some((w) => w.startsWith(word))) score = Math.max(score, 6);
  }
  if (t.title.includes(word)) score = Math.max(score, 4);
  else if (t.title.some((w) => w.startsWith(word))) score = Math.max(score, 3);
  else if (t.titleText.includes(word)) score = Math.max(score, 2);
  if (score > 0) return score;
  if (t.text.some((w) => w.startsWith(word))) return 1;
  return t.textText.includes(word) ? 0.5 : 0;
}

/**
 * Templates matching every word of the query, best first; equal scores keep their given order, so
 * an empty query returns the (filtered) list as it was.
 */
export function searchTemplates<T extends TemplateFields>(
  templates: ReadonlyArray<T>,
  query: string,
  options: TemplateSearchOptions = {},
): T[] {
  const kinds = options.kind === undefined ? undefined : new Set<TemplateKind>(typeof options.kind === 'string' ? [options.kind] : options.kind);
  const candidates = templates.filter(
    (t) => (options.language === undefined || t.language === options.language) && (kinds === undefined || kinds.has(t.kind)),
  );
  const queryWords = [...new Set(words(query))];
  if (queryWords.length === 0) return candidates;
  const scored: Array<{ template: T; score: number; order: number }> = [];
  candidates.forEach((template, order) => {
    const indexed = index(template);
    let score = 0;
    for (const word of queryWords) {
      const s = wordScore(word, indexed);
      if (s === 0) return;
      score += s;
    }
    scored.push({ template, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.template);
}

// ---------------------------------------------------------------------------------------------
// Filling from a meeting

/** Placeholders Accord fills by itself; any other name is a field the drafter fills in. */
export const KNOWN_PLACEHOLDERS = [
  'meeting.title',
  'meeting.place',
  'meeting.hostCity',
  'meeting.date',
  'meeting.startDate',
  'meeting.endDate',
  'meeting.year',
  'delegation',
] as const;

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dateParts(iso: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not an ISO date: ${iso}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * The tags to show beside a template to a reader of `language`: those of the clause's version in
 * that language (same group), without the English words a Vietnamese version also carries so it is
 * found by English searches. A clause with no version in that language shows its own tags.
 */
export function tagsToShow<T extends Pick<TemplateFields, 'tags' | 'language' | 'group'>>(template: T, all: ReadonlyArray<T>, language: TemplateLanguage): string[] {
  const siblings = template.group ? all.filter((other) => other.group === template.group) : [template];
  const inLanguage = siblings.find((other) => other.language === language);
  if (!inLanguage) return template.tags;
  const english = inLanguage.language === 'en' ? new Set<string>() : new Set(siblings.filter((other) => other.language === 'en').flatMap((other) => other.tags));
  const shown = inLanguage.tags.filter((tag) => !english.has(tag));
  return shown.length > 0 ? shown : inLanguage.tags;
}

/**
 * A calendar date as a declaration writes it: "2 December 2022", "ngày 2 tháng 12 năm 2022".
 * Spelled out here rather than by Intl, whose output differs between ICU builds.
 */
export function formatLongDate(iso: string, language: TemplateLanguage): string {
  const { year, month, day } = dateParts(iso);
  return language === 'vi' ? `ngày ${day} tháng ${month} năm ${year}` : `${day} ${MONTHS_EN[month - 1]} ${year}`;
}

/** A meeting's dates as one phrase: "2 December 2022", "1–2 December 2022", "từ ngày 1 đến ngày 2 tháng 12 năm 2022". */
export function formatMeetingDates(startDate: string, endDate: string, language: TemplateLanguage): string {
  if (startDate === endDate) return formatLongDate(startDate, language);
  const a = dateParts(startDate);
  const b = dateParts(endDate);
  if (language === 'vi') {
    if (a.year !== b.year) return `từ ${formatLongDate(startDate, 'vi')} đến ${formatLongDate(endDate, 'vi')}`;
    if (a.month !== b.month) return `từ ngày ${a.day} tháng ${a.month} đến ngày ${b.day} tháng ${b.month} năm ${b.year}`;
    return `từ ngày ${a.day} đến ngày ${b.day} tháng ${b.month} năm ${b.year}`;
  }
  if (a.year !== b.year) return `${formatLongDate(startDate, 'en')} – ${formatLongDate(endDate, 'en')}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS_EN[a.month - 1]} – ${b.day} ${MONTHS_EN[b.month - 1]} ${b.year}`;
  return `${a.day}–${b.day} ${MONTHS_EN[b.month - 1]} ${b.year}`;
}

/** The values of the known placeholders for one meeting, in the language of the template. */
export function meetingTemplateContext(
  meeting: { title: string; place: string; hostCity: string; startDate: string; endDate: string },
  options: { language: TemplateLanguage; delegation?: string | null },
): TemplateContext {
  return {
    'meeting.title': meeting.title,
    'meeting.place': meeting.place,
    'meeting.hostCity': meeting.hostCity,
    'meeting.date': formatMeetingDates(meeting.startDate, meeting.endDate, options.language),
    'meeting.startDate': formatLongDate(meeting.startDate, options.language),
    'meeting.endDate': formatLongDate(meeting.endDate, options.language),
    'meeting.year': String(dateParts(meeting.startDate).year),
    delegation: options.delegation ?? undefined,
  };
}
