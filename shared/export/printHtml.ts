import { scriptLanguage } from '../i18n/scripts';
import { isNegotiated } from '../model/kinds';
import { exportCatalogue, type ExportCatalogue, type ExportLanguage } from '../i18n/exportCatalogue';
import { intlTime } from '../i18n/intlDates';
import type {
  ExportDeclaration,
  ExportInline,
  ExportMode,
  ExportPaper,
  ExportParagraph,
  ExportRun,
  ExportStamp,
} from './exportModel';

/**
 * A declaration as one semantic HTML document with print CSS, which both Chromium engines turn
 * into the PDF (printToPDF in the app, headless Chromium from the host and the CLI) and which is
 * itself the HTML export. Page header and footer are CSS page-margin boxes in the same document
 * (Chromium ≥ 131), so they are set in the same bundled fonts as the text: Chromium's separate
 * header/footer templates cannot rely on the page's web fonts and would pull a system font into
 * the PDF.
 */

/** One bundled face, as the caller resolved it (a data: or file: URL). */
export interface PrintFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  url: string;
  /** The subset's characters, as in CSS (`U+0000-00FF,U+0131`); the whole font when absent. */
  unicodeRange?: string;
}

export interface PageMargin {
  top: string;
  right: string;
  bottom: string;
  left: string;
}

/** What a PDF engine prints: a complete HTML document and how to lay out its pages. */
export interface PrintDocument {
  html: string;
  /** The PDF's Title (also the HTML <title>). */
  title: string;
  /** The headings' texts in order, as the PDF outline should name them (Chromium joins wrapped lines without a space). */
  headings: string[];
  author: string;
  subject: string;
  /** BCP 47 tag of the document's language, for the PDF's /Lang. */
  language: string;
  paper: ExportPaper;
  /** The page margins, as in the HTML's @page rule (engines that take margins separately use these). */
  margin: PageMargin;
  /**
   * Chromium header/footer templates. Null here: the header and footer are @page margin boxes
   * inside `html`; an engine passes templates (displayHeaderFooter) only when they are set.
   */
  headerTemplate: string | null;
  footerTemplate: string | null;
}

export interface PrintOptions {
  mode: ExportMode;
  paper: ExportPaper;
  stamp: ExportStamp;
  fonts: ReadonlyArray<PrintFont>;
}

/** The families a page may name, and nothing else: no generic or system fallback is ever named. */
export const SERIF_STACK = "'Noto Serif', 'Noto Serif Khmer', 'Noto Serif Thai', 'Noto Serif Lao', 'Noto Serif Myanmar'";
export const SANS_STACK = "'Noto Sans', 'Noto Serif Khmer', 'Noto Serif Thai', 'Noto Serif Lao', 'Noto Serif Myanmar'";

export const PAGE_SIZES: Readonly<Record<ExportPaper, { css: string; width: string; height: string }>> = {
  a4: { css: 'A4', width: '210mm', height: '297mm' },
  letter: { css: 'letter', width: '8.5in', height: '11in' },
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A CSS string literal that cannot end the string, the rule or the <style> element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `)}"`;
}

function cssUrl(url: string): string {
  return `url(${cssString(url)})`;
}

export function fontFaceCss(fonts: ReadonlyArray<PrintFont>): string {
  return fonts
    .map(
      (font) =>
        `@font-face { font-family: ${cssString(font.family)}; font-style: ${font.style}; font-weight: ${font.weight}; ` +
        `font-display: block; src: ${cssUrl(font.url)} format('woff2');${font.unicodeRange ? ` unicode-range: ${font.unicodeRange};` : ''} }`,
    )
    .join('\n');
}

