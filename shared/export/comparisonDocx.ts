import { AlignmentType, Document, Header, Packer, Paragraph, TabStopType, TextRun, type IParagraphOptions, type IRunOptions } from 'docx';
import type { WordChange } from '../declaration/compare';
import { exportCatalogue } from '../i18n/exportCatalogue';
import type { RedlineExport, RedlineParagraph } from './comparisonExport';
import {
  clean,
  CM,
  coreProperties,
  DOCX_STYLE,
  footer,
  HEADER_SIZE,
  NOTE_COLOR,
  OP_INDENT,
  scriptOptions,
  sectionPage,
  SMALL_SIZE,
  styles,
  SUB_INDENT,
} from './docx';
import type { ExportPaper } from './exportModel';

/**
 * A comparison of two versions as a Word file, in the declaration's own styles. Inserted and
 * deleted words are runs formatted as such (underlined, struck through, and coloured), not
 * Word's tracked revisions: a circulated comparison must read the same in every viewer, and
 * Word's usual "Simple Markup" view hides tracked deletions, the very words a reader looks for.
 * Numbers are typed as the comparison gives them, since a removed paragraph keeps its old one.
 */

export interface ComparisonDocxOptions {
  paper: ExportPaper;
  /** When the file is made (the newer version's time or the export's), for its properties. */
  date: string;
}

/** Dark enough to print as a solid grey; the underline and strike-through are what carry the meaning. */
export const INSERTED: IRunOptions = { underline: {}, color: '0B3D91' };
export const DELETED: IRunOptions = { strike: true, color: '9B1C1C' };

export async function buildComparisonDocx(model: RedlineExport, options: ComparisonDocxOptions): Promise<Uint8Array> {
  const strings = exportCatalogue(model.language);
  const words = strings.redline;
  const doc = new Document({
    title: model.title,
    subject: model.between,
    creator: 'Accord',
    lastModifiedBy: 'Accord',
    styles: styles(strings.locale),
    sections: [
      {
        properties: sectionPage(options.paper),
        headers: { default: header(model) },
        footers: { default: footer(strings) },
        children: [
          new Paragraph({ style: DOCX_STYLE.title, children: [text(model.title)] }),
          centred(model.between, true),
          ...(model.changesOnly ? [centred(words.changesOnly, true)] : []),
          centred(model.summary),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            border: { bottom: { style: 'single', size: 6, color: '000000', space: 6 } },
            children: [
              new TextRun({ text: `${words.key} `, size: SMALL_SIZE }),
              new TextRun({ text: words.inserted, size: SMALL_SIZE, ...INSERTED, ...scriptOptions(words.inserted) }),
              new TextRun({ text: ' · ', size: SMALL_SIZE }),
              new TextRun({ text: words.deleted, size: SMALL_SIZE, ...DELETED, ...scriptOptions(words.deleted) }),
            ],
          }),
          ...model.paragraphs.flatMap((paragraph) => entry(paragraph)),
          ...(model.empty ? [centred(model.empty)] : []),
        ],
      },
    ],
  });
  const core = coreProperties({ title: model.title, subject: model.between, version: null, date: options.date, locale: strings.locale });
  return Packer.pack(doc, 'uint8array', false, [{ path: 'docProps/core.xml', data: core }]);
}

function header(model: RedlineExport): Header {
  const small = { size: HEADER_SIZE, color: NOTE_COLOR };
  const reference = model.header.right.length
    ? [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: model.header.right.map((line, i) => new TextRun({ text: clean(line), size: HEADER_SIZE, break: i > 0 ? 1 : 0, ...scriptOptions(line) })),
        }),
      ]
    : [];
  const [name, ...rest] = model.header.left;
  const lines = [
    new Paragraph({ children: [new TextRun({ text: clean(name ?? ''), bold: true, size: HEADER_SIZE, ...scriptOptions(name ?? '') })] }),
    ...rest.map((line) => new Paragraph({ children: [new TextRun({ text: clean(line), ...small, ...scriptOptions(line) })] })),
  ];
  return new Header({ children: [...reference, ...lines] });
}

