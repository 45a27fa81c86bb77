import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
// fflate is the zip library docx itself packs with, so it is there whenever docx is.
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeclarationDocx, formatDate } from '../../../../shared/export/docx';
import type { ExportDeclaration, ExportMode, ExportPaper, ExportParagraph, ExportStamp } from '../../../../shared/export/exportModel';
import { KHMER, THAI, exportFixture, lead, paragraph, paragraphText, run } from './exportFixture';

const OUT_DIR = resolve('test-results/export');
const STAMP_EN: ExportStamp = { versionLabel: 'Rev.2', date: '2025-03-14T10:00:00Z', language: 'en' };
const STAMP_VI: ExportStamp = { ...STAMP_EN, language: 'vi' };
const STATUS_EN = { pending: '', 'ad-referendum': ' [agreed ad referendum]', agreed: ' [agreed]' } as const;
const STATUS_VI = { pending: '', 'ad-referendum': ' [đã thống nhất ad referendum]', agreed: ' [đã thống nhất]' } as const;

// ---------------------------------------------------------------------------------------------
// Reading the package back

type Parts = Record<string, string>;

async function build(model: ExportDeclaration, mode: ExportMode, paper: ExportPaper = 'a4', stamp = STAMP_EN): Promise<{ bytes: Uint8Array; parts: Parts }> {
  const bytes = await buildDeclarationDocx(model, { mode, paper, stamp });
  const parts: Parts = {};
  for (const [path, data] of Object.entries(unzipSync(bytes))) parts[path] = strFromU8(data);
  return { bytes, parts };
}

function unescapeXml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

interface XmlRun {
  text: string;
  props: string;
}
interface XmlParagraph {
  style: string | null;
  numPr: { ilvl: number; numId: number } | null;
  runs: XmlRun[];
  text: string;
}

function paragraphsOf(xml: string): XmlParagraph[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((match) => {
    const inner = match[1] ?? match[2] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(inner)?.[1] ?? null;
    const num = /<w:numPr><w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(inner);
    const runs = [...inner.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => {
      const body = r[1] ?? '';
      const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1] ?? '')).join('');
      return { text, props: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '' };
    });
    return {
      style,
      numPr: num ? { ilvl: Number(num[1]), numId: Number(num[2]) } : null,
      runs,
      text: runs.map((r) => r.text).join(''),
    };
  });
}

function textOf(xml: string): string {
  return paragraphsOf(xml)
    .map((p) => p.text)
    .join('\n');
}

/** The part a relationship of the document points at, e.g. its default header. */
function headerFooterPart(parts: Parts, kind: 'header' | 'footer'): string {
  const sectPr = /<w:sectPr[\s\S]*<\/w:sectPr>/.exec(parts['word/document.xml'] ?? '')?.[0] ?? '';
  const id = new RegExp(`<w:${kind}Reference w:type="default" r:id="([^"]+)"/>`).exec(sectPr)?.[1];
  expect(id, `default ${kind} reference`).toBeTruthy();
  const rels = parts['word/_rels/document.xml.rels'] ?? '';
  const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  expect(target, `${kind} relationship target`).toBeTruthy();
  const part = parts[`word/${target}`];
  expect(part, `word/${target}`).toBeDefined();
  return part!;
}

const KIND_STYLE = {
  title: 'Title',
  opening: 'Opening',
  pp: 'Preamble',
  'operative-opening': 'OperativeOpening',
  op: 'Operative',
  sub: 'OperativeSub',
  adoption: 'Adoption',
} as const;

function expectedStyle(p: ExportParagraph): string | null {
  if (p.kind) return KIND_STYLE[p.kind];
  return { paragraph: null, heading1: 'Heading1', heading2: 'Heading2', heading3: 'Heading3', quote: 'Quote', bullet: 'ListBullet', number: 'ListNumber' }[p.block];
}

/** A paragraph as the negotiation draft prints it (without Word's number): label, text, status mark. */
function negotiationText(p: ExportParagraph, status: Record<ExportParagraph['status'], string> = STATUS_EN): string {
  return `${p.label ? `${p.label} ` : ''}${paragraphText(p, 'negotiation')}${status[p.status]}`;
}

