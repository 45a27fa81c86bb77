import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplateFile } from '../../../../shared/model/templateFile';
import { FOCUS_AREA_TAGS, KNOWN_PLACEHOLDERS, placeholderNames, tagsToShow, type TemplateFields } from '../../../../shared/model/templates';

const DIR = join(process.cwd(), 'resources', 'templates');
const files = readdirSync(DIR).filter((name) => name.endsWith('.json')).sort();

const library: Array<TemplateFields & { file: string }> = files.flatMap((file) => {
  const check = parseTemplateFile(readFileSync(join(DIR, file), 'utf8'));
  return check.ok ? check.file.templates.map((t) => ({ ...t, file })) : [];
});
const english = library.filter((t) => t.language === 'en');
const vietnamese = library.filter((t) => t.language === 'vi');
const known = new Set<string>(KNOWN_PLACEHOLDERS);

describe('the built-in template library', () => {
  it.each(files)('%s is a valid template file', (file) => {
    const check = parseTemplateFile(readFileSync(join(DIR, file), 'utf8'));
    expect(check.ok ? [] : check.problems).toEqual([]);
  });

  it('offers at least 40 clauses in English, each also in Vietnamese', () => {
    expect(english.length).toBeGreaterThanOrEqual(40);
    expect(vietnamese.length).toBe(english.length);
    for (const en of english) {
      const vi = vietnamese.filter((t) => t.group === en.group);
      expect(en.group, en.id).toBeDefined();
      expect(vi.map((t) => [t.kind, t.file]), en.id).toEqual([[en.kind, en.file]]);
    }
  });

  it('gives every template an id no other template has', () => {
    const ids = library.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has at least four clauses for each focus area of the ASEAN Smart Cities Network, in both languages', () => {
    for (const tag of FOCUS_AREA_TAGS) {
      expect(english.filter((t) => t.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(4);
      expect(vietnamese.filter((t) => t.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(4);
    }
  });

  it('covers every part of a declaration', () => {
    const kinds = new Set(library.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['adoption', 'op', 'opening', 'operative-opening', 'pp', 'sub', 'title']);
  });

  it('opens preambular paragraphs with a participle and ends them with a comma; operative ones end with a semicolon', () => {
    for (const t of english.filter((x) => x.kind === 'pp')) {
      expect(t.text, t.id).toMatch(/^(\w+ing|Mindful|Concerned)\b.*,$/);
    }
    for (const t of library.filter((x) => x.kind === 'op' || x.kind === 'sub')) expect(t.text, t.id).toMatch(/;$/);
    for (const t of library.filter((x) => x.kind === 'operative-opening')) expect(t.text, t.id).toMatch(/:$/);
  });

  it('writes Vietnamese with its diacritics, and fills the same meeting details in both languages', () => {
    for (const vi of vietnamese) {
      expect(vi.text.normalize('NFD'), vi.id).toMatch(/\p{M}/u);
      const en = english.find((t) => t.group === vi.group)!;
      expect(vi.text).not.toBe(en.text);
      const knownIn = (t: TemplateFields) => placeholderNames(t.text).filter((n) => known.has(n)).sort();
      expect(knownIn(vi), vi.id).toEqual(knownIn(en));
    }
  });

  it('uses the meeting’s place and date in openings and adoption formulas', () => {
    for (const t of library.filter((x) => x.kind === 'opening' || x.kind === 'adoption')) {
      expect(placeholderNames(t.text), t.id).toEqual(expect.arrayContaining(['meeting.place', 'meeting.date']));
    }
  });

  it('shows each clause’s tags in the reader’s language, English or Vietnamese, whichever version is listed', () => {
    const en = english.find((t) => t.id === 'pp-recognizing-resident-participation-en')!;
    const vi = vietnamese.find((t) => t.group === en.group)!;
    expect(tagsToShow(en, library, 'en')).toEqual(en.tags);
    expect(tagsToShow(vi, library, 'en')).toEqual(en.tags);
    const vietnameseTags = tagsToShow(en, library, 'vi');
    expect(tagsToShow(vi, library, 'vi')).toEqual(vietnameseTags);
    expect(vietnameseTags.length).toBeGreaterThan(0);
    for (const tag of vietnameseTags) expect(en.tags).not.toContain(tag);
    // Across the library: a Vietnamese reader never sees an English tag the English version has.
    for (const template of vietnamese) {
      const sibling = english.find((t) => t.group === template.group)!;
      for (const tag of tagsToShow(template, library, 'vi')) expect(sibling.tags, template.id).not.toContain(tag);
    }
  });
});
