import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExportAgenda, renderAgendaHtml } from '../../../../shared/export/agendaHtml';
import type { ExportDeclaration, ExportStamp } from '../../../../shared/export/exportModel';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { cssString, type PrintFont, renderPrintHtml, SANS_STACK, SERIF_STACK } from '../../../../shared/export/printHtml';
import { readExportDeclaration, withLeadWords } from '../../../../shared/export/readExportDeclaration';
import { addAgendaItem } from '../../../../shared/model/agenda';
import { writeMeetingMeta } from '../../../../shared/model/meetingDoc';
import { SAMPLE_MEETING, sampleStatuses, writeSampleDeclaration } from '../../../fixtures/exportSample';

const FONTS: PrintFont[] = [
  { family: 'Noto Serif', weight: 400, style: 'normal', url: 'data:font/woff2;base64,AAAA', unicodeRange: 'U+0000-00FF' },
  { family: 'Noto Serif Khmer', weight: 400, style: 'normal', url: 'data:font/woff2;base64,BBBB' },
];
const STAMP: ExportStamp = { versionLabel: 'Second reading', date: '2022-12-02T14:05:00+07:00', language: 'en' };
const BUNDLED = ['Noto Serif', 'Noto Sans', 'Noto Serif Khmer', 'Noto Serif Thai', 'Noto Serif Lao', 'Noto Serif Myanmar'];

function sample(): ExportDeclaration {
  const doc = new Y.Doc();
  writeSampleDeclaration(doc);
  return readExportDeclaration(doc, { title: 'Phnom Penh Declaration', meeting: SAMPLE_MEETING }, sampleStatuses(doc));
}

const print = (model: ExportDeclaration, mode: 'final' | 'negotiation', stamp: ExportStamp = STAMP) =>
  renderPrintHtml(model, { mode, paper: 'a4', stamp, fonts: FONTS });