/** The fixture plus a third OP with its own sub-paragraph (numbering restarts at (a)) and plain blocks after the adoption. */
function extendedFixture(): ExportDeclaration {
  const model = exportFixture();
  const adoptionAt = model.paragraphs.findIndex((p) => p.kind === 'adoption');
  model.paragraphs.splice(
    adoptionAt,
    0,
    paragraph('op', [lead('Request'), run(' the host city to circulate this Declaration.')], { label: 'OP3', marker: '3.' }),
    paragraph('sub', [lead('Translating'), run(' it into Khmer ('), run(KHMER), run(') and Thai ('), run(THAI), run(');')], { label: 'OP3(a)', marker: '(a)' }),
  );
  model.paragraphs.push(
    paragraph(null, [run('Annex')], { block: 'heading1' }),
    paragraph(null, [run('Participating capitals')], { block: 'heading2' }),
    paragraph(null, [run('Hà Nội')], { block: 'bullet' }),
    paragraph(null, [run('Phnom Penh')], { block: 'bullet' }),
    paragraph(null, [run('Steps')], { block: 'heading3' }),
    paragraph(null, [run('Prepare the report')], { block: 'number', marker: '1.' }),
    paragraph(null, [run('Circulate the report')], { block: 'number', marker: '2.' }),
    paragraph(null, [run('Then, separately:')]),
    paragraph(null, [run('Publish the report')], { block: 'number', marker: '1.' }),
    paragraph(null, [run('Cities are the engines of growth.')], { block: 'quote' }),
  );
  return model;
}

// ---------------------------------------------------------------------------------------------
// The package

