import type { WordChange } from '../declaration/compare';
import { exportCatalogue } from '../i18n/exportCatalogue';
import { scriptLanguage } from '../i18n/scripts';
import type { RedlineExport, RedlineParagraph } from './comparisonExport';
import type { ExportPaper } from './exportModel';
import {
  basePrintCss,
  cssPageOf,
  cssString,
  escapeHtml,
  pageMargin,
  type PageSetup,
  type PrintDocument,
  type PrintFont,
  printDocumentShell,
  SANS_STACK,
  titleBlock,
} from './printHtml';

/**
 * A comparison of two versions as print HTML, for the same Chromium engines as the declaration:
 * inserted words underlined, deleted words struck through, each changed paragraph barred in the
 * margin and tagged, labels in the negotiation draft's column. The marks are lines, not colours
 * alone, so a black-and-white copy of a copy still shows every change; the colours only help.
 */

export interface ComparisonPrintOptions {
  paper: ExportPaper;
  fonts: ReadonlyArray<PrintFont>;
}

/** As wide as the negotiation draft's label column, so a redline and a draft read alike side by side. */
const LABEL_GUTTER = '20mm';

export function renderComparisonHtml(model: RedlineExport, options: ComparisonPrintOptions): PrintDocument {
  const strings = exportCatalogue(model.language);
  const words = strings.redline;
  const margin = pageMargin('negotiation');
  const setup: PageSetup = {
    paper: options.paper,
    margin,
    topLeft: cssString(model.header.left.join('\n')),
    topRight: model.header.right.length > 0 ? cssString(model.header.right.join('\n')) : null,
    bottomCenter: cssPageOf(model.language),
  };
  const head = [
    titleBlock(model, model.language),
    `<section class="head">`,
    `<h1>${escapeHtml(model.title)}</h1>`,
    `<p class="between">${escapeHtml(model.between)}</p>`,
    model.changesOnly ? `<p class="between">${escapeHtml(words.changesOnly)}</p>` : '',
    `<p class="summary">${escapeHtml(model.summary)}</p>`,
    `<p class="key">${escapeHtml(words.key)} <ins>${escapeHtml(words.inserted)}</ins> · <del>${escapeHtml(words.deleted)}</del></p>`,
    `</section>`,
  ].join('');
  const body = [
    head,
    ...model.paragraphs.map((paragraph) => entryHtml(paragraph)),
    model.empty ? `<p class="empty">${escapeHtml(model.empty)}</p>` : '',
  ].join('\n');
  const title = `${model.title} – ${words.title}`;
  const subject = [model.meeting.title, model.between].filter(Boolean).join(' · ');
  const author = model.meeting.title ? `${model.meeting.title}${model.meeting.place ? `, ${model.meeting.place}` : ''}` : 'Accord';
  const html = printDocumentShell({
    language: model.language,
    title,
    author,
    subject,
    css: `${basePrintCss(setup, options.fonts)}\n${comparisonCss(markerWidth(model.paragraphs))}`,
    bodyClass: 'comparison',
    body,
  });
  return { html, title, headings: [model.title], author, subject, language: model.language, paper: options.paper, margin, headerTemplate: null, footerTemplate: null };
}

/** Paragraphs short enough to keep whole on a page rather than split (about four lines). */
const SHORT_PARAGRAPH = 320;

