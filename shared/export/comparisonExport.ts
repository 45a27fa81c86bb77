import type { ChangeNote, DeclarationComparison, ParagraphComparison, WordChange } from '../declaration/compare';
import type { SnapshotAlternative } from '../declaration/snapshot';
import { exportCatalogue, type ExportCatalogue, type ExportLanguage } from '../i18n/exportCatalogue';
import type { ClauseKind } from '../model/kinds';
import type { ExportDeclaration } from './exportModel';
import { formatStampDate } from './printHtml';

/**
 * The comparison of two versions as a circulated redline prints it (PDF and Word alike): the
 * same comparison the compare screen shows, with every word of page furniture already in the
 * document's language, so each format only lays it out.
 */

/** One of the two texts compared. */
export interface ComparedText {
  /** The version's label; null for the text as it stands. */
  label: string | null;
  /** Local ISO date-time: when the version was saved, or of the export for the current text. */
  date: string;
}

export interface ComparisonExportInput {
  document: Pick<ExportDeclaration, 'title' | 'symbol' | 'distribution' | 'meeting'>;
  from: ComparedText;
  to: ComparedText;
  comparison: DeclarationComparison;
  /** Only the paragraphs that changed: a short list of amendments to circulate. */
  changesOnly: boolean;
  language: ExportLanguage;
}

export interface RedlineParagraph {
  change: ParagraphComparison['change'];
  moved: boolean;
  kind: ClauseKind | null;
  /** How negotiators cite it now ("OP2"), or as it was when it was removed; null where it has no number. */
  label: string | null;
  /** Its number before, when it was renumbered: printed struck through beside the new one. */
  formerLabel: string | null;
  marker: string | null;
  words: WordChange[];
  /** What happened to the paragraph as a whole ("Added", "Moved: was OP3"); empty when nothing did. */
  tags: string[];
  /** What its words do not show: brackets, proposers, status, kind, number. */
  notes: string[];
}

export interface RedlineExport {
  title: string;
  meeting: ExportDeclaration['meeting'];
  language: ExportLanguage;
  changesOnly: boolean;
  /** "From Rev.1 (2 December 2022, 09:00) to Rev.2 (3 December 2022, 16:30)". */
  between: string;
  /** "1 added · 0 removed · …", or that the two are the same. */
  summary: string;
  /** What every page's header names: left the comparison and its two versions, right the symbol and distribution. */
  header: { left: string[]; right: string[] };
  paragraphs: RedlineParagraph[];
  /** Said instead of the paragraphs when a changes-only list has none. */
  empty: string | null;
}

export function buildRedlineExport(input: ComparisonExportInput): RedlineExport {
  const { document, comparison, changesOnly, language } = input;
  const strings = exportCatalogue(language);
  const words = strings.redline;
  const between = words.between(comparedText(input.from, strings, language), comparedText(input.to, strings, language));
  const { counts } = comparison;
  const identical = counts.added + counts.removed + counts.edited + counts.moved === 0;
  const kept = comparison.paragraphs.filter((paragraph) => (changesOnly ? isChanged(paragraph) : !isBlank(paragraph)));
  const name = [words.title, changesOnly ? words.changesOnly : null].filter(Boolean).join(', ');
  return {
    title: document.title,
    meeting: document.meeting,
    language,
    changesOnly,
    between,
    summary: identical ? words.identical : words.summary(counts),
    header: {
      left: [`${name} · ${document.title}`, between],
      right: [document.symbol, document.distribution ? `${strings.distribution}: ${document.distribution}` : null].filter(
        (line): line is string => !!line,
      ),
    },
    paragraphs: kept.map((paragraph) => redlineParagraph(paragraph, strings)),
    empty: changesOnly && kept.length === 0 ? words.noChanges : null,
  };
}

/** Changed in any way a reader should see: its words, brackets, status or kind, or where it stands. */
export function isChanged(paragraph: ParagraphComparison): boolean {
  return paragraph.change !== 'unchanged' || paragraph.moved;
}

/** An empty plain paragraph on both sides: a blank line, which no print keeps. */
function isBlank(paragraph: ParagraphComparison): boolean {
  const side = paragraph.after ?? paragraph.before;
  return paragraph.change === 'unchanged' && !paragraph.moved && side?.kind === null && side.text.trim() === '';
}

function comparedText(text: ComparedText, strings: ExportCatalogue, language: ExportLanguage): string {
  return `${text.label ?? strings.current} (${formatStampDate(text.date, language)})`;
}

function redlineParagraph(paragraph: ParagraphComparison, strings: ExportCatalogue): RedlineParagraph {
  const { before, after } = paragraph;
  const side = after ?? before;
  const label = side?.label ?? null;
  const renumbered = before?.label && after?.label && before.label !== after.label;
  return {
    change: paragraph.change,
    moved: paragraph.moved,
    kind: side?.kind ?? null,
    label,
    formerLabel: renumbered ? before.label : null,
    marker: side?.marker ?? null,
    words: paragraph.words,
    tags: tags(paragraph, label, strings),
    // A new number is shown by the labels themselves, the former one struck through beside it.
    notes: isChanged(paragraph) ? paragraph.notes.flatMap((note) => (note.type === 'renumbered' ? [] : [noteText(note, strings)])) : [],
  };
}

function tags(paragraph: ParagraphComparison, label: string | null, strings: ExportCatalogue): string[] {
  const words = strings.redline;
  const tags: string[] = [];
  if (paragraph.change !== 'unchanged') tags.push(words.tags[paragraph.change]);
  if (paragraph.moved) {
    const was = paragraph.before?.label;
    tags.push(was ? words.movedFrom(was) : words.tags.moved);
  }
  // A changed part without a number (the opening, the adoption formula) is named by what it is.
  const kind = (paragraph.after ?? paragraph.before)?.kind;
  if (tags.length > 0 && label === null && kind) tags.unshift(words.kinds[kind]);
  return tags;
}

export function noteText(note: Exclude<ChangeNote, { type: 'renumbered' }>, strings: ExportCatalogue): string {
  const words = strings.redline;
  const { notes } = words;
  const delegations = (proposers: ReadonlyArray<string>) => (proposers.length > 0 ? proposers.join(', ') : words.nobody);
  const kindName = (kind: ClauseKind | null) => (kind ? words.kinds[kind] : words.plainParagraph);
  switch (note.type) {
    case 'bracket-added':
      return notes.bracketAdded(bracketText(note.alternatives), note.alternatives.map((a) => delegations(a.proposers)).join('; '));
    case 'bracket-removed':
      return note.keptText !== null ? notes.bracketAgreed(note.keptText) : notes.bracketRemoved(bracketText(note.alternatives));
    case 'alternatives-changed':
      return notes.alternativesChanged(bracketText(note.before), bracketText(note.after));
    case 'proposers-changed':
      return notes.proposersChanged(note.text, delegations(note.before), delegations(note.after));
    case 'status-changed':
      return notes.statusChanged(strings.status[note.before], strings.status[note.after]);
    case 'kind-changed':
      return notes.kindChanged(kindName(note.before), kindName(note.after));
  }
}

function bracketText(alternatives: ReadonlyArray<SnapshotAlternative>): string {
  return `[${alternatives.map((alternative) => alternative.text).join(' / ')}]`;
}
