import { exportCatalogue, type ExportCatalogue } from '../i18n/exportCatalogue';
import { complexScriptOf } from '../i18n/scripts';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LevelFormat,
  LevelSuffix,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type INumberingOptions,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type IRunOptions,
  type ISectionPropertiesOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import type { ClauseKind } from '../model/kinds';
import type {
  ExportAlternative,
  ExportDeclaration,
  ExportInline,
  ExportMode,
  ExportPaper,
  ExportParagraph,
  ExportRun,
  ExportStamp,
} from './exportModel';

/**
 * A declaration as a Word document, built with the `docx` package: real paragraph styles for each
 * part of the declaration's anatomy, Word's own automatic numbering for operative paragraphs and
 * their sub-paragraphs (the numbers are never typed as text), a header, and a "Page X of Y" footer
 * made of PAGE / NUMPAGES fields.
 *
 * Two modes, as the print export:
 * - final: the clean text, with no labels, no status marks and no brackets. An adopted text has no
 *   brackets left; if one does remain, its first alternative's wording is set, without the square
 *   brackets or proposers, so the document still reads as a sentence (the negotiation draft is
 *   where open brackets are shown).
 * - negotiation: each PP/OP preceded by its label ("OP2(a)") in small bold type, brackets as
 *   "[shall (Ha Noi, Phnom Penh) / should (Bangkok)]" with the proposers in a smaller font, a status
 *   mark after every paragraph that is no longer pending, and a header naming DRAFT, the title, the
 *   version and the date.
 *
 * Pure: no Node built-ins, no DOM; the bytes come from `Packer.pack(…, 'uint8array')`.
 */

export interface DocxOptions {
  mode: ExportMode;
  paper: ExportPaper;
  stamp: ExportStamp;
}

/** Paragraph style ids this document defines (besides Normal, Title, Heading1-3, which are docx's own, restyled). */
export const DOCX_STYLE = {
  title: 'Title',
  opening: 'Opening',
  pp: 'Preamble',
  'operative-opening': 'OperativeOpening',
  op: 'Operative',
  sub: 'OperativeSub',
  adoption: 'Adoption',
} as const satisfies Record<ClauseKind, string>;

/** The numbering definition OPs (level 0, "1.") and their sub-paragraphs (level 1, "(a)") share. */
export const OPERATIVE_NUMBERING = 'accord-operative';
const BULLET_NUMBERING = 'accord-bullet';
const NUMBER_NUMBERING = 'accord-number';

const BODY_FONT = 'Noto Serif';
/** Half-points: 11 pt body, smaller type for labels, proposers and status marks. */
const BODY_SIZE = 22;
export const SMALL_SIZE = 17;
export const HEADER_SIZE = 18;
export const NOTE_COLOR = '555555';

/** Twips (1/1440 inch): about a centimetre, for indents; the margins are 2.5 cm exactly. */
export const CM = 567;
const MARGIN = Math.round((25 / 25.4) * 1440);
const PAPER: Record<ExportPaper, { width: number; height: number }> = {
  a4: { width: 11906, height: 16838 },
  letter: { width: 12240, height: 15840 },
};
/** Where an OP's text starts, and a sub-paragraph's: the number hangs in the space before it. */
export const OP_INDENT = CM;
export const SUB_INDENT = 2 * CM;

export async function buildDeclarationDocx(model: ExportDeclaration, options: DocxOptions): Promise<Uint8Array> {
  const { mode, paper, stamp } = options;
  const words = exportCatalogue(stamp.language);

  const doc = new Document({
    title: model.title,
    subject: model.meeting.title,
    creator: 'Accord',
    lastModifiedBy: 'Accord',
    styles: styles(words.locale),
    numbering: numbering(),
    sections: [
      {
        properties: sectionPage(paper),
        headers: { default: header(model, mode, stamp, words) },
        footers: { default: footer(words) },
        children: body(model.paragraphs, mode, words),
      },
    ],
  });

  const core = coreProperties({ title: model.title, subject: model.meeting.title, version: stamp.versionLabel, date: stamp.date, locale: words.locale });
  return Packer.pack(doc, 'uint8array', false, [{ path: 'docProps/core.xml', data: core }]);
}

