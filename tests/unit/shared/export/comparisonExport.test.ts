import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compareDeclarations, type DeclarationComparison } from '../../../../shared/declaration/compare';
import type { DeclarationSnapshot, SnapshotParagraph, SnapshotSegment } from '../../../../shared/declaration/snapshot';
import { buildComparisonDocx } from '../../../../shared/export/comparisonDocx';
import { buildRedlineExport, type ComparisonExportInput, type RedlineExport } from '../../../../shared/export/comparisonExport';
import { renderComparisonHtml } from '../../../../shared/export/comparisonHtml';
import { formatStampDate } from '../../../../shared/export/printHtml';
import type { ExportLanguage } from '../../../../shared/i18n/exportCatalogue';
import type { ClauseKind, ClauseStatus } from '../../../../shared/model/kinds';

function paragraph(
  clauseId: string,
  kind: ClauseKind,
  label: string | null,
  marker: string | null,
  text: string,
  options: { status?: ClauseStatus; segments?: SnapshotSegment[] } = {},
): SnapshotParagraph {
  return { clauseId, kind, label, marker, text, segments: options.segments ?? [{ type: 'text', text }], status: options.status ?? 'pending' };
}

const BRACKET: SnapshotSegment = {
  type: 'bracket',
  bracketId: 'bracket-1',
  alternatives: [
    { text: 'shall', proposers: ['Ha Noi'] },
    { text: 'should', proposers: ['Bangkok'] },
  ],
};

const REV1: DeclarationSnapshot = {
  paragraphs: [
    paragraph('title', 'title', null, null, 'Phnom Penh Declaration'),
    paragraph('opening', 'opening', null, null, 'We, the Mayors of the ASEAN Capitals,'),
    paragraph('pp1', 'pp', 'PP1', null, 'Recognizing the role of cities;'),
    paragraph('opener', 'operative-opening', null, null, 'Hereby agree to:'),
    paragraph('op1', 'op', 'OP1', '1.', 'Encourage data sharing between cities;'),
    paragraph('op2', 'op', 'OP2', '2.', 'Promote green transport;'),
    paragraph('op3', 'op', 'OP3', '3.', 'Task the secretariat to report.'),
  ],
};

/** OP1 re-worded, OP2 removed (so OP3 becomes OP2), PP1 agreed, a bracket in a new OP3, the opening amended. */
const REV2: DeclarationSnapshot = {
  paragraphs: [
    paragraph('title', 'title', null, null, 'Phnom Penh Declaration'),
    paragraph('opening', 'opening', null, null, 'We, the Governors and Mayors of the ASEAN Capitals,'),
    paragraph('pp1', 'pp', 'PP1', null, 'Recognizing the role of cities;', { status: 'agreed' }),
    paragraph('opener', 'operative-opening', null, null, 'Hereby agree to:'),
    paragraph('op1', 'op', 'OP1', '1.', 'Encourage open data sharing between member cities;'),
    paragraph('op3', 'op', 'OP2', '2.', 'Task the secretariat to report.'),
    paragraph('op4', 'op', 'OP3', '3.', 'Cities [shall / should] publish air quality data.', {
      segments: [{ type: 'text', text: 'Cities ' }, BRACKET, { type: 'text', text: ' publish air quality data.' }],
    }),
  ],
};

const REFERENCE = {
  title: 'Phnom Penh Declaration',
  symbol: 'ASCN/8/DECL/Rev.2',
  distribution: 'General',
  meeting: { title: 'Meeting of ASEAN Capitals', place: 'Phnom Penh, Cambodia', hostCity: 'Phnom Penh', startDate: '2022-12-02', endDate: '2022-12-02' },
};

const FROM = '2022-12-02T09:00:00+07:00';
const TO = '2022-12-02T16:30:00+07:00';

function redline(options: Partial<ComparisonExportInput> = {}): RedlineExport {
  return buildRedlineExport({
    document: REFERENCE,
    from: { label: 'Rev.1', date: FROM },
    to: { label: 'Rev.2', date: TO },
    comparison: compareDeclarations(REV1, REV2),
    changesOnly: false,
    language: 'en',
    ...options,
  });
}

