import { $isListItemNode, $isListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import * as Y from 'yjs';
import { readClauseStatuses, statusOf, type ClauseStatusEntry } from '../declaration/clauseStatus';
import { hasLeadWords } from '../declaration/kinds';
import { $isLeadWords } from '../declaration/leadWordTransform';
import { leadWordLength } from '../declaration/leadWords';
import { $isAlternativeNode, $isBracketNode, type BracketNode } from '../declaration/nodes';
import { $readOutline, type OutlineItem } from '../declaration/outline';
import { openHeadlessDeclaration } from '../model/headlessDeclaration';
import type { ExportAlternative, ExportDeclaration, ExportInline, ExportParagraph, ExportRun } from './exportModel';

export interface ExportMeta {
  /** The document's title (its name in the meeting), used for the file's metadata and header. */
  title: string;
  meeting: ExportDeclaration['meeting'];
}

/**
 * Reads a declaration's Y.Doc into the export model. As for version snapshots, the headless
 * editor is bound to a copy, so exporting the live document (or a version) never writes to it.
 */
export function readExportDeclaration(doc: Y.Doc, meta: ExportMeta): ExportDeclaration {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const session = openHeadlessDeclaration(copy);
  try {
    const statuses = readClauseStatuses(doc);
    const paragraphs = session.editor.getEditorState().read(() => $readExportParagraphs(statuses));
    return { title: meta.title, meeting: { ...meta.meeting }, paragraphs };
  } finally {
    session.dispose();
    copy.destroy();
  }
}

/** The current editor state as export paragraphs, in order; call inside a read or update. */
export function $readExportParagraphs(statuses: ReadonlyMap<string, ClauseStatusEntry>): ExportParagraph[] {
  const blocks = $getRoot().getChildren();
  const outline = $readOutline();
  return blocks.flatMap((block, index) => $paragraphsOf(block, outline[index]!, statuses));
}

function $paragraphsOf(block: LexicalNode, item: OutlineItem, statuses: ReadonlyMap<string, ClauseStatusEntry>): ExportParagraph[] {
  const status = statusOf(statuses, item.clauseId);
  if ($isListNode(block)) return $listParagraphs(block, status);
  const plain = (blockKind: ExportParagraph['block']): ExportParagraph => ({
    kind: item.kind,
    block: blockKind,
    label: item.label || null,
    marker: item.marker || null,
    status,
    inlines: withLeadWords($isElementNode(block) ? $inlinesOf(block) : textInlines(block.getTextContent()), item.kind),
  });
  if ($isHeadingNode(block)) {
    const level = Number(block.getTag().slice(1));
    return [plain(level <= 1 ? 'heading1' : level === 2 ? 'heading2' : 'heading3')];
  }
  if ($isQuoteNode(block)) return [plain('quote')];
  return [plain('paragraph')];
}

/** A legacy list: one paragraph per item, nested lists flattened in reading order. */
function $listParagraphs(list: ListNode, status: ExportParagraph['status']): ExportParagraph[] {
  const numbered = list.getListType() === 'number';
  const paragraphs: ExportParagraph[] = [];
  for (const child of list.getChildren()) {
    if (!$isListItemNode(child)) continue;
    const nested = child.getChildren().filter($isListNode);
    if (nested.length === 0 || child.getChildren().some((node) => !$isListNode(node))) {
      paragraphs.push({
        kind: null,
        block: numbered ? 'number' : 'bullet',
        label: null,
        marker: numbered ? `${child.getValue()}.` : null,
        status,
        inlines: $inlinesOf(child as ListItemNode, (node) => !$isListNode(node)),
      });
    }
    for (const inner of nested) paragraphs.push(...$listParagraphs(inner, status));
  }
  return paragraphs;
}

function $inlinesOf(element: ElementNode, include: (node: LexicalNode) => boolean = () => true): ExportInline[] {
  const inlines: ExportInline[] = [];
  const visit = (node: LexicalNode) => {
    if (!include(node)) return;
    if ($isBracketNode(node)) inlines.push($bracketInline(node));
    else pushRuns(inlines, $runsOf(node));
  };
  element.getChildren().forEach(visit);
  return inlines;
}

function $bracketInline(bracket: BracketNode): ExportInline {
  const alternatives: ExportAlternative[] = bracket
    .getChildren()
    .filter($isAlternativeNode)
    .map((alternative) => ({ runs: mergeRuns($runsOf(alternative)), proposers: [...alternative.getProposers()] }));
  return { type: 'bracket', bracketId: bracket.getBracketId(), alternatives };
}

/** The text runs under a node (a text node, a line break, or an inline element such as a comment mark). */
function $runsOf(node: LexicalNode): ExportRun[] {
  if ($isTextNode(node)) {
    const text = node.getTextContent();
    if (text === '') return [];
    const run: ExportRun = { text };
    if (node.hasFormat('bold')) run.bold = true;
    if (node.hasFormat('italic')) run.italic = true;
    if (node.hasFormat('underline')) run.underline = true;
    if ($isLeadWords(node)) run.lead = true;
    return [run];
  }
  if ($isLineBreakNode(node)) return [{ text: '\n' }];
  if ($isElementNode(node)) {
    // A block inside a block (legacy content): its text starts on a line of its own.
    const runs = node.getChildren().flatMap($runsOf);
    return node.isInline() ? runs : [{ text: '\n' }, ...runs];
  }
  const text = node.getTextContent();
  return text === '' ? [] : [{ text }];
}

const sameFormat = (a: ExportRun, b: ExportRun) =>
  Boolean(a.bold) === Boolean(b.bold) &&
  Boolean(a.italic) === Boolean(b.italic) &&
  Boolean(a.underline) === Boolean(b.underline) &&
  Boolean(a.lead) === Boolean(b.lead);

function mergeRuns(runs: ReadonlyArray<ExportRun>): ExportRun[] {
  const merged: ExportRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && sameFormat(last, run)) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

function pushRuns(inlines: ExportInline[], runs: ReadonlyArray<ExportRun>): void {
  for (const run of runs) {
    const last = inlines.at(-1);
    if (last?.type === 'run' && sameFormat(last.run, run)) last.run = { ...last.run, text: last.run.text + run.text };
    else inlines.push({ type: 'run', run: { ...run } });
  }
}

function textInlines(text: string): ExportInline[] {
  return text === '' ? [] : [{ type: 'run', run: { text } }];
}

/**
 * Content the lead-word rule never shaped (written by an older version, or by a peer whose
 * editor had not run it yet) gets its lead words here, as the editor would mark them.
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
