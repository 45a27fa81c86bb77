import { $getRoot, $isElementNode, type ElementNode, type LexicalNode } from 'lexical';
import * as Y from 'yjs';
import { z } from 'zod';
import { openHeadlessDeclaration } from '../model/headlessDeclaration';
import { $readBracket } from './brackets';
import { type ClauseStatusEntry, readClauseStatuses, statusOf } from './clauseStatus';
import { ClauseKind, ClauseStatus } from './kinds';
import { $isBracketNode, type BracketNode } from './nodes';
import { $readOutline } from './outline';

/**
 * A declaration as a version comparison sees it: each top-level paragraph with its identity,
 * number, words, brackets and status, as plain data. Two snapshots can be compared without a
 * Lexical editor, and a snapshot can cross the service contract.
 */

export const SnapshotAlternative = z.object({ text: z.string(), proposers: z.array(z.string()) });
export type SnapshotAlternative = z.infer<typeof SnapshotAlternative>;

export const SnapshotSegment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('bracket'), bracketId: z.string(), alternatives: z.array(SnapshotAlternative) }),
]);
export type SnapshotSegment = z.infer<typeof SnapshotSegment>;

export const SnapshotParagraph = z.object({
  /** Null for plain paragraphs and headings, which have no clause identity. */
  clauseId: z.string().nullable(),
  kind: ClauseKind.nullable(),
  /** "OP2(a)", "PP3"; null for parts that are not cited by number (title, opening, …). */
  label: z.string().nullable(),
  /** "1.", "(a)"; null where nothing precedes the text. */
  marker: z.string().nullable(),
  /** The words as a reader sees them, a bracket written out as "[shall / should]". */
  text: z.string(),
  segments: z.array(SnapshotSegment),
  status: ClauseStatus,
});
export type SnapshotParagraph = z.infer<typeof SnapshotParagraph>;

export const DeclarationSnapshot = z.object({ paragraphs: z.array(SnapshotParagraph) });
export type DeclarationSnapshot = z.infer<typeof DeclarationSnapshot>;

/** How a bracket reads in running text: "[shall / should]". */
export function bracketText(alternatives: ReadonlyArray<SnapshotAlternative>): string {
  return `[${alternatives.map((alternative) => alternative.text).join(' / ')}]`;
}

export function segmentsText(segments: ReadonlyArray<SnapshotSegment>): string {
  return segments.map((segment) => (segment.type === 'text' ? segment.text : bracketText(segment.alternatives))).join('');
}

/**
 * Reads a declaration's Y.Doc. The headless editor's rules may normalise content as it opens;
 * it is bound to a copy, so reading a version (or the live document) never writes to it.
 */
export function readDeclarationSnapshot(doc: Y.Doc): DeclarationSnapshot {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const session = openHeadlessDeclaration(copy);
  try {
    const statuses = readClauseStatuses(doc);
    return { paragraphs: session.editor.getEditorState().read(() => $readSnapshotParagraphs(statuses)) };
  } finally {
    session.dispose();
    copy.destroy();
  }
}

/** The current editor state's paragraphs, in order; call inside a read or update. */
export function $readSnapshotParagraphs(statuses: ReadonlyMap<string, ClauseStatusEntry>): SnapshotParagraph[] {
  const blocks = $getRoot().getChildren();
  return $readOutline().map((item, index) => {
    const block = blocks[index];
    const segments = $isElementNode(block) ? $segmentsOf(block) : textSegments(block?.getTextContent() ?? '');
    return {
      clauseId: item.clauseId,
      kind: item.kind,
      label: item.label || null,
      marker: item.marker || null,
      text: segmentsText(segments),
      segments,
      status: statusOf(statuses, item.clauseId),
    };
  });
}

function $segmentsOf(block: ElementNode): SnapshotSegment[] {
  const segments: SnapshotSegment[] = [];
  const addText = (text: string) => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last?.type === 'text') last.text += text;
    else segments.push({ type: 'text', text });
  };
  const visit = (node: LexicalNode, index: number) => {
    if ($isBracketNode(node)) segments.push($bracketSegment(node));
    else if ($isElementNode(node)) {
      // Legacy lists hold block children; keep their items apart as getTextContent() would.
      if (index > 0 && !node.isInline()) addText('\n');
      node.getChildren().forEach(visit);
    } else addText(node.getTextContent());
  };
  block.getChildren().forEach(visit);
  return segments;
}

function $bracketSegment(bracket: BracketNode): SnapshotSegment {
  const { bracketId, alternatives } = $readBracket(bracket);
  return { type: 'bracket', bracketId, alternatives: alternatives.map(({ text, proposers }) => ({ text, proposers })) };
}

function textSegments(text: string): SnapshotSegment[] {
  return text === '' ? [] : [{ type: 'text', text }];
}