/** The paper with 2.5 cm margins all round, the header and footer 1.25 cm from its edge. */
export function sectionPage(paper: ExportPaper): ISectionPropertiesOptions {
  const size = PAPER[paper];
  return {
    page: {
      size: { width: size.width, height: size.height },
      margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: Math.round(1.25 * CM), footer: Math.round(1.25 * CM) },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Body

function body(paragraphs: ExportParagraph[], mode: ExportMode, words: ExportCatalogue): Paragraph[] {
  const out: Paragraph[] = [];
  // Each run of consecutive plain numbered list items is a list of its own, counting from 1.
  let numberInstance = 0;
  let previousBlock: ExportParagraph['block'] | null = null;
  for (const paragraph of paragraphs) {
    const isPlainNumber = paragraph.kind === null && paragraph.block === 'number';
    if (isPlainNumber && previousBlock !== 'number') numberInstance += 1;
    previousBlock = paragraph.kind === null ? paragraph.block : null;
    out.push(new Paragraph({ ...paragraphProperties(paragraph, numberInstance), children: paragraphChildren(paragraph, mode, words) }));
  }
  return out;
}

function paragraphProperties(paragraph: ExportParagraph, numberInstance: number): IParagraphOptions {
  switch (paragraph.kind) {
    case 'op':
      return { style: DOCX_STYLE.op, numbering: { reference: OPERATIVE_NUMBERING, level: 0, instance: 1 } };
    case 'sub':
      return { style: DOCX_STYLE.sub, numbering: { reference: OPERATIVE_NUMBERING, level: 1, instance: 1 } };
    case null:
      break;
    default:
      return { style: DOCX_STYLE[paragraph.kind] };
  }
  switch (paragraph.block) {
    case 'heading1':
      return { style: 'Heading1' };
    case 'heading2':
      return { style: 'Heading2' };
    case 'heading3':
      return { style: 'Heading3' };
    case 'quote':
      return { style: 'Quote' };
    case 'bullet':
      return { style: 'ListBullet', numbering: { reference: BULLET_NUMBERING, level: 0, instance: 1 } };
    case 'number':
      return { style: 'ListNumber', numbering: { reference: NUMBER_NUMBERING, level: 0, instance: numberInstance } };
    case 'paragraph':
      return {};
  }
}

function paragraphChildren(paragraph: ExportParagraph, mode: ExportMode, words: ExportCatalogue): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  if (mode === 'negotiation' && paragraph.label) {
    children.push(new TextRun({ text: paragraph.label, bold: true, size: SMALL_SIZE, color: NOTE_COLOR }), new TextRun({ text: ' ' }));
  }
  for (const inline of paragraph.inlines) children.push(...inlineRuns(inline, mode));
  if (mode === 'negotiation' && paragraph.status !== 'pending') {
    children.push(new TextRun({ text: ` [${words.status[paragraph.status]}]`, italics: true, size: SMALL_SIZE, color: NOTE_COLOR }));
  }
  return children;
}

function inlineRuns(inline: ExportInline, mode: ExportMode): TextRun[] {
  if (inline.type === 'run') return textRuns(inline.run);
  const alternatives = inline.alternatives;
  if (alternatives.length === 0) return [];
  if (mode === 'final') {
    // A clean text has no brackets. One that is left is set as its first alternative's wording.
    return alternatives[0]!.runs.flatMap((run) => textRuns(run));
  }
  const out: TextRun[] = [new TextRun({ text: '[' })];
  alternatives.forEach((alternative, index) => {
    if (index > 0) out.push(new TextRun({ text: ' / ' }));
    out.push(...alternativeRuns(alternative));
  });
  out.push(new TextRun({ text: ']' }));
  return out;
}

function alternativeRuns(alternative: ExportAlternative): TextRun[] {
  const out = alternative.runs.flatMap((run) => textRuns(run));
  if (alternative.proposers.length > 0) {
    const proposers = alternative.proposers.join(', ');
    out.push(new TextRun({ text: ` (${clean(proposers)})`, size: SMALL_SIZE, color: NOTE_COLOR, ...scriptOptions(proposers) }));
  }
  return out;
}

/** One model run as Word runs: line breaks inside it become Word line breaks. */
function textRuns(run: ExportRun): TextRun[] {
  const base: IRunOptions = {
    bold: run.bold || undefined,
    italics: run.italic || run.lead || undefined,
    underline: run.underline ? {} : undefined,
    ...scriptOptions(run.text),
  };
  return clean(run.text)
    .split('\n')
    .map((line, index) => new TextRun({ ...base, text: line, break: index > 0 ? 1 : undefined }));
}

// ---------------------------------------------------------------------------------------------
// Scripts: Khmer, Thai, Lao and Myanmar are complex scripts to Word, set in the run's `cs` font.

export function scriptOptions(value: string): Pick<IRunOptions, 'font' | 'language'> {
  const script = complexScriptOf(value);
  if (!script) return {};
  return {
    font: { ascii: BODY_FONT, hAnsi: BODY_FONT, eastAsia: BODY_FONT, cs: script.serifFont, hint: 'cs' },
    // w:lang w:bidi is the language of the run's complex-script text.
    language: { bidirectional: script.locale },
  };
}

// ---------------------------------------------------------------------------------------------
// Header and footer

function header(model: ExportDeclaration, mode: ExportMode, stamp: ExportStamp, words: ExportCatalogue): Header {
  const small = { size: HEADER_SIZE, color: NOTE_COLOR };
  // The symbol and distribution line head every page, right-aligned, as on a circulated document.
  const lines = [model.symbol, model.distribution ? `${words.distribution}: ${model.distribution}` : null].filter((line): line is string => !!line);
  const reference = lines.length
    ? [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: lines.map((line, i) => new TextRun({ text: clean(line), size: HEADER_SIZE, break: i > 0 ? 1 : 0, ...scriptOptions(line) })),
        }),
      ]
    : [];
  if (mode === 'final') {
    return new Header({
      children: [
        ...reference,
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: clean(model.title), ...small, ...scriptOptions(model.title) })] }),
      ],
    });
  }
  const parts = [model.title, stamp.versionLabel, formatDate(stamp.date, words.locale)].filter((part): part is string => !!part);
  const children: ParagraphChild[] = [new TextRun({ text: words.draft, bold: true, size: HEADER_SIZE })];
  for (const part of parts) {
    children.push(new TextRun({ text: '  ·  ', ...small }), new TextRun({ text: clean(part), ...small, ...scriptOptions(part) }));
  }
  return new Header({ children: [...reference, new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

/** "Page X of Y" in the document's language, X and Y Word's own fields. */
export function footer(words: ExportCatalogue): Footer {
  const pieces = words.page(PageNumber.CURRENT, PageNumber.TOTAL_PAGES);
  const children = pieces.map((piece) =>
    piece === PageNumber.CURRENT || piece === PageNumber.TOTAL_PAGES
      ? new TextRun({ children: [piece], size: HEADER_SIZE })
      : new TextRun({ text: piece, size: HEADER_SIZE }),
  );
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

/** "14 March 2025" / "14 tháng 3, 2025"; the ISO text itself if it is not a date. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // A bare date ("2025-03-14") is midnight UTC: read it in UTC so it is not the day before.
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : undefined;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering

/** The declaration's paragraph styles and defaults, which a redline of it shares. */
export function styles(lang: string): IStylesOptions {
  const justified = AlignmentType.JUSTIFIED;
  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: DOCX_STYLE.opening,
      name: 'Opening',
      basedOn: 'Normal',
      next: DOCX_STYLE.pp,
      quickFormat: true,
      paragraph: { alignment: justified, spacing: { after: 240 } },
    },
    {
      id: DOCX_STYLE.pp,
      name: 'Preamble',
      basedOn: 'Normal',
      next: DOCX_STYLE.pp,
      quickFormat: true,
      paragraph: { alignment: justified, indent: { firstLine: CM } },
    },
    {
      id: DOCX_STYLE['operative-opening'],
      name: 'OperativeOpening',
      basedOn: 'Normal',
      next: DOCX_STYLE.op,
      quickFormat: true,
      paragraph: { alignment: justified, spacing: { before: 120, after: 240 }, keepNext: true },
    },
    {
      id: DOCX_STYLE.op,
      name: 'Operative',
      basedOn: 'Normal',
      next: DOCX_STYLE.op,
      quickFormat: true,
      paragraph: { alignment: justified, indent: { left: OP_INDENT, hanging: OP_INDENT } },
    },
    {
      id: DOCX_STYLE.sub,
      name: 'OperativeSub',
      basedOn: 'Normal',
      next: DOCX_STYLE.sub,
      quickFormat: true,
      paragraph: { alignment: justified, indent: { left: SUB_INDENT, hanging: CM } },
    },
    {
      id: DOCX_STYLE.adoption,
      name: 'Adoption',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: { alignment: justified, spacing: { before: 360 }, keepLines: true },
    },
    { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: CM, right: CM } }, run: { italics: true } },
    { id: 'ListBullet', name: 'List Bullet', basedOn: 'Normal', paragraph: { indent: { left: OP_INDENT, hanging: OP_INDENT }, contextualSpacing: true } },
    { id: 'ListNumber', name: 'List Number', basedOn: 'Normal', paragraph: { indent: { left: OP_INDENT, hanging: OP_INDENT }, contextualSpacing: true } },
  ];
  const heading = (size: number) => ({
    run: { font: BODY_FONT, size, bold: true, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        run: {
          font: { ascii: BODY_FONT, hAnsi: BODY_FONT, eastAsia: BODY_FONT, cs: BODY_FONT },
          size: BODY_SIZE,
          sizeComplexScript: BODY_SIZE,
          language: { value: lang },
        },
        paragraph: { spacing: { after: 160, line: 264 } },
      },
      title: {
        run: { font: BODY_FONT, size: 30, bold: true, color: '000000' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 360 }, keepNext: true },
        next: DOCX_STYLE.opening,
      },
      heading1: heading(28),
      heading2: heading(25),
      heading3: heading(BODY_SIZE),
    },
    paragraphStyles,
  };
}