/** "2 December 2022, 14:05" from an ISO date-time, as written (the caller gives local time); the time as the language writes times ("2:05 PM" in Khmer). */
export function formatStampDate(iso: string, language: ExportLanguage): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0];
  if (!day) return iso;
  const time = /T(\d{2}):(\d{2})/.exec(iso);
  const catalogue = exportCatalogue(language);
  const date = catalogue.longDate(day);
  return time ? `${date}, ${intlTime(catalogue.locale, Number(time[1]) * 60 + Number(time[2]))}` : date;
}

/** "Page X of Y" as a CSS content value, X and Y the page counters. */
export function cssPageOf(language: ExportLanguage): string {
  return exportCatalogue(language)
    .page('counter(page)', 'counter(pages)')
    .map((piece, i) => (i % 2 === 0 ? cssString(piece) : piece))
    .join(' ');
}

export interface PageSetup {
  paper: ExportPaper;
  margin: PageMargin;
  /** Margin boxes: content expressions (already CSS), or null for none. */
  topLeft: string | null;
  topRight: string | null;
  bottomCenter: string;
}

/** The @page rule and everything every printed document of Accord shares. */
export function basePrintCss(setup: PageSetup, fonts: ReadonlyArray<PrintFont>): string {
  const { margin } = setup;
  const box = (name: string, content: string | null, align: string) =>
    content === null
      ? ''
      : `@${name} { content: ${content}; font-family: ${SANS_STACK}; font-size: 7.5pt; color: #333; text-align: ${align}; vertical-align: middle; white-space: pre-line; }`;
  return `${fontFaceCss(fonts)}
@page {
  size: ${PAGE_SIZES[setup.paper].css};
  margin: ${margin.top} ${margin.right} ${margin.bottom} ${margin.left};
  ${box('top-left', setup.topLeft, 'left')}
  ${box('top-right', setup.topRight, 'right')}
  ${box('bottom-center', setup.bottomCenter, 'center')}
}
html { font-family: ${SERIF_STACK}; font-size: 11.5pt; line-height: 1.42; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; font-kerning: normal; }
body { margin: 0; }
p { margin: 0 0 0.62em; orphans: 2; widows: 2; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
@media screen {
  html { background: #e8e8e8; }
  body { background: #fff; width: ${PAGE_SIZES[setup.paper].width}; box-sizing: border-box; margin: 12px auto;
    padding: ${margin.top} ${margin.right} ${margin.bottom} ${margin.left}; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
}`;
}

function runHtml(run: ExportRun): string {
  let html = escapeHtml(run.text).replace(/\n/g, '<br>');
  if (run.underline) html = `<u>${html}</u>`;
  if (run.bold) html = `<strong>${html}</strong>`;
  if (run.italic) html = `<em>${html}</em>`;
  if (run.lead) html = `<span class="lead">${html}</span>`;
  return html;
}

function inlineHtml(inline: ExportInline, mode: ExportMode): string {
  if (inline.type === 'run') return runHtml(inline.run);
  if (mode === 'final') {
    // The clean text has no brackets: where one is still open, its first wording stands.
    return (inline.alternatives[0]?.runs ?? []).map(runHtml).join('');
  }
  const words = inline.alternatives.map((alternative) => alternative.runs.map(runHtml).join('')).join(' / ');
  const proposers = inline.alternatives.map((alternative) => escapeHtml(alternative.proposers.join(', ') || '—')).join(' / ');
  return (
    `<span class="bracket" data-bracket-id="${escapeHtml(inline.bracketId)}">[${words}]</span>` +
    `<span class="proposers"> (${proposers})</span>`
  );
}

/** Plain text of a paragraph as the chosen mode prints it (for length estimates and scripts). */
export function paragraphText(paragraph: ExportParagraph, mode: ExportMode): string {
  return paragraph.inlines
    .map((inline) => {
      if (inline.type === 'run') return inline.run.text;
      const texts = inline.alternatives.map((a) => a.runs.map((r) => r.text).join(''));
      return mode === 'final' ? (texts[0] ?? '') : `[${texts.join(' / ')}]`;
    })
    .join('');
}

