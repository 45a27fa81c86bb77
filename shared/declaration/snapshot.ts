import type * as Y from 'yjs';
import { z } from 'zod';
import { type ClauseStatusEntry, effectiveStatus } from './clauseStatus';
import { ClauseKind, ClauseStatus } from '../model/kinds';
import { bracketReading, readDeclarationView } from './model/declarationView';

/**
 * A declaration as a version comparison sees it: each paragraph with its identity, number, words,
 * brackets and status, as plain data. Two snapshots can be compared without an editor, and a
 * snapshot can cross the service contract.
 */

export const SnapshotAlternative = z.object({ text: z.string(), proposers: z.array(z.string()) });
export type SnapshotAlternative = z.infer<typeof SnapshotAlternative>;

export const SnapshotSegment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('bracket'), bracketId: z.string(), alternatives: z.array(SnapshotAlternative) }),
]);
export type SnapshotSegment = z.infer<typeof SnapshotSegment>;

export const SnapshotParagraph = z.object({
  /** The paragraph's id in the model: what comparison aligns by. */
  clauseId: z.string().nullable(),
  /** Null for plain paragraphs and headings, which play no part in the anatomy. */
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
export const bracketText = bracketReading;

export function segmentsText(segments: ReadonlyArray<SnapshotSegment>): string {
  return segments.map((segment) => (segment.type === 'text' ? segment.text : bracketText(segment.alternatives))).join('');
}

/** Reads a declaration's model (the live document or a version); nothing is written. */
export function readDeclarationSnapshot(doc: Y.Doc, statuses: ReadonlyMap<string, ClauseStatusEntry> = new Map()): DeclarationSnapshot {
  return {
    paragraphs: readDeclarationView(doc).map((paragraph) => ({
      clauseId: paragraph.id,
      kind: paragraph.clauseKind,
      label: paragraph.label || null,
      marker: paragraph.marker || null,
      text: paragraph.text,
      segments: paragraph.segments.map((segment): SnapshotSegment =>
        segment.type === 'text'
          ? { type: 'text', text: segment.text }
          : { type: 'bracket', bracketId: segment.bracketId, alternatives: segment.alternatives.map(({ text, proposers }) => ({ text, proposers: [...proposers] })) },
      ),
      status: effectiveStatus(statuses.get(paragraph.id), paragraph.text).status,
    })),
  };
}
