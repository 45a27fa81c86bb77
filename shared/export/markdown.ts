import { exportCatalogue } from '../i18n/exportCatalogue';
import { scriptLanguage } from '../i18n/scripts';
import { formatStampDate } from './printHtml';
import type { ExportDeclaration, ExportInline, ExportMode, ExportParagraph, ExportRun, ExportStamp } from './exportModel';

/**
 * A declaration as Markdown: the clean text, or the negotiation draft with labels, status marks
 * and brackets with their proposers. Operative paragraphs are an ordered list starting at their
 * own number, sub-paragraphs paragraphs of their list item, so every reader shows "1.", "(a)".
 */

/** Characters Markdown would read as syntax anywhere in a line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Escapes what would start a block at the beginning of a line: "# ", "- ", "1. ", "> ". */
function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s*)([#+\-=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n');
}

function runMarkdown(run: ExportRun): string {
  const text = escapeMarkdown(run.text);
  if (text.trim() === '') return text;
  // Emphasis must not start or end on a space: keep the spaces outside the markers.
  const [, before, core, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  let out = core!;
  if (run.underline) out = `<u>${out}</u>`;
  if (run.bold) out = `**${out}**`;
  // Khmer, Thai, Lao and Myanmar have no italics: their lead words stay upright, as in print.
  if (run.italic || (run.lead && scriptLanguage(run.text) === null)) out = `*${out}*`;
  return `${before}${out}${after}`.replace(/\n/g, '  \n');
}

function inlineMarkdown(inline: ExportInline, mode: ExportMode): string {
  if (inline.type === 'run') return runMarkdown(inline.run);
  if (mode === 'final') return (inline.alternatives[0]?.runs ?? []).map(runMarkdown).join('');
  const words = inline.alternatives.map((a) => a.runs.map(runMarkdown).join('')).join(' / ');
  const proposers = inline.alternatives.map((a) => escapeMarkdown(a.proposers.join(', ') || '—')).join(' / ');
  return `\\[${words}\\] *(${proposers})*`;
}

function note(paragraph: ExportParagraph, language: ExportStamp['language']): string {
  const parts: string[] = [];
  if (paragraph.label) parts.push(paragraph.label);
  if ((paragraph.kind === 'pp' || paragraph.kind === 'op' || paragraph.kind === 'sub') || paragraph.status !== 'pending') {
    parts.push(exportCatalogue(language).status[paragraph.status]);
  }
  return parts.length ? `\`${parts.join(' · ')}\` ` : '';
}

export function renderMarkdown(model: ExportDeclaration, mode: ExportMode, stamp?: ExportStamp): string {
  const language = stamp?.language ?? 'en';
  const blocks: string[] = [];
  const { meeting } = model;
  const reference = [model.symbol, model.distribution ? `${exportCatalogue(language).distribution}: ${model.distribution}` : null].filter((line): line is string => !!line);
  if (reference.length) blocks.push(reference.map(escapeMarkdown).join('  \n'));
  if (mode === 'negotiation') {
    const words = exportCatalogue(language);
    const version = stamp?.versionLabel ? `${words.version}: ${escapeMarkdown(stamp.versionLabel)}` : words.current;
    const date = stamp?.date ? ` · ${escapeMarkdown(formatStampDate(stamp.date, language))}` : '';
    blocks.push(`> **${words.draft}** · ${escapeMarkdown(model.title)} · ${version}${date}`);
  }
  const dates = meeting.startDate && meeting.endDate ? exportCatalogue(language).meetingDates(meeting.startDate, meeting.endDate) : '';
  const titleBlock = [meeting.title && `**${escapeMarkdown(meeting.title)}**`, meeting.place && escapeMarkdown(meeting.place), dates]
    .filter(Boolean)
    .join('  \n');
  if (titleBlock) blocks.push(titleBlock);
  if (!model.paragraphs.some((p) => p.kind === 'title')) blocks.push(`# ${escapeMarkdown(model.title)}`);

  for (const paragraph of model.paragraphs) {
    const text = escapeLineStarts(paragraph.inlines.map((inline) => inlineMarkdown(inline, mode)).join(''));
    const prefix = mode === 'negotiation' ? note(paragraph, language) : '';
    if (paragraph.kind === null && paragraph.block === 'paragraph' && text === '') continue;
    if (paragraph.kind === 'title') blocks.push(`# ${prefix}${text}`);
    else if (paragraph.kind === 'op') {
      const number = /^(\d+)\.$/.exec(paragraph.marker ?? '')?.[1] ?? '1';
      blocks.push(`${number}. ${prefix}${text}`);
    } else if (paragraph.kind === 'sub') {
      // A paragraph of the OP's list item (indented), so the list and its numbering carry on.
      blocks.push(`   ${paragraph.marker ? `${paragraph.marker} ` : ''}${prefix}${text}`);
    } else if (paragraph.block === 'heading1') blocks.push(`## ${prefix}${text}`);
    else if (paragraph.block === 'heading2') blocks.push(`### ${prefix}${text}`);
    else if (paragraph.block === 'heading3') blocks.push(`#### ${prefix}${text}`);
    else if (paragraph.block === 'quote') blocks.push(`> ${prefix}${text.replace(/\n/g, '\n> ')}`);
    else if (paragraph.block === 'bullet') blocks.push(`- ${prefix}${text}`);
    else if (paragraph.block === 'number') blocks.push(`${/^(\d+)/.exec(paragraph.marker ?? '')?.[1] ?? '1'}. ${prefix}${text}`);
    else blocks.push(`${prefix}${text}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