/** Paragraphs short enough to keep whole on a page rather than split (about four lines). */
const SHORT_PARAGRAPH = 320;

function paragraphClasses(paragraph: ExportParagraph, next: ExportParagraph | undefined, text: string): string[] {
  const classes: string[] = [paragraph.kind ?? paragraph.block];
  if (text.length <= SHORT_PARAGRAPH) classes.push('keep');
  // "Encourage cities to:" followed by its sub-paragraphs stays with the first of them.
  if ((paragraph.kind === 'op' || paragraph.kind === 'pp') && next?.kind === 'sub') classes.push('lead-in');
  return classes;
}

function paragraphHtml(paragraph: ExportParagraph, next: ExportParagraph | undefined, options: PrintOptions, strings: ExportCatalogue): string {
  const text = paragraphText(paragraph, options.mode);
  const classes = paragraphClasses(paragraph, next, text);
  const lang = scriptLanguage(text);
  const status = options.mode === 'negotiation' && paragraph.kind ? ` data-status="${paragraph.status}"` : '';
  const attributes = `class="${classes.join(' ')}"${lang ? ` lang="${lang}"` : ''}${status}`;
  const body = paragraph.inlines.map((inline) => inlineHtml(inline, options.mode)).join('') || '&#8203;';
  const marker = paragraph.marker ? `<span class="marker">${escapeHtml(paragraph.marker)}</span>` : '';
  let note = '';
  if (options.mode === 'negotiation') {
    const showStatus = isNegotiated(paragraph.kind) || paragraph.status !== 'pending';
    if (paragraph.label || showStatus) {
      note =
        `<span class="note">` +
        (paragraph.label ? `<span class="label">${escapeHtml(paragraph.label)}</span>` : '') +
        (showStatus ? `<span class="status status-${paragraph.status}">${escapeHtml(strings.statusShort[paragraph.status])}</span>` : '') +
        `</span>`;
    }
  }
  switch (paragraph.block) {
    case 'heading1':
    case 'heading2':
    case 'heading3':
      if (paragraph.kind === null) {
        const level = paragraph.block === 'heading1' ? 2 : paragraph.block === 'heading2' ? 3 : 4;
        return `<h${level} ${attributes}>${note}${body}</h${level}>`;
      }
      break;
    case 'bullet':
      return `<p ${attributes}>${note}<span class="marker">•</span>${body}</p>`;
    default:
      break;
  }
  if (paragraph.kind === 'title') return `<h1 ${attributes}>${note}${body}</h1>`;
  return `<p ${attributes}>${note}${marker}${body}</p>`;
}