/** One changed or unchanged paragraph: its tags, its text with the changes marked, its notes. */
function entry(paragraph: RedlineParagraph): Paragraph[] {
  const out: Paragraph[] = [];
  const indent = textIndent(paragraph);
  if (paragraph.tags.length > 0) {
    const tags = paragraph.tags.join(' · ');
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { after: 40 },
        indent: { left: indent },
        children: [new TextRun({ text: clean(tags), bold: true, size: SMALL_SIZE, color: NOTE_COLOR, ...scriptOptions(tags) })],
      }),
    );
  }
  const changed = paragraph.change !== 'unchanged' || paragraph.moved;
  out.push(
    new Paragraph({
      ...paragraphProperties(paragraph),
      keepNext: paragraph.notes.length > 0 || undefined,
      // A change bar in the margin, as a printed redline has beside every changed paragraph.
      border: changed ? { left: { style: 'single', size: 12, color: '000000', space: 8 } } : undefined,
      children: [...leading(paragraph), ...paragraph.words.flatMap((word) => wordRuns(word))],
    }),
  );
  for (const note of paragraph.notes) {
    out.push(
      new Paragraph({
        spacing: { after: 40 },
        indent: { left: indent + Math.round(0.5 * CM) },
        children: [new TextRun({ text: `– ${clean(note)}`, italics: true, size: SMALL_SIZE, color: NOTE_COLOR, ...scriptOptions(note) })],
      }),
    );
  }
  return out;
}

/** Where the paragraph's text starts, so its tags and notes line up with it. */
function textIndent(paragraph: RedlineParagraph): number {
  if (paragraph.kind === 'op') return OP_INDENT;
  if (paragraph.kind === 'sub') return SUB_INDENT;
  return 0;
}

function paragraphProperties(paragraph: RedlineParagraph): IParagraphOptions {
  switch (paragraph.kind) {
    case null:
      return {};
    case 'op':
    case 'sub':
      // The typed number hangs in the indent the style gives, up to a tab stop where the text starts.
      return { style: DOCX_STYLE[paragraph.kind], tabStops: [{ type: TabStopType.LEFT, position: textIndent(paragraph) }] };
    default:
      return { style: DOCX_STYLE[paragraph.kind] };
  }
}

/** The number, then the label as the negotiation draft's Word file sets it ("OP2"), the former one struck through. */
function leading(paragraph: RedlineParagraph): TextRun[] {
  const runs: TextRun[] = [];
  if (paragraph.marker) runs.push(new TextRun({ text: paragraph.marker }), new TextRun({ text: '\t' }));
  const label = { bold: true, size: SMALL_SIZE, color: NOTE_COLOR };
  if (paragraph.formerLabel) runs.push(new TextRun({ text: paragraph.formerLabel, ...label, ...DELETED }), new TextRun({ text: ' ', size: SMALL_SIZE }));
  if (paragraph.label) runs.push(new TextRun({ text: paragraph.label, ...label }), new TextRun({ text: ' ' }));
  return runs;
}

function wordRuns(word: WordChange): TextRun[] {
  const marks = word.op === 'insert' ? INSERTED : word.op === 'delete' ? DELETED : {};
  return clean(word.text)
    .split('\n')
    .map((line, index) => new TextRun({ ...marks, ...scriptOptions(word.text), text: line, break: index > 0 ? 1 : undefined }));
}

function text(value: string): TextRun {
  return new TextRun({ text: clean(value), ...scriptOptions(value) });
}

function centred(value: string, bold = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 80 },
    children: [new TextRun({ text: clean(value), bold: bold || undefined, size: SMALL_SIZE + 3, ...scriptOptions(value) })],
  });
}
