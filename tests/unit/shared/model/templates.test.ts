import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, parseTemplateFile } from '../../../../shared/model/templateFile';
import {
  fillTemplate,
  formatMeetingDates,
  meetingTemplateContext,
  parseTemplateText,
  PlaceholderSyntaxError,
  placeholderNames,
  searchTemplates,
  TemplateDraft,
  type TemplateFields,
} from '../../../../shared/model/templates';

function syntaxError(text: string): PlaceholderSyntaxError {
  try {
    parseTemplateText(text);
  } catch (error) {
    if (error instanceof PlaceholderSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error in ${JSON.stringify(text)}`);
}

describe('placeholders in a template', () => {
  it('splits text and placeholders, with names tidied of surrounding spaces', () => {
    expect(parseTemplateText('Adopted in {{meeting.place}}, on {{ meeting.date }}.')).toEqual([
      { type: 'text', text: 'Adopted in ' },
      { type: 'placeholder', name: 'meeting.place' },
      { type: 'text', text: ', on ' },
      { type: 'placeholder', name: 'meeting.date' },
      { type: 'text', text: '.' },
    ]);
  });

  it('accepts names in any script, with spaces, digits, dots, hyphens and underscores', () => {
    expect(placeholderNames('{{năm mục tiêu}} {{target  year}} {{step_2-b.x}} {{năm mục tiêu}}')).toEqual([
      'năm mục tiêu',
      'target year',
      'step_2-b.x',
    ]);
  });

  it('leaves single braces alone as ordinary text', () => {
    expect(parseTemplateText('a {b} c } { d')).toEqual([{ type: 'text', text: 'a {b} c } { d' }]);
  });

  it('says where a “{{” is never closed', () => {
    const error = syntaxError('Recognizing the {{meeting.title');
    expect(error).toMatchObject({ problem: 'unclosed', offset: 16, line: 1, column: 17 });
    expect(error.message).toBe('Line 1, column 17: “{{” is never closed with “}}”.');
  });

  it('says where a stray “}}” is, counting lines and columns', () => {
    const error = syntaxError('First line,\nsecond }} line');
    expect(error).toMatchObject({ problem: 'stray-close', offset: 19, line: 2, column: 8 });
  });

  it('refuses an empty placeholder', () => {
    expect(syntaxError('on {{ }}.')).toMatchObject({ problem: 'empty-name', offset: 3, line: 1, column: 4 });
  });

  it('refuses a placeholder opened inside another', () => {
    expect(syntaxError('{{meeting {{place}}')).toMatchObject({ problem: 'nested-open', offset: 10, column: 11 });
  });

  it('names the character a placeholder name may not hold, and where it is', () => {
    const error = syntaxError('Reduce by {{percent%}}');
    expect(error).toMatchObject({ problem: 'invalid-name', offset: 19, line: 1, column: 20 });
    expect(error.message).toContain('“%”');
    expect(syntaxError('{{a\nb}}')).toMatchObject({ problem: 'invalid-name', line: 1, column: 4 });
  });

  it('counts columns in characters a person sees, after Vietnamese text', () => {
    // "Thành phố " is 10 characters; the placeholder starts at column 11 either way.
    expect(syntaxError('Thành phố {{x')).toMatchObject({ line: 1, column: 11 });
    expect(syntaxError('😀 {{x')).toMatchObject({ offset: 3, column: 3 });
  });
});

describe('filling a template from the meeting', () => {
  const meeting = {
    title: 'Meeting of Governors and Mayors of ASEAN Capitals',
    place: 'Vientiane, Lao PDR',
    hostCity: 'Vientiane',
    startDate: '2024-11-07',
    endDate: '2024-11-08',
  };

  it('fills the placeholders it knows and leaves the others as fields to fill in', () => {
    const context = meetingTemplateContext(meeting, { language: 'en' });
    expect(fillTemplate('Adopted in {{meeting.place}}, on {{meeting.date}}, by {{target year}}.', context)).toEqual([
      { type: 'text', text: 'Adopted in Vientiane, Lao PDR, on 7–8 November 2024, by ' },
      { type: 'field', name: 'target year' },
      { type: 'text', text: '.' },
    ]);
  });

  it('keeps a placeholder as a field when its value is missing or blank', () => {
    expect(fillTemplate('{{delegation}} and {{meeting.title}}', { delegation: '  ', 'meeting.title': undefined })).toEqual([
      { type: 'field', name: 'delegation' },
      { type: 'text', text: ' and ' },
      { type: 'field', name: 'meeting.title' },
    ]);
  });

  it('matches a known name whatever its case', () => {
    expect(fillTemplate('{{Meeting.HostCity}}', { 'meeting.hostCity': 'Hà Nội' })).toEqual([{ type: 'text', text: 'Hà Nội' }]);
  });

  it('writes dates as declarations do, in English and in Vietnamese', () => {
    expect(formatMeetingDates('2022-12-02', '2022-12-02', 'en')).toBe('2 December 2022');
    expect(formatMeetingDates('2022-11-30', '2022-12-02', 'en')).toBe('30 November – 2 December 2022');
    expect(formatMeetingDates('2022-12-02', '2022-12-02', 'vi')).toBe('ngày 2 tháng 12 năm 2022');
    expect(formatMeetingDates('2024-11-07', '2024-11-08', 'vi')).toBe('từ ngày 7 đến ngày 8 tháng 11 năm 2024');
    const vi = meetingTemplateContext(meeting, { language: 'vi', delegation: 'Hà Nội' });
    expect(fillTemplate('Thông qua tại {{meeting.place}}, {{meeting.startDate}}. {{delegation}}', vi)).toEqual([
      { type: 'text', text: 'Thông qua tại Vientiane, Lao PDR, ngày 7 tháng 11 năm 2024. Hà Nội' },
    ]);
  });
});

describe('searching templates', () => {
  const t = (id: string, title: string, tags: string[], text: string, language: 'en' | 'vi' = 'en', kind: TemplateFields['kind'] = 'op'): TemplateFields => ({
    id,
    kind,
    title,
    tags,
    language,
    text,
  });
  const templates = [
    t('mentions-health', 'Expand public transport', ['transport'], 'Expand transport, which is good for health;'),
    t('about-health', 'Expand primary care', ['health', 'wellbeing'], 'Expand primary care in underserved neighbourhoods;'),
    t('vi-city', 'Nhận thức: thành phố', ['đô thị'], 'Nhận thức rằng các thành phố đang phát triển,', 'vi', 'pp'),
    t('dien-bien', 'Điện Biên', ['lịch sử'], 'Tại Điện Biên,', 'vi', 'pp'),
  ];

  it('finds Vietnamese text typed without accents', () => {
    expect(searchTemplates(templates, 'thanh pho').map((x) => x.id)).toEqual(['vi-city']);
    expect(searchTemplates(templates, 'dien bien').map((x) => x.id)).toEqual(['dien-bien']);
    expect(searchTemplates(templates, 'THÀNH Phố').map((x) => x.id)).toEqual(['vi-city']);
  });

  it('ranks a template tagged with the word above one that only mentions it', () => {
    expect(searchTemplates(templates, 'health').map((x) => x.id)).toEqual(['about-health', 'mentions-health']);
  });

  it('needs every word of the query to match somewhere', () => {
    expect(searchTemplates(templates, 'expand care').map((x) => x.id)).toEqual(['about-health']);
    expect(searchTemplates(templates, 'expand nothing-like-this')).toEqual([]);
  });

  it('returns everything, in the given order, for an empty query; filters by language and kind', () => {
    expect(searchTemplates(templates, '   ').map((x) => x.id)).toEqual(templates.map((x) => x.id));
    expect(searchTemplates(templates, '', { language: 'vi' }).map((x) => x.id)).toEqual(['vi-city', 'dien-bien']);
    expect(searchTemplates(templates, 'expand', { kind: 'pp' })).toEqual([]);
    expect(searchTemplates(templates, '', { kind: ['op'] }).map((x) => x.id)).toEqual(['mentions-health', 'about-health']);
  });

  it('keeps the given order among equally good matches', () => {
    expect(searchTemplates(templates, 'expand').map((x) => x.id)).toEqual(['mentions-health', 'about-health']);
  });
});

describe('a template as a drafter saves it', () => {
  it('lower-cases and de-duplicates tags, and refuses text with a broken placeholder, saying where', () => {
    const ok = TemplateDraft.parse({ kind: 'pp', title: ' Mine ', tags: ['Health', 'health', 'Môi Trường'], language: 'vi', text: 'Nhận thức {{x}},' });
    expect(ok.tags).toEqual(['health', 'môi trường']);
    expect(ok.title).toBe('Mine');
    const bad = TemplateDraft.safeParse({ kind: 'pp', title: 'Mine', tags: [], language: 'en', text: 'Noting {{x' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['text'], message: 'Line 1, column 8: “{{” is never closed with “}}”.' });
  });
});

describe('reading a template file', () => {
  const entry = { id: 'op-one', kind: 'op', title: 'One', tags: ['x'], language: 'en', text: 'Encourage {{y}};' };

  it('accepts a good file', () => {
    const check = parseTemplateFile(JSON.stringify({ version: 1, templates: [entry] }));
    expect(check).toMatchObject({ ok: true, file: { templates: [{ id: 'op-one' }] } });
  });

  it('accepts a file saved with a byte order mark', () => {
    expect(parseTemplateFile('\uFEFF' + JSON.stringify({ version: 1, templates: [] })).ok).toBe(true);
  });

  it('says on which line and column the JSON breaks', () => {
    const text = '{\n  "version": 1,\n  "templates": [\n    { "id": "a", },\n  ]\n}';
    const check = parseTemplateFile(text);
    expect(check).toEqual({ ok: false, problems: ['The file is not valid JSON: line 4, column 18: a comma before “}” (remove the trailing comma).'] });
    expect(parseTemplateFile('{"version": 1, "templates": [')).toEqual({
      ok: false,
      problems: ['The file is not valid JSON: line 1, column 30: expected a value, the file ends.'],
    });
  });

  it('locates the common JSON mistakes', () => {
    expect(findJsonSyntaxError("{'a': 1}")).toEqual({ offset: 1, message: 'expected a property name in double quotes, found “\'”' });
    expect(findJsonSyntaxError('{"a": "x\ny"}')?.offset).toBe(8);
    expect(findJsonSyntaxError('{"a": 1 "b": 2}')?.message).toBe('expected “,” or “}”, found “"”');
    expect(findJsonSyntaxError('[1] x')?.offset).toBe(4);
    expect(findJsonSyntaxError('')?.message).toBe('the file is empty');
    expect(findJsonSyntaxError('{"a": [1, 2.5e3, true, null, "\\u00e9"]}')).toBeNull();
  });

  it('names the template (by number and id) and the field that is wrong', () => {
    const check = parseTemplateFile(
      JSON.stringify({
        version: 1,
        templates: [entry, { ...entry, id: 'op-two', kind: 'paragraph' }, { ...entry, id: 'op-three', text: 'Encourage {{ }};' }, { ...entry, lang: 'en', id: 'op-four' }],
      }),
    );
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems;
    expect(problems).toEqual([
      'Template 2 (“op-two”), field “kind”: Use one of: title, opening, pp, operative-opening, op, sub, adoption.',
      'Template 3 (“op-three”), field “text”: Line 1, column 11: a placeholder needs a name between “{{” and “}}”.',
      'Template 4 (“op-four”): Unrecognized key: "lang"',
    ]);
  });

  it('refuses two templates with the same id in one file', () => {
    const check = parseTemplateFile(JSON.stringify({ version: 1, templates: [entry, entry] }));
    expect(check).toEqual({ ok: false, problems: ['Template 2 (“op-one”), field “id”: Template 1 already uses the id “op-one”.'] });
  });

  it('refuses a file of another format or version', () => {
    const check = parseTemplateFile(JSON.stringify({ version: 2, templates: [] }));
    expect(check).toEqual({ ok: false, problems: ['Field “version”: This file is not an Accord template file of version 1 (“version”: 1).'] });
  });
});