function entryHtml(paragraph: RedlineParagraph): string {
  const text = paragraph.words.map((word) => word.text).join('');
  const changed = paragraph.change !== 'unchanged' || paragraph.moved;
  const classes = ['entry', changed ? 'changed' : 'unchanged', paragraph.change, paragraph.moved ? 'moved' : '', text.length <= SHORT_PARAGRAPH ? 'keep' : ''];
  const lang = scriptLanguage(text);
  const tags = paragraph.tags.length > 0 ? `<p class="tags">${paragraph.tags.map(escapeHtml).join(' · ')}</p>` : '';
  const labels =
    paragraph.label || paragraph.formerLabel
      ? `<span class="note">` +
        (paragraph.formerLabel ? `<span class="label former"><del>${escapeHtml(paragraph.formerLabel)}</del></span>` : '') +
        (paragraph.label ? `<span class="label">${escapeHtml(paragraph.label)}</span>` : '') +
        `</span>`
      : '';
  const marker = paragraph.marker ? `<span class="marker">${escapeHtml(paragraph.marker)}</span>` : '';
  const notes = paragraph.notes.length > 0 ? `<ul class="notes">${paragraph.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : '';
  return (
    `<div class="${classes.filter(Boolean).join(' ')}"${lang ? ` lang="${lang}"` : ''}>` +
    tags +
    `<p class="text ${paragraph.kind ?? 'paragraph'}">${labels}${marker}${wordsHtml(paragraph.words) || '&#8203;'}</p>` +
    notes +
    `</div>`
  );
}

function wordsHtml(words: ReadonlyArray<WordChange>): string {
  return words
    .map((word, index) => {
      const text = escapeHtml(word.text).replace(/\n/g, '<br>');
      // A word replaced by another ("between" by "among") would print as one run-on word: a gap, not a space in the text, parts them.
      const previous = words[index - 1];
      const abuts = previous && previous.op !== 'equal' && previous.op !== word.op && !/\s$/.test(previous.text) && !/^\s/.test(word.text);
      const attributes = abuts ? ' class="abut"' : '';
      if (word.op === 'insert') return `<ins${attributes}>${text}</ins>`;
      if (word.op === 'delete') return `<del${attributes}>${text}</del>`;
      return text;
    })
    .join('');
}

/** Room for the widest number: "99." fits 2.2em, "123." needs more. */
function markerWidth(paragraphs: ReadonlyArray<RedlineParagraph>): string {
  const widest = Math.max(0, ...paragraphs.map((p) => (p.marker && p.kind !== 'sub' ? p.marker.length : 0)));
  return widest <= 3 ? '2.2em' : `${(0.6 * widest + 0.4).toFixed(1)}em`;
}

function comparisonCss(marker: string): string {
  return `
main { padding-left: ${LABEL_GUTTER}; }
.title-block { text-align: center; font-family: ${SANS_STACK}; font-size: 9.5pt; line-height: 1.35; color: #222; margin: 0 0 6mm; }
.title-block p { margin: 0; }
.title-block .meeting { font-weight: 700; font-size: 10.5pt; }
.head { text-align: center; margin: 0 0 7mm; padding-bottom: 3mm; border-bottom: 0.75pt solid #000; break-after: avoid; page-break-after: avoid; }
.head h1 { font-size: 15pt; font-weight: 700; line-height: 1.3; margin: 0 0 0.5em; }
.head p { margin: 0 0 0.35em; font-family: ${SANS_STACK}; }
.head .between { font-size: 10pt; font-weight: 700; }
.head .summary { font-size: 9pt; color: #333; }
.head .key { font-size: 9pt; }
.entry { position: relative; margin: 0 0 0.62em; }
.entry.keep { break-inside: avoid; page-break-inside: avoid; }
/* A change bar beside every changed paragraph: found at a glance, in black and white too. */
.entry.changed::before { content: ''; position: absolute; left: -3mm; top: 0.1em; bottom: 0.1em; border-left: 1.5pt solid #000; }
.tags { margin: 0 0 0.15em; font-family: ${SANS_STACK}; font-size: 7.5pt; font-weight: 700; letter-spacing: 0.02em; color: #333;
  break-after: avoid; page-break-after: avoid; }
.text { position: relative; margin: 0; text-align: justify; orphans: 2; widows: 2; }
/* The entry's script, not the page's language: a Khmer page of English paragraphs is set as English. */
.entry[lang="km"] .text, .entry[lang="th"] .text, .entry[lang="lo"] .text, .entry[lang="my"] .text { text-align: start; line-height: 1.7; }
.text.title { text-align: center; font-weight: 700; font-size: 13pt; }
.text.op, .text.number, .text.bullet { padding-left: ${marker}; text-indent: -${marker}; }
.text.sub { padding-left: calc(${marker} + 2.2em); text-indent: -2.2em; }
.marker { display: inline-block; width: ${marker}; text-indent: 0; }
.sub .marker { width: 2.2em; }
.note { position: absolute; left: -${LABEL_GUTTER}; width: calc(${LABEL_GUTTER} - 5mm); top: 0.2em; text-indent: 0; text-align: right;
  font-family: ${SANS_STACK}; font-size: 7.5pt; font-weight: 400; line-height: 1.25; color: #000; white-space: nowrap; }
.note .label { display: block; font-weight: 700; }
.note .former { font-weight: 400; color: #333; }
/* Underline and strike-through carry the meaning; the colour is only a help on screen and in colour print. */
ins { text-decoration: underline; text-decoration-thickness: 1pt; text-underline-offset: 0.18em; text-decoration-skip-ink: none; color: #0b3d91; }
del { text-decoration: line-through; text-decoration-thickness: 1pt; color: #9b1c1c; }
.abut { margin-left: 0.25em; }
.notes { list-style: none; margin: 0.2em 0 0; padding: 0; font-family: ${SANS_STACK}; font-size: 8.5pt; line-height: 1.35; color: #222; }
.notes li::before { content: '– '; }
.empty { font-family: ${SANS_STACK}; font-size: 10pt; text-align: center; }`;
}