describe('buildDeclarationDocx: the Word package', () => {
  const model = exportFixture();

  it('defines the declaration styles and sets each part in its own', async () => {
    const { parts } = await build(model, 'final');
    const styles = parts['word/styles.xml'] ?? '';
    for (const id of ['Title', 'Opening', 'Preamble', 'OperativeOpening', 'Operative', 'OperativeSub', 'Adoption']) {
      expect(styles).toMatch(new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">`));
    }
    expect(styles).toContain('w:ascii="Noto Serif"');
    const paragraphs = paragraphsOf(parts['word/document.xml'] ?? '');
    expect(paragraphs.map((p) => p.style)).toEqual(model.paragraphs.map(expectedStyle));
  });

  it("numbers OPs and sub-paragraphs with Word's own numbering, never typed text", async () => {
    const { parts } = await build(model, 'final');
    const paragraphs = paragraphsOf(parts['word/document.xml'] ?? '');
    const numbered = model.paragraphs.map((p, i) => ({ p, x: paragraphs[i]! })).filter(({ p }) => p.kind === 'op' || p.kind === 'sub');
    expect(numbered).toHaveLength(4);
    const numIds = new Set(numbered.map(({ x }) => x.numPr?.numId));
    expect(numIds.size).toBe(1);
    for (const { p, x } of numbered) {
      expect(x.numPr?.ilvl).toBe(p.kind === 'op' ? 0 : 1);
      // The marker ("1.", "(a)") is Word's to write: the paragraph's own text does not carry it.
      expect(x.text.startsWith(p.marker!)).toBe(false);
      expect(x.text).toBe(paragraphText(p, 'final'));
    }
    // Nothing else is numbered.
    expect(paragraphs.filter((x) => x.numPr).length).toBe(4);

    const numbering = parts['word/numbering.xml'] ?? '';
    const numId = [...numIds][0];
    const abstractId = new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/>`).exec(numbering)?.[1];
    const abstract = new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}"[^>]*>([\\s\\S]*?)</w:abstractNum>`).exec(numbering)?.[1] ?? '';
    const level = (n: number) => new RegExp(`<w:lvl w:ilvl="${n}"[^>]*>([\\s\\S]*?)</w:lvl>`).exec(abstract)?.[1] ?? '';
    expect(level(0)).toContain('<w:numFmt w:val="decimal"/>');
    expect(level(0)).toContain('<w:lvlText w:val="%1."/>');
    expect(level(0)).toMatch(/<w:ind w:left="\d+" w:hanging="\d+"\/>/);
    expect(level(1)).toContain('<w:numFmt w:val="lowerLetter"/>');
    expect(level(1)).toContain('<w:lvlText w:val="(%2)"/>');
    expect(level(1)).toMatch(/<w:ind w:left="\d+" w:hanging="\d+"\/>/);
    // Level 1 restarts after each level-0 paragraph: Word's default when lvlRestart is absent.
    expect(level(1)).not.toContain('lvlRestart');
  });

  it('final mode: the clean text, no labels, brackets or status marks; the header names the title only', async () => {
    const { parts } = await build(model, 'final');
    const paragraphs = paragraphsOf(parts['word/document.xml'] ?? '');
    expect(paragraphs.map((p) => p.text)).toEqual(model.paragraphs.map((p) => paragraphText(p, 'final')));
    const text = textOf(parts['word/document.xml'] ?? '');
    // The one bracket left is set as its first wording.
    expect(paragraphs[5]!.text).toBe('Encourage Member States shall strengthen cooperation in the following areas:');
    for (const absent of ['[', ']', 'should', 'Bangkok', 'Phnom Penh', 'OP1', 'PP1', 'agreed']) expect(text).not.toContain(absent);
    expect(textOf(headerFooterPart(parts, 'header'))).toBe(model.title);
  });

  it('negotiation mode: labels, brackets with their proposers in smaller type, status marks, a DRAFT header', async () => {
    const { parts } = await build(model, 'negotiation');
    const paragraphs = paragraphsOf(parts['word/document.xml'] ?? '');
    expect(paragraphs.map((p) => p.text)).toEqual(model.paragraphs.map((p) => negotiationText(p)));
    const op1 = paragraphs[5]!;
    expect(op1.text).toBe('OP1 Encourage Member States [shall (Ha Noi, Phnom Penh) / should (Bangkok)] strengthen cooperation in the following areas:');
    const label = op1.runs.find((r) => r.text === 'OP1')!;
    expect(label.props).toContain('<w:b/>');
    expect(label.props).toMatch(/<w:sz w:val="1\d"\/>/);
    const proposers = op1.runs.find((r) => r.text === ' (Ha Noi, Phnom Penh)')!;
    expect(Number(/<w:sz w:val="(\d+)"\/>/.exec(proposers.props)?.[1])).toBeLessThan(22);
    const wording = op1.runs.find((r) => r.text === 'shall')!;
    expect(wording.props).not.toContain('<w:sz ');
    expect(paragraphs[3]!.text.endsWith(' [agreed ad referendum]')).toBe(true);
    expect(paragraphs[2]!.text.endsWith(' [agreed]')).toBe(true);
    expect(paragraphs[7]!.text).toBe('OP1(b) Improving urban transport and clean water;');
    expect(textOf(headerFooterPart(parts, 'header'))).toBe(`DRAFT  ·  ${model.title}  ·  Rev.2  ·  ${formatDate(STAMP_EN.date, 'en-GB')}`);
    expect(formatDate(STAMP_EN.date, 'en-GB')).toBe('14 March 2025');
  });

  it('a footer with "Page X of Y" as PAGE and NUMPAGES fields', async () => {
    for (const [stamp, before, between] of [
      [STAMP_EN, 'Page ', ' of '],
      [STAMP_VI, 'Trang ', ' / '],
    ] as const) {
      const { parts } = await build(model, 'final', 'a4', stamp);
      const footer = headerFooterPart(parts, 'footer');
      expect(footer).toMatch(/<w:fldChar w:fldCharType="begin"\/>[\s\S]*<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
      const texts = [...footer.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
      expect(texts).toEqual([before, between]);
    }
  });

  it('lead words in italics, bold and underline kept, Khmer and Thai runs in their complex-script fonts', async () => {
    const { parts } = await build(model, 'final');
    const runs = paragraphsOf(parts['word/document.xml'] ?? '').flatMap((p) => p.runs);
    const find = (text: string) => {
      const found = runs.find((r) => r.text === text);
      expect(found, text).toBeDefined();
      return found!;
    };
    expect(find('Recognizing').props).toContain('<w:i/>');
    expect(find('Encourage').props).toContain('<w:i/>');
    expect(find('digital').props).toContain('<w:b/>');
    expect(find('urban').props).toContain('<w:u w:val="single"/>');
    expect(find(' Member States ').props).not.toContain('<w:i/>');
    expect(find(KHMER).props).toMatch(/<w:rFonts [^>]*w:cs="Noto Serif Khmer"/);
    expect(find(KHMER).props).toContain('w:bidi="km-KH"');
    expect(find(THAI).props).toMatch(/<w:rFonts [^>]*w:cs="Noto Serif Thai"/);
    expect(find(' the value of ').props).not.toContain('w:rFonts');
  });

  it('A4 or Letter with 2.5 cm margins', async () => {
    for (const [paper, w, h] of [
      ['a4', 11906, 16838],
      ['letter', 12240, 15840],
    ] as const) {
      const { parts } = await build(model, 'final', paper);
      const sectPr = /<w:sectPr[\s\S]*<\/w:sectPr>/.exec(parts['word/document.xml'] ?? '')?.[0] ?? '';
      expect(sectPr).toMatch(new RegExp(`<w:pgSz w:w="${w}" w:h="${h}"`));
      for (const side of ['top', 'right', 'bottom', 'left']) expect(sectPr).toMatch(new RegExp(`w:${side}="1417"`));
    }
  });

  it('document properties: title, subject, creator and language', async () => {
    const en = (await build(model, 'negotiation')).parts['docProps/core.xml'] ?? '';
    expect(en).toContain(`<dc:title>${model.title}</dc:title>`);
    expect(en).toContain(`<dc:subject>${model.meeting.title}</dc:subject>`);
    expect(en).toContain('<dc:creator>Accord</dc:creator>');
    expect(en).toContain('<dc:language>en-GB</dc:language>');
    expect(en).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-14T10:00:00Z</dcterms:created>');
    const vi = await build({ ...model, title: 'Tuyên bố Hà Nội & <thành phố>' }, 'final', 'a4', STAMP_VI);
    expect(vi.parts['docProps/core.xml']).toContain('<dc:title>Tuyên bố Hà Nội &amp; &lt;thành phố&gt;</dc:title>');
    expect(vi.parts['docProps/core.xml']).toContain('<dc:language>vi-VN</dc:language>');
    expect(vi.parts['word/styles.xml']).toContain('<w:lang w:val="vi-VN"/>');
  });

  it('Vietnamese: DỰ THẢO header and Vietnamese status marks', async () => {
    const { parts } = await build(model, 'negotiation', 'a4', STAMP_VI);
    expect(textOf(headerFooterPart(parts, 'header'))).toBe(`DỰ THẢO  ·  ${model.title}  ·  Rev.2  ·  ${formatDate(STAMP_VI.date, 'vi-VN')}`);
    expect(paragraphsOf(parts['word/document.xml'] ?? '').map((p) => p.text)).toEqual(model.paragraphs.map((p) => negotiationText(p, STATUS_VI)));
  });

  it('plain blocks: headings, bullets, numbered lists (each list from 1), quotes', async () => {
    const extended = extendedFixture();
    const { parts } = await build(extended, 'final');
    const paragraphs = paragraphsOf(parts['word/document.xml'] ?? '');
    expect(paragraphs.map((p) => p.style)).toEqual(extended.paragraphs.map(expectedStyle));
    const numberIds = paragraphs.filter((p) => p.style === 'ListNumber').map((p) => p.numPr?.numId);
    expect(numberIds[0]).toBe(numberIds[1]);
    expect(numberIds[2]).not.toBe(numberIds[0]);
    const bulletIds = new Set(paragraphs.filter((p) => p.style === 'ListBullet').map((p) => p.numPr?.numId));
    expect(bulletIds.size).toBe(1);
    expect([...bulletIds][0]).toBeDefined();
  });

  it('brackets in final mode: the first alternative, with its formatting', async () => {
    const bracket = {
      type: 'bracket' as const,
      bracketId: 'b-2',
      alternatives: [
        { runs: [{ text: 'firmly ', bold: true }, { text: 'support' }], proposers: ['Vientiane'] },
        { runs: [{ text: 'note' }], proposers: [] },
      ],
    };
    const small: ExportDeclaration = { ...model, paragraphs: [paragraph('op', [lead('We'), run(' '), bracket, run('.')], { label: 'OP1', marker: '1.' })] };
    const final = paragraphsOf((await build(small, 'final')).parts['word/document.xml'] ?? '')[0]!;
    expect(final.text).toBe('We firmly support.');
    expect(final.runs.find((r) => r.text === 'firmly ')?.props).toContain('<w:b/>');
    const negotiation = paragraphsOf((await build(small, 'negotiation')).parts['word/document.xml'] ?? '')[0]!;
    // An alternative nobody proposed has no parentheses.
    expect(negotiation.text).toBe('OP1 We [firmly support (Vientiane) / note].');
  });

  it('line breaks become Word breaks; characters XML cannot carry are dropped', async () => {
    const small: ExportDeclaration = { ...model, title: 'Title\u0001', paragraphs: [paragraph(null, [run('line one\r\nline two\u000B & <three>')])] };
    const { parts } = await build(small, 'final');
    const xml = parts['word/document.xml'] ?? '';
    expect(xml).toMatch(/<w:t xml:space="preserve">line one<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">line two &amp; &lt;three&gt;<\/w:t>/);
    for (const part of Object.values(parts)) for (const ch of ['\u0001', '\u000B', '\r']) expect(part).not.toContain(ch);
  });
});

// ---------------------------------------------------------------------------------------------
// LibreOffice: the package opens, and its numbering comes out as the model's markers

function which(command: string): string | null {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const soffice = which('soffice') ?? which('libreoffice');
const poppler = which('pdftotext') !== null && which('pdftoppm') !== null && which('pdfinfo') !== null;
const canConvert = soffice !== null && poppler;
const exec = promisify(execFile);

/**
 * Whitespace collapsed; a Khmer word (which pdftotext pulls apart, vowels first) stands as ⟨km⟩,
 * and the spaces pdftotext puts between Thai clusters (it depends on the fonts LibreOffice finds)
 * are taken out, since Thai is written without spaces between the letters of a word.
 */
function normalize(value: string): string {
  return value
    .replace(/[\u1780-\u17FF](?:[\u1780-\u17FF\s]*[\u1780-\u17FF])?/g, '⟨km⟩')
    .replace(/(?<=[\u0E00-\u0E7F])\s+(?=[\u0E00-\u0E7F])/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Converted {
  pdf: string;
  png: string;
  pages: Array<{ header: string; body: string; footer: string }>;
  body: string;
  raw: string;
  pageSize: string;
}

const CASES = {
  final: { model: exportFixture, mode: 'final', paper: 'a4', stamp: STAMP_EN },
  negotiation: { model: exportFixture, mode: 'negotiation', paper: 'a4', stamp: STAMP_EN },
  'negotiation-vi-letter': { model: extendedFixture, mode: 'negotiation', paper: 'letter', stamp: STAMP_VI },
} as const;
type CaseName = keyof typeof CASES;

/** Each paragraph in order in the converted text: the needle must follow the one before it. */
function expectInOrder(haystack: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(normalize(needle), from);
    expect(at, `"${normalize(needle)}" after position ${from} in:\n${haystack}`).toBeGreaterThanOrEqual(0);
    from = at + normalize(needle).length;
  }
}

/** "1. OP1 Encourage …": Word's number, then (in a negotiation draft) the label, then the text. */
function printed(p: ExportParagraph, mode: ExportMode, status: Record<ExportParagraph['status'], string> = STATUS_EN): string {
  const body = mode === 'final' ? paragraphText(p, 'final') : negotiationText(p, status);
  const marker = p.block === 'bullet' ? '•' : p.marker;
  return marker ? `${marker} ${body}` : body;
}

describe.skipIf(!canConvert)(
  canConvert ? 'buildDeclarationDocx: converted by LibreOffice' : 'buildDeclarationDocx: LibreOffice conversion (skipped: soffice/libreoffice or poppler-utils not on PATH)',
  () => {
    const converted = {} as Record<CaseName, Converted>;

    beforeAll(async () => {
      mkdirSync(OUT_DIR, { recursive: true });
      const files: string[] = [];
      for (const [name, c] of Object.entries(CASES)) {
        const file = join(OUT_DIR, `docx-declaration-${name}.docx`);
        for (const ext of ['docx', 'pdf']) rmSync(file.replace(/docx$/, ext), { force: true });
        writeFileSync(file, await buildDeclarationDocx(c.model(), { mode: c.mode, paper: c.paper, stamp: c.stamp }));
        files.push(file);
      }
      // One LibreOffice run converts every case, in a profile of its own so parallel runs don't clash.
      const profile = `/tmp/lo-${randomUUID()}`;
      try {
        await exec(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', OUT_DIR, ...files], {
          timeout: 150_000,
        });
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
      for (const name of Object.keys(CASES) as CaseName[]) {
        const pdf = join(OUT_DIR, `docx-declaration-${name}.pdf`);
        expect(existsSync(pdf), `${pdf} (LibreOffice did not convert it)`).toBe(true);
        const raw = (await exec('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'])).stdout;
        const pages = raw
          .split('\f')
          .filter((page) => page.trim() !== '')
          .map((page) => {
            const lines = page.split('\n').filter((line) => line.trim() !== '');
            return { header: normalize(lines[0] ?? ''), footer: normalize(lines.at(-1) ?? ''), body: normalize(lines.slice(1, -1).join('\n')) };
          });
        const pngBase = join(OUT_DIR, `docx-declaration-${name}-page1`);
        await exec('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, pngBase]);
        const pageSize = /Page size:\s+([\d.]+ x [\d.]+) pts/.exec((await exec('pdfinfo', [pdf])).stdout)?.[1] ?? '';
        converted[name] = { pdf, png: `${pngBase}.png`, pages, body: pages.map((p) => p.body).join(' '), raw, pageSize };
      }
    }, 180_000);

    it('final: every paragraph in order, Word numbering printed as the model markers, no brackets, labels or status', () => {
      const { pages, body, raw, pageSize, png } = converted.final;
      const model = exportFixture();
      expect(pageSize).toBe('595.304 x 841.89');
      expect(pages.map((p) => p.header)).toEqual(pages.map(() => model.title));
      expect(pages.map((p) => p.footer)).toEqual(pages.map((_, i) => `Page ${i + 1} of ${pages.length}`));
      expectInOrder(body, model.paragraphs.map((p) => printed(p, 'final')));
      for (const marker of ['1.', '2.', '(a)', '(b)']) expect(body).toContain(`${marker} `);
      for (const absent of ['[', ']', 'should', 'Bangkok', 'OP1', 'PP1', 'agreed', 'DRAFT']) expect(raw).not.toContain(absent);
      // The Khmer word is all there (pdftotext only reorders its vowel signs), and the Thai one (spaces aside).
      const khmer = (s: string) => [...s].filter((ch) => /[\u1780-\u17FF]/.test(ch)).sort().join('');
      expect(khmer(raw)).toBe(khmer(KHMER));
      expect(normalize(raw)).toContain(THAI);
      expect(existsSync(png)).toBe(true);
    });

    it('negotiation: labels after the numbers, brackets with proposers, status marks, DRAFT header', () => {
      const { pages, body, png } = converted.negotiation;
      const model = exportFixture();
      expect(pages[0]!.header).toBe(`DRAFT · ${model.title} · Rev.2 · 14 March 2025`);
      expect(pages.at(-1)!.footer).toBe(`Page ${pages.length} of ${pages.length}`);
      expectInOrder(body, model.paragraphs.map((p) => printed(p, 'negotiation')));
      expect(body).toContain('1. OP1 Encourage Member States [shall (Ha Noi, Phnom Penh) / should (Bangkok)] strengthen');
      expect(body).toContain('(a) OP1(a) Promoting digital public services for every citizen; [agreed]');
      expect(body).toContain('2. OP2 Task the ASEAN Secretariat');
      expect(body).toContain('[agreed ad referendum]');
      expect(existsSync(png)).toBe(true);
    });

    it('Vietnamese on Letter: Trang X / Y, sub-paragraphs restart at (a) under each OP, plain lists', () => {
      const { pages, body, pageSize } = converted['negotiation-vi-letter'];
      const model = extendedFixture();
      expect(pageSize).toBe('612 x 792');
      expect(pages[0]!.header).toBe(normalize(`DỰ THẢO · ${model.title} · Rev.2 · ${formatDate(STAMP_VI.date, 'vi-VN')}`));
      expect(pages.map((p) => p.footer)).toEqual(pages.map((_, i) => `Trang ${i + 1} / ${pages.length}`));
      expectInOrder(body, model.paragraphs.map((p) => printed(p, 'negotiation', STATUS_VI)));
      expect(body).toContain('3. OP3 Request the host city');
      expect(body).toMatch(/\(a\) OP3\(a\) Translating it into Khmer \(⟨km⟩\) and Thai \(ความร่วมมือ\);/);
      expect(body).toContain('1. Publish the report');
    });
  },
);