const byLabel = (model: RedlineExport, label: string) => model.paragraphs.find((p) => p.label === label && p.change !== 'removed')!;
const print = (model: RedlineExport) => renderComparisonHtml(model, { paper: 'a4', fonts: [] }).html;
/** The body's markup, without the style sheet and head. */
const bodyOf = (html: string) => html.slice(html.indexOf('<body'));

async function wordParts(model: RedlineExport): Promise<Record<string, string>> {
  const bytes = await buildComparisonDocx(model, { paper: 'a4', date: '2022-12-02T16:30:00+07:00' });
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

/** Each run of a Word part: its text and its properties. */
function runsOf(xml: string): Array<{ text: string; props: string }> {
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((match) => ({
    text: [...(match[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    props: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(match[1] ?? '')?.[1] ?? '',
  }));
}

/** The text of a Word part's paragraphs, one line each. */
function linesOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => runsOf(p[0]).map((r) => r.text).join(''));
}

describe('a redline model of two versions', () => {
  it('marks the words inserted and deleted, and whole paragraphs added or removed', () => {
    const model = redline();
    const op1 = byLabel(model, 'OP1');
    expect(op1.change).toBe('edited');
    expect(op1.words.filter((w) => w.op === 'insert').map((w) => w.text.trim())).toEqual(['open', 'member']);
    expect(op1.words.filter((w) => w.op !== 'insert').map((w) => w.text).join('')).toBe('Encourage data sharing between cities;');
    const removed = model.paragraphs.find((p) => p.change === 'removed')!;
    expect(removed).toMatchObject({ label: 'OP2', tags: ['Removed'], words: [{ op: 'delete', text: 'Promote green transport;' }] });
    expect(byLabel(model, 'OP3')).toMatchObject({ change: 'added', tags: ['Added'], words: [{ op: 'insert', text: 'Cities [shall / should] publish air quality data.' }] });
  });

  it('keeps every paragraph in a full redline, in order, and only the changed ones in a changes-only list', () => {
    const full = redline();
    expect(full.paragraphs.map((p) => p.label ?? p.kind)).toEqual(['title', 'opening', 'PP1', 'operative-opening', 'OP1', 'OP2', 'OP2', 'OP3']);
    const changes = redline({ changesOnly: true });
    // The renumbered OP3 changed nothing of its own: it is not an amendment.
    expect(changes.paragraphs.map((p) => [p.label, p.change])).toEqual([
      [null, 'edited'],
      ['PP1', 'edited'],
      ['OP1', 'edited'],
      ['OP2', 'removed'],
      ['OP3', 'added'],
    ]);
    expect(changes.empty).toBeNull();
  });

  it('names a changed part without a number by what it is, and a renumbered paragraph by both numbers', () => {
    const model = redline();
    expect(model.paragraphs.find((p) => p.kind === 'opening')!.tags).toEqual(['Opening', 'Edited']);
    expect(model.paragraphs.find((p) => p.kind === 'title')!.tags).toEqual([]);
    const renumbered = model.paragraphs.find((p) => p.words.some((w) => w.text.includes('Task the secretariat')))!;
    expect(renumbered).toMatchObject({ label: 'OP2', formerLabel: 'OP3', marker: '2.', change: 'unchanged', tags: [] });
  });

  it('spells out what the words do not show: a status agreed, a bracket and its proposers', () => {
    const model = redline();
    expect(byLabel(model, 'PP1').notes).toEqual(['Status changed from pending to agreed']);
    expect(byLabel(model, 'OP3').notes).toEqual(['Bracket added: [shall / should], proposed by Ha Noi; Bangkok']);
  });

  it('heads every page with both versions and their dates, the symbol and the distribution', () => {
    const model = redline();
    expect(model.header).toEqual({
      left: ['Comparison · Phnom Penh Declaration', 'From Rev.1 (2 December 2022, 09:00) to Rev.2 (2 December 2022, 16:30)'],
      right: ['ASCN/8/DECL/Rev.2', 'Distribution: General'],
    });
    expect(redline({ changesOnly: true }).header.left[0]).toBe('Comparison, Changes only · Phnom Penh Declaration');
    const current = redline({ to: { label: null, date: '2022-12-03T10:00:00+07:00' }, document: { ...REFERENCE, symbol: null, distribution: null } });
    expect(current.header).toEqual({
      left: ['Comparison · Phnom Penh Declaration', 'From Rev.1 (2 December 2022, 09:00) to Current text (3 December 2022, 10:00)'],
      right: [],
    });
  });

  it.each<[ExportLanguage, string, string, string]>([
    [
      'vi',
      'Từ Rev.1 (ngày 2 tháng 12 năm 2022, 09:00) đến Rev.2 (ngày 2 tháng 12 năm 2022, 16:30)',
      'Trạng thái thay đổi từ đang chờ thành đã thống nhất',
      'Phân phối: General',
    ],
    [
      'km',
      // How Khmer writes a date and a time is the print's (formatStampDate's) to say; the sentence around them is the redline's.
      `ពី Rev.1 (${formatStampDate(FROM, 'km')}) ដល់ Rev.2 (${formatStampDate(TO, 'km')})`,
      'ស្ថានភាពបានផ្លាស់ប្តូរពី កំពុងរង់ចាំ ទៅ បានឯកភាព',
      'ការចែកចាយ: General',
    ],
  ])('is worded in the language asked for (%s)', (language, between, statusNote, distribution) => {
    const model = redline({ language });
    expect(model.between).toBe(between);
    expect(byLabel(model, 'PP1').notes).toEqual([statusNote]);
    expect(model.header.right).toEqual(['ASCN/8/DECL/Rev.2', distribution]);
  });

  it('says so when nothing changed, rather than printing an empty list', () => {
    const same = redline({ comparison: compareDeclarations(REV1, REV1), changesOnly: true });
    expect(same.paragraphs).toEqual([]);
    expect(same.empty).toBe('No paragraph changed between these versions.');
    expect(same.summary).toBe('No differences: the two versions have the same text, brackets and statuses.');
    expect(bodyOf(print(same))).toContain('No paragraph changed between these versions.');
  });
});

describe('the redline as print HTML', () => {
  it('underlines inserted words and strikes deleted ones, so the marks survive black-and-white printing', () => {
    const html = print(redline());
    const body = bodyOf(html);
    expect(body).toContain('Encourage <ins>open </ins>data sharing between <ins>member </ins>cities;');
    expect(body).toContain('<del>Promote green transport;</del>');
    expect(html).toMatch(/\bins \{[^}]*text-decoration: underline/);
    expect(html).toMatch(/\bdel \{[^}]*text-decoration: line-through/);
    // A bar beside each changed paragraph, drawn as a line rather than a tint.
    expect(html).toMatch(/\.entry\.changed::before \{[^}]*border-left: [\d.]+pt solid #000/);
    expect(body.match(/class="entry changed/g)).toHaveLength(5);
  });

  it('parts a replaced word from the word replacing it by a gap, not by a space added to the text', () => {
    const before = { paragraphs: [paragraph('op1', 'op', 'OP1', '1.', 'Share data between cities;')] };
    const after = { paragraphs: [paragraph('op1', 'op', 'OP1', '1.', 'Share data among cities;')] };
    const html = print(redline({ comparison: compareDeclarations(before, after) }));
    expect(bodyOf(html)).toContain('Share data <del>between</del><ins class="abut">among</ins> cities;');
    expect(html).toMatch(/\.abut \{ margin-left: [\d.]+em; \}/);
    // Words inserted after a space need no gap.
    expect(bodyOf(print(redline()))).not.toContain('class="abut"');
  });

  it('prints the labels in the negotiation draft’s column, a renumbered one beside its former number struck through', () => {
    const body = bodyOf(print(redline()));
    expect(body).toContain('<span class="note"><span class="label">OP1</span></span><span class="marker">1.</span>');
    expect(body).toContain('<span class="note"><span class="label former"><del>OP3</del></span><span class="label">OP2</span></span><span class="marker">2.</span>Task');
    expect(body).toContain('<p class="tags">Opening · Edited</p>');
  });

  it('puts both versions, the symbol and distribution in the header and "Page X of Y" in the footer of every page', () => {
    const html = print(redline());
    const page = /@page \{[\s\S]*?\n\}/.exec(html)?.[0] ?? '';
    expect(page).toContain('@top-left { content: "Comparison · Phnom Penh Declaration\\A From Rev.1 (2 December 2022, 09:00) to Rev.2 (2 December 2022, 16:30)"');
    expect(page).toContain('@top-right { content: "ASCN/8/DECL/Rev.2\\A Distribution: General"');
    expect(page).toContain('@bottom-center { content: "Page " counter(page) " of " counter(pages)');
  });

  it('lists only the changed paragraphs when asked, and says it is a list of changes', () => {
    const body = bodyOf(print(redline({ changesOnly: true })));
    expect(body).toContain('<p class="between">Changes only</p>');
    expect(body).not.toContain('Task the secretariat');
    expect(body).not.toContain('Hereby agree to');
  });
});

describe('the redline as a Word file', () => {
  it('sets inserted words underlined and deleted words struck through, in runs of their own', async () => {
    const parts = await wordParts(redline());
    const runs = runsOf(parts['word/document.xml']!);
    const run = (text: string) => runs.find((r) => r.text === text)!;
    expect(run('open ').props).toContain('<w:u w:val="single"/>');
    expect(run('member ').props).toContain('<w:u w:val="single"/>');
    expect(run('Promote green transport;').props).toContain('<w:strike/>');
    expect(run('Encourage ').props).not.toMatch(/<w:u |<w:strike\/>/);
    // The former number of a renumbered paragraph is struck through too.
    expect(run('OP3').props).toContain('<w:strike/>');
    expect(linesOf(parts['word/document.xml']!)).toEqual(
      expect.arrayContaining(['1.\tOP1 Encourage open data sharing between member cities;', 'Removed', '2.\tOP2 Promote green transport;', '– Status changed from pending to agreed']),
    );
  });

  it('heads every page with both versions, the symbol and distribution, and ends it with "Page X of Y"', async () => {
    const parts = await wordParts(redline());
    const rels = parts['word/_rels/document.xml.rels']!;
    const partOf = (kind: 'header' | 'footer') => parts[`word/${new RegExp(`Target="(${kind}\\d+\\.xml)"`).exec(rels)![1]}`]!;
    expect(linesOf(partOf('header'))).toEqual([
      'ASCN/8/DECL/Rev.2Distribution: General',
      'Comparison · Phnom Penh Declaration',
      'From Rev.1 (2 December 2022, 09:00) to Rev.2 (2 December 2022, 16:30)',
    ]);
    const footer = partOf('footer');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(linesOf(footer).join('')).toMatch(/^Page .* of /);
  });

  it('lists only the changed paragraphs when asked', async () => {
    const lines = linesOf((await wordParts(redline({ changesOnly: true })))['word/document.xml']!);
    expect(lines).toContain('Changes only');
    expect(lines.some((line) => line.includes('Task the secretariat'))).toBe(false);
    expect(lines.some((line) => line.includes('Promote green transport'))).toBe(true);
  });
});

/** The comparison this file builds on, checked once: if it changes, the expectations above are moot. */
describe('the comparison under the redline', () => {
  it('sees OP2 removed, OP3 renumbered, a new OP3 and three edits', () => {
    const comparison: DeclarationComparison = compareDeclarations(REV1, REV2);
    expect(comparison.counts).toEqual({ added: 1, removed: 1, edited: 3, moved: 0, unchanged: 3 });
  });
});