/** The visible text of the body: tags, styles and attributes removed. */
const bodyText = (html: string) =>
  html
    .slice(html.indexOf('<body'))
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('readExportDeclaration', () => {
  it('reads kinds, numbers, labels, statuses, lead words, formats and brackets in order', () => {
    const model = sample();
    expect(model.title).toBe('Phnom Penh Declaration');
    expect(model.meeting.place).toBe('Phnom Penh, Cambodia');
    expect(model.paragraphs.map((p) => [p.kind, p.label, p.marker, p.status])).toEqual([
      ['title', null, null, 'pending'],
      ['opening', null, null, 'pending'],
      ['pp', 'PP1', null, 'agreed'],
      ['pp', 'PP2', null, 'pending'],
      ['pp', 'PP3', null, 'pending'],
      ['pp', 'PP4', null, 'pending'],
      ['operative-opening', null, null, 'pending'],
      ['op', 'OP1', '1.', 'ad-referendum'],
      ['op', 'OP2', '2.', 'pending'],
      ['sub', 'OP2(a)', '(a)', 'pending'],
      ['sub', 'OP2(b)', '(b)', 'agreed'],
      ['op', 'OP3', '3.', 'pending'],
      ['op', 'OP4', '4.', 'pending'],
      ['adoption', null, null, 'pending'],
    ]);
    const op1 = model.paragraphs[7]!;
    expect(op1.inlines).toEqual([
      { type: 'run', run: { text: 'Encourage', lead: true } },
      { type: 'run', run: { text: ' member cities that they ' } },
      {
        type: 'bracket',
        bracketId: expect.any(String),
        alternatives: [
          { runs: [{ text: 'shall' }], proposers: ['Ha Noi', 'Phnom Penh'] },
          { runs: [{ text: 'should' }], proposers: ['Vientiane'] },
        ],
      },
      { type: 'run', run: { text: ' publish ' } },
      { type: 'run', run: { text: 'open data', bold: true } },
      { type: 'run', run: { text: ' on air quality;' } },
    ]);
    expect(model.paragraphs[10]!.inlines[2]).toEqual({ type: 'run', run: { text: 'capacity', underline: true } });
  });

  it('never writes to the document it reads', () => {
    const doc = new Y.Doc();
    writeSampleDeclaration(doc);
    const before = Y.encodeStateVector(doc);
    readExportDeclaration(doc, { title: 'x', meeting: SAMPLE_MEETING });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('marks lead words the editor has not shaped, as the editor would', () => {
    // As a peer whose editor had not run the lead-word rule wrote it.
    const plain = [{ type: 'run' as const, run: { text: 'Bearing in mind the goals;' } }];
    expect(withLeadWords(plain, 'pp')).toEqual([
      { type: 'run', run: { text: 'Bearing in mind', lead: true } },
      { type: 'run', run: { text: ' the goals;' } },
    ]);
    expect(withLeadWords(plain, 'opening')).toBe(plain);
    const shaped = [{ type: 'run' as const, run: { text: 'Noting', lead: true } }, { type: 'run' as const, run: { text: ' that' } }];
    expect(withLeadWords(shaped, 'pp')).toBe(shaped);
  });
});

describe('renderPrintHtml', () => {
  it('final: the clean text, with no brackets, proposers, labels, statuses or watermark', () => {
    const doc = print(sample(), 'final');
    const text = bodyText(doc.html);
    expect(text).toContain('Encourage member cities that they shall publish open data on air quality;');
    for (const absent of ['[', 'should', 'Vientiane', 'PP1', 'OP2(a)', 'pending', 'agreed', 'ad ref', 'DRAFT']) expect(text).not.toContain(absent);
    expect(doc.html).not.toContain('class="watermark"');
    expect(doc.html).not.toContain('class="note"');
    expect(doc.html).not.toContain('DRAFT');
    // Header: the meeting; footer: Page X of Y, as page-margin boxes.
    expect(doc.html).toContain(`@top-left { content: "${SAMPLE_MEETING.title}"`);
    expect(doc.html).toContain('@bottom-center { content: "Page " counter(page) " of " counter(pages)');
    expect(doc.headerTemplate).toBeNull();
    expect(doc.title).toBe('Phnom Penh Declaration');
  });

  it('negotiation: labels, status marks, brackets with proposers, the watermark and the draft header', () => {
    const doc = print(sample(), 'negotiation');
    const text = bodyText(doc.html);
    expect(text).toContain('Encourage member cities that they [shall / should] (Ha Noi, Phnom Penh / Vientiane) publish open data on air quality;');
    for (const label of ['PP1', 'PP4', 'OP1', 'OP2(a)', 'OP2(b)', 'OP4']) expect(doc.html).toContain(`<span class="label">${label}</span>`);
    expect(doc.html).toContain('<span class="status status-ad-referendum">ad ref.</span>');
    expect(doc.html).toContain('<span class="status status-agreed">agreed</span>');
    expect(doc.html).toContain('class="watermark" aria-hidden="true"');
    expect(doc.html).toContain('position: fixed');
    expect(doc.html).toContain('@top-left { content: "DRAFT · Phnom Penh Declaration"');
    expect(doc.html).toContain('@top-right { content: "Version: Second reading · 2 December 2022, 14:05"');
    expect(doc.subject).toContain('DRAFT');
  });

  it('numbers OPs and letters sub-paragraphs with hanging indents, and keeps lead-ins with what follows', () => {
    const { html } = print(sample(), 'final');
    expect(html).toMatch(/<p class="op keep"><span class="marker">1\.<\/span><span class="lead"><em>|<p class="op keep"><span class="marker">1\.<\/span><span class="lead">Encourage/);
    expect(html).toContain('<p class="op keep lead-in"><span class="marker">2.</span>');
    expect(html).toContain('<p class="sub keep"><span class="marker">(a)</span>');
    expect(html).toMatch(/\.op, \.number, \.bullet \{ padding-left: 2\.2em; text-indent: -2\.2em; \}/);
    expect(html).toMatch(/\.sub \{ padding-left: calc\(2\.2em \+ 2\.2em\); text-indent: -2\.2em; \}/);
    expect(html).toContain('orphans: 2; widows: 2;');
    expect(html).toMatch(/\.opening \{[^}]*break-after: avoid/);
    expect(html).toMatch(/\.operative-opening \{[^}]*break-after: avoid/);
    expect(html).toContain('<h1 class="title keep">Phnom Penh Declaration on Liveable and Sustainable Cities</h1>');
    // The title block: meeting, place, dates.
    expect(html).toContain('<header class="title-block"><p class="meeting">Meeting of Governors and Mayors of ASEAN Capitals</p><p class="place">Phnom Penh, Cambodia</p><p class="dates">2 December 2022</p></header>');
  });

  it('tags Khmer and Thai paragraphs with their language and sets them upright', () => {
    const { html } = print(sample(), 'final');
    expect(html).toMatch(/<p class="pp keep" lang="km">/);
    expect(html).toMatch(/<p class="op keep" lang="th">/);
    expect(html).toContain('[lang="km"] .lead');
  });

  it('names only bundled font families, with no generic or system fallback', () => {
    for (const mode of ['final', 'negotiation'] as const) {
      const { html } = print(sample(), mode);
      const families = [...html.matchAll(/font-family:\s*([^;}]+)/g)].flatMap((m) => m[1]!.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')));
      expect(families.length).toBeGreaterThan(3);
      for (const family of families) expect(BUNDLED, family).toContain(family);
    }
    expect(SERIF_STACK).not.toMatch(/serif\s*$/);
    expect(SANS_STACK.startsWith("'Noto Sans'")).toBe(true);
    const { html } = print(sample(), 'final');
    expect(html).toContain('@font-face { font-family: "Noto Serif"; font-style: normal; font-weight: 400; font-display: block; src: url("data:font/woff2;base64,AAAA") format(\'woff2\'); unicode-range: U+0000-00FF; }');
  });

  it('localises the page furniture in Vietnamese', () => {
    const doc = print(sample(), 'negotiation', { ...STAMP, versionLabel: null, language: 'vi' });
    expect(doc.html).toContain('"Trang " counter(page) " / " counter(pages)');
    expect(doc.html).toContain('content: "DỰ THẢO · Phnom Penh Declaration"');
    expect(doc.html).toContain('content: "Văn bản hiện tại · ngày 2 tháng 12 năm 2022, 14:05"');
    expect(doc.html).toContain('<html lang="vi">');
  });

  it('escapes what it prints, in the HTML and in the CSS', () => {
    const model = sample();
    model.title = 'A </style><script>alert(1)</script> "title"';
    model.meeting.title = 'Meeting "x" \\ </style>';
    const { html } = print(model, 'negotiation');
    expect(html).not.toContain('<script>');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5C c\\3C /style\\3E "');
  });

  it('sizes the page for Letter', () => {
    const doc = renderPrintHtml(sample(), { mode: 'final', paper: 'letter', stamp: STAMP, fonts: FONTS });
    expect(doc.html).toContain('size: letter;');
    expect(doc.paper).toBe('letter');
  });
});

describe('renderMarkdown', () => {
  it('final: the clean text, numbered', () => {
    const md = renderMarkdown(sample(), 'final', STAMP);
    expect(md).toContain('# Phnom Penh Declaration on Liveable and Sustainable Cities');
    expect(md).toContain('*Recognizing* the necessity of cooperation');
    expect(md).toContain('1. *Encourage* member cities that they shall publish **open data** on air quality;');
    expect(md).toContain('   (a) *Tăng* cường năng lực của chính quyền địa phương;');
    expect(md).toContain('the <u>capacity</u> of local governments');
    expect(md).not.toMatch(/should|Vientiane|PP1|DRAFT|\\\[/);
    // No italics for a Khmer lead.
    expect(md).toContain('\n\nទទួលស្គាល់');
  });

  it('negotiation: labels, statuses, brackets and proposers', () => {
    const md = renderMarkdown(sample(), 'negotiation', STAMP);
    expect(md).toContain('> **DRAFT** · Phnom Penh Declaration · Version: Second reading · 2 December 2022, 14:05');
    expect(md).toContain('1. `OP1 · agreed ad referendum` *Encourage* member cities that they \\[shall / should\\] *(Ha Noi, Phnom Penh / Vientiane)* publish');
    expect(md).toContain('   (b) `OP2(b) · agreed` *Strengthen*');
  });
});

describe('renderAgendaHtml', () => {
  it('prints a table per day with the computed times', () => {
    const doc = new Y.Doc();
    writeMeetingMeta(doc, { ...SAMPLE_MEETING, endDate: '2022-12-03', createdAt: 1 });
    const item = { kind: 'session' as const, presenter: 'Ha Noi', day: '2022-12-02', start: null, durationMinutes: 45, documentId: null };
    addAgendaItem(doc, 'item-0001', { ...item, kind: 'opening', title: 'Opening <remarks>', durationMinutes: 30 });
    addAgendaItem(doc, 'item-0002', { ...item, title: 'Phiên thảo luận' });
    addAgendaItem(doc, 'item-0003', { ...item, day: '2022-12-03', start: '14:00', title: 'Adoption', kind: 'adoption' });
    const agenda = buildExportAgenda(doc, { id: 'meeting-0001', createdAt: 1, ...SAMPLE_MEETING, endDate: '2022-12-03' });
    expect(agenda.days.map((d) => [d.day, d.rows.map((r) => `${r.number} ${r.start}–${r.end} ${r.title}`)])).toEqual([
      ['2022-12-02', ['1 540–570 Opening <remarks>', '2 570–615 Phiên thảo luận']],
      ['2022-12-03', ['3 840–885 Adoption']],
    ]);
    const { html, title, headings } = renderAgendaHtml(agenda, { paper: 'a4', language: 'vi', date: '2022-12-01T10:00:00+07:00', fonts: FONTS });
    expect(title).toBe('Meeting of Governors and Mayors of ASEAN Capitals – Chương trình nghị sự');
    expect(headings).toEqual(['Meeting of Governors and Mayors of ASEAN Capitals', 'ngày 2 tháng 12 năm 2022', 'ngày 3 tháng 12 năm 2022']);
    expect(html.match(/<table>/g)).toHaveLength(2);
    expect(html).toContain('<td class="title">Opening &lt;remarks&gt;</td>');
    expect(html).toContain('<td class="kind">Khai mạc</td>');
    expect(html).toContain('"Trang " counter(page) " / " counter(pages)');
    expect(html).toContain('<td class="time"><span>09:00</span>–<wbr><span>09:30</span></td>');
    expect(html).toContain('<td class="time"><span>14:00</span>–<wbr><span>14:45</span></td>');
  });

  it('writes every time as the export’s language does, one way throughout: 24-hour in English, 12-hour in Khmer', () => {
    const doc = new Y.Doc();
    writeMeetingMeta(doc, { ...SAMPLE_MEETING, createdAt: 1 });
    const item = { kind: 'session' as const, presenter: '', day: '2022-12-02', documentId: null };
    addAgendaItem(doc, 'item-0001', { ...item, title: 'Morning', start: '09:00', durationMinutes: 30 });
    addAgendaItem(doc, 'item-0002', { ...item, title: 'Afternoon', start: '13:30', durationMinutes: 45 });
    addAgendaItem(doc, 'item-0003', { ...item, title: 'Night', start: '23:30', durationMinutes: 60 });
    const agenda = buildExportAgenda(doc, { id: 'meeting-0001', createdAt: 1, ...SAMPLE_MEETING });
    const times = (language: 'en' | 'km') =>
      [...renderAgendaHtml(agenda, { paper: 'a4', language, date: '2022-12-01T10:00:00+07:00', fonts: FONTS }).html.matchAll(/<td class="time">(.*?)<\/td>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, ''),
      );
    expect(times('en')).toEqual(['09:00–09:30', '13:30–14:15', '23:30–00:30 (+1)']);
    expect(times('km')).toEqual(['9:00 AM–9:30 AM', '1:30 PM–2:15 PM', '11:30 PM–12:30 AM (+1)']);
    // The time it was printed, in the page header, too.
    const printed = (language: 'en' | 'km') =>
      renderAgendaHtml(agenda, { paper: 'a4', language, date: '2022-12-01T15:05:00+07:00', fonts: FONTS }).html.match(/@top-right \{ content: "([^"]*)"/)?.[1];
    expect(printed('en')).toMatch(/, 15:05$/);
    expect(printed('km')).toMatch(/, 3:05 PM$/);
  });
});