function declarationCss(mode: ExportMode, marker: string): string {
  return `
.title-block { text-align: center; font-family: ${SANS_STACK}; font-size: 9.5pt; line-height: 1.35; color: #222; margin: 0 0 8mm; break-after: avoid; }
.title-block p { margin: 0; }
.title-block .meeting { font-weight: 700; font-size: 10.5pt; }
h1.title { font-size: 15pt; font-weight: 700; text-align: center; line-height: 1.3; margin: 0 0 1.1em; }
h2, h3, h4 { font-weight: 700; margin: 1em 0 0.5em; }
h2 { font-size: 13pt; } h3 { font-size: 12pt; } h4 { font-size: 11.5pt; }
.opening { text-align: justify; break-after: avoid; page-break-after: avoid; }
.pp, .op, .sub, .paragraph, .quote, .number, .bullet, .adoption { text-align: justify; }
/* The paragraph's own script, never the page's: a Khmer page furniture around English text sets it as English. */
:not(html)[lang="km"], :not(html)[lang="th"], :not(html)[lang="lo"], :not(html)[lang="my"] { text-align: start; line-height: 1.7; }
/* These scripts have no italics: a slanted (synthesised) lead would only make them harder to read. */
:not(html)[lang="km"] .lead, :not(html)[lang="th"] .lead, :not(html)[lang="lo"] .lead, :not(html)[lang="my"] .lead { font-style: normal; }
.lead { font-style: italic; }
.operative-opening { margin-top: 0.9em; break-after: avoid; page-break-after: avoid; }
.op, .number, .bullet { padding-left: ${marker}; text-indent: -${marker}; }
.sub { padding-left: calc(${marker} + 2.2em); text-indent: -2.2em; }
.marker { display: inline-block; width: ${marker}; text-indent: 0; }
.sub .marker { width: 2.2em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.lead-in { break-after: avoid; page-break-after: avoid; }
.quote { margin-left: 2.2em; margin-right: 2.2em; }
.adoption { margin-top: 1.4em; break-inside: avoid; break-before: avoid; page-break-before: avoid; }
${
  mode === 'negotiation'
    ? `
p, h1, h2, h3, h4 { position: relative; }
.note { position: absolute; left: -${LABEL_GUTTER}; width: calc(${LABEL_GUTTER} - 4mm); top: 0.2em; text-indent: 0; text-align: right; font-family: ${SANS_STACK};
  font-style: normal; font-weight: 400; font-size: 7.5pt; line-height: 1.25; color: #333; white-space: nowrap; }
.note .label { display: block; font-weight: 700; color: #000; }
.note .status { display: block; }
.note .status-pending { color: #8a4b00; }
.note .status-ad-referendum { color: #1f4f8f; }
.note .status-agreed { color: #1d6b2f; }
.bracket { font-weight: 700; }
.proposers { font-family: ${SANS_STACK}; font-size: 7.5pt; color: #333; font-style: normal; font-weight: 400; }
.watermark { position: fixed; top: 0; left: 0; right: 0; bottom: 0; display: flex; align-items: center; justify-content: center;
  z-index: -1; pointer-events: none; }
.watermark span { font-family: ${SANS_STACK}; font-weight: 700; line-height: 1; white-space: nowrap; color: rgba(0,0,0,0.075);
  transform: rotate(-40deg); filter: blur(0.01px); }
main { padding-left: ${LABEL_GUTTER}; }`
    : ''
}`;
}

/**
 * Where a negotiation draft prints its labels and status marks: a column inside the page's
 * content box, since Chromium clips whatever is drawn in the page margin itself.
 */
const LABEL_GUTTER = '20mm';

export function pageMargin(mode: ExportMode): PageMargin {
  return { top: '24mm', right: '22mm', bottom: '22mm', left: mode === 'negotiation' ? '16mm' : '25mm' };
}

/**
 * The draft's word in the document's language ("DRAFT", "DỰ THẢO", "សេចក្តីព្រាង") across every
 * page, out of the text a reader copies, searches or has read aloud: the filter makes Chromium
 * paint it as a picture (at 300 dpi) rather than set it as text, and a fixed box is repeated,
 * whole, on every printed page. Sized by its letters (marks and Khmer subscripts add no width) so
 * that any of the words, turned 40°, spans most of the page and fits it.
 */
function watermark(word: string): string {
  const letters = [...word].filter((c) => !/\p{M}/u.test(c)).length;
  const size = Math.round(Math.min(130, 650 / Math.max(letters, 5)));
  return `<div class="watermark" aria-hidden="true"><span style="font-size: ${size}pt">${escapeHtml(word)}</span></div>`;
}

/** Room for the widest number: "99." fits 2.2em, "123." needs more. */
function markerWidth(paragraphs: ReadonlyArray<ExportParagraph>): string {
  const widest = Math.max(0, ...paragraphs.map((p) => (p.marker && p.kind !== 'sub' ? p.marker.length : 0)));
  return widest <= 3 ? '2.2em' : `${(0.6 * widest + 0.4).toFixed(1)}em`;
}

/** The meeting, its place and its dates, centred above the text. */
export function titleBlock(model: Pick<ExportDeclaration, 'meeting'>, language: ExportLanguage): string {
  const { meeting } = model;
  const dates = meeting.startDate && meeting.endDate ? exportCatalogue(language).meetingDates(meeting.startDate, meeting.endDate) : '';
  const lines = [
    meeting.title ? `<p class="meeting">${escapeHtml(meeting.title)}</p>` : '',
    meeting.place ? `<p class="place">${escapeHtml(meeting.place)}</p>` : '',
    dates ? `<p class="dates">${escapeHtml(dates)}</p>` : '',
  ].join('');
  return lines ? `<header class="title-block">${lines}</header>` : '';
}

export function renderPrintHtml(model: ExportDeclaration, options: PrintOptions): PrintDocument {
  const { mode, paper, stamp } = options;
  const strings = exportCatalogue(stamp.language);
  const margin = pageMargin(mode);
  const dateText = formatStampDate(stamp.date, stamp.language);
  const version = stamp.versionLabel ? `${strings.version}: ${stamp.versionLabel}` : strings.current;
  // The symbol and distribution line head every page, as a circulated document's do, in either mode.
  const reference = [model.symbol, model.distribution ? `${strings.distribution}: ${model.distribution}` : null].filter((line): line is string => !!line);
  const topRight = [...reference, ...(mode === 'negotiation' ? [`${version} · ${dateText}`] : [])];
  const setup: PageSetup = {
    paper,
    margin,
    topLeft: mode === 'negotiation' ? cssString(`${strings.draft} · ${model.title}`) : cssString(model.meeting.title),
    topRight: topRight.length > 0 ? cssString(topRight.join('\n')) : null,
    bottomCenter: cssPageOf(stamp.language),
  };
  const paragraphs = model.paragraphs.filter((p) => !(p.kind === null && p.block === 'paragraph' && p.inlines.length === 0));
  const hasTitle = paragraphs.some((p) => p.kind === 'title');
  const body = [
    mode === 'negotiation' ? watermark(strings.draft) : '',
    titleBlock(model, stamp.language),
    hasTitle ? '' : `<h1 class="title">${escapeHtml(model.title)}</h1>`,
    ...paragraphs.map((paragraph, index) => paragraphHtml(paragraph, paragraphs[index + 1], options, strings)),
  ].join('\n');
  const title = model.title || model.meeting.title;
  const subject = [model.meeting.title, mode === 'negotiation' ? `${strings.draft}, ${version}` : ''].filter(Boolean).join(' · ');
  const author = model.meeting.title ? `${model.meeting.title}${model.meeting.place ? `, ${model.meeting.place}` : ''}` : 'Accord';
  const html = printDocumentShell({
    language: stamp.language,
    title,
    author,
    subject,
    css: `${basePrintCss(setup, options.fonts)}\n${declarationCss(mode, markerWidth(paragraphs))}`,
    bodyClass: mode,
    body,
  });
  const headings = [
    ...(hasTitle ? [] : [model.title]),
    ...paragraphs.filter((p) => p.kind === 'title' || (p.kind === null && p.block.startsWith('heading'))).map((p) => paragraphText(p, mode)),
  ];
  return { html, title, headings, author, subject, language: stamp.language, paper, margin, headerTemplate: null, footerTemplate: null };
}

/** The HTML around every printed document (declaration, agenda): language, metadata Chromium maps into the PDF, styles. */
export function printDocumentShell(parts: {
  language: string;
  title: string;
  author: string;
  subject: string;
  css: string;
  bodyClass?: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="${parts.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(parts.title)}</title>
<meta name="author" content="${escapeHtml(parts.author)}">
<meta name="description" content="${escapeHtml(parts.subject)}">
<meta name="generator" content="Accord">
<style>
${parts.css}
</style>
</head>
<body${parts.bodyClass ? ` class="${parts.bodyClass}"` : ''}>
<main>
${parts.body}
</main>
</body>
</html>
`;
}