function numbering(): INumberingOptions {
  return {
    config: [
      {
        reference: OPERATIVE_NUMBERING,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: '%1.',
            alignment: AlignmentType.LEFT,
            suffix: LevelSuffix.TAB,
            style: { paragraph: { indent: { left: OP_INDENT, hanging: OP_INDENT } } },
          },
          {
            level: 1,
            format: LevelFormat.LOWER_LETTER,
            text: '(%2)',
            alignment: AlignmentType.LEFT,
            suffix: LevelSuffix.TAB,
            style: { paragraph: { indent: { left: SUB_INDENT, hanging: CM } } },
          },
        ],
      },
      {
        reference: BULLET_NUMBERING,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: '•',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: OP_INDENT, hanging: OP_INDENT } } },
          },
        ],
      },
      {
        reference: NUMBER_NUMBERING,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: '%1.',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: OP_INDENT, hanging: OP_INDENT } } },
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Document properties: docx writes no dc:language, so the core part is written here.

export interface CoreProperties {
  title: string;
  subject: string;
  version: string | null;
  /** ISO date-time the file was made from. */
  date: string;
  locale: string;
}

export function coreProperties(properties: CoreProperties): string {
  const parsed = new Date(properties.date);
  const when = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
  const timestamp = `${when.toISOString().slice(0, 19)}Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(properties.title)}</dc:title>` +
    `<dc:subject>${xmlText(properties.subject)}</dc:subject>` +
    '<dc:creator>Accord</dc:creator>' +
    '<cp:lastModifiedBy>Accord</cp:lastModifiedBy>' +
    (properties.version ? `<cp:version>${xmlText(properties.version)}</cp:version>` : '') +
    `<dc:language>${properties.locale}</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${timestamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${timestamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Text without the characters XML 1.0 cannot carry (Word would refuse the file); a lone CR is a line break. */
export function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function xmlText(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
