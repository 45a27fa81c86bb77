import type * as Y from 'yjs';
import { type ClauseStatusEntry, effectiveStatus } from '../declaration/clauseStatus';
import { hasLeadWords } from '../model/kinds';
import { leadWordLength } from '../declaration/leadWords';
import { readDeclarationView, type ViewParagraph } from '../declaration/model/declarationView';
import type { Run } from '../declaration/model/textRuns';
import type { ExportDeclaration, ExportInline, ExportParagraph, ExportRun } from './exportModel';

export interface ExportMeta {
  /** The document's title (its name in the meeting), used for the file's metadata and header. */
  title: string;
  symbol?: string | null;
  distribution?: string | null;
  meeting: ExportDeclaration['meeting'];
}

/**
 * Reads a declaration's model into the export model: no editor, nothing written. `statuses` are
 * the paragraphs' negotiation statuses (kept by the secretariat, beside the text).
 */
export function readExportDeclaration(doc: Y.Doc, meta: ExportMeta, statuses: ReadonlyMap<string, ClauseStatusEntry> = new Map()): ExportDeclaration {
  return {
    title: meta.title,
    symbol: meta.symbol || null,
    distribution: meta.distribution || null,
    meeting: { ...meta.meeting },
    paragraphs: exportParagraphs(readDeclarationView(doc), statuses),
  };
}

const BLOCKS: Partial<Record<ViewParagraph['kind'], ExportParagraph['block']>> = {
  h1: 'heading1',
  h2: 'heading2',
  h3: 'heading3',
  quote: 'quote',
  bullet: 'bullet',
  number: 'number',
};

export function exportParagraphs(view: ReadonlyArray<ViewParagraph>, statuses: ReadonlyMap<string, ClauseStatusEntry>): ExportParagraph[] {
  let listNumber = 0;
  return view.map((paragraph) => {
    const block = BLOCKS[paragraph.kind] ?? 'paragraph';
    // A numbered list counts its items from one, as a word processor does, until something else comes between.
    listNumber = block === 'number' ? listNumber + 1 : 0;
    const inlines = paragraph.segments.flatMap((segment): ExportInline[] =>
      segment.type === 'text'
        ? mergeRuns(segment.runs.map(exportRun)).map((run) => ({ type: 'run', run }))
        : [
            {
              type: 'bracket',
              bracketId: segment.bracketId,
              alternatives: segment.alternatives.map((alternative) => ({ runs: mergeRuns(alternative.runs.map(exportRun)), proposers: [...alternative.proposers] })),
            },
          ],
    );
    const status = effectiveStatus(statuses.get(paragraph.id), paragraph.text);
    return {
      kind: paragraph.clauseKind,
      block,
      label: paragraph.label || null,
      marker: block === 'number' ? `${listNumber}.` : paragraph.marker || null,
      status: status.status,
      changedSinceAgreed: status.changedSinceAgreed,
      inlines: withLeadWords(inlines, paragraph.clauseKind),
    };
  });
}

/** Runs that print the same are one run (comments and blanks, which do not print, split them in the model). */
function mergeRuns(runs: ReadonlyArray<ExportRun>): ExportRun[] {
  const merged: ExportRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && Boolean(last.bold) === Boolean(run.bold) && Boolean(last.italic) === Boolean(run.italic) && Boolean(last.underline) === Boolean(run.underline)) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

function exportRun(run: Run): ExportRun {
  const exported: ExportRun = { text: run.text };
  if (run.attributes.bold === true) exported.bold = true;
  if (run.attributes.italic === true) exported.italic = true;
  if (run.attributes.underline === true) exported.underline = true;
  return exported;
}

/**
 * The lead words of a PP, OP or sub-paragraph ("*Recognizing*", "*Strongly encourage*"), set in
 * italics in print as on screen: derived from the words and the kind, never stored.
 */
export function withLeadWords(inlines: ExportInline[], kind: ExportParagraph['kind']): ExportInline[] {
  if (!kind || !hasLeadWords(kind)) return inlines;
  if (inlines.some((inline) => inline.type === 'run' && inline.run.lead)) return inlines;
  const first = inlines[0];
  if (first?.type !== 'run') return inlines;
  const length = leadWordLength(first.run.text, kind);
  if (length === 0) return inlines;
  const head: ExportInline = { type: 'run', run: { ...first.run, text: first.run.text.slice(0, length), lead: true } };
  const rest = first.run.text.slice(length);
  return [head, ...(rest ? [{ type: 'run' as const, run: { ...first.run, text: rest } }] : []), ...inlines.slice(1)];
}
