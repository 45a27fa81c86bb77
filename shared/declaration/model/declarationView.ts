import { encodeUtf8 } from 'lib0/string';
import { digest } from 'lib0/hash/sha256';
import type * as Y from 'yjs';
import type { ClauseKind } from '../../model/kinds';
import { numberDeclaration } from '../numbering';
import { readProposers } from './bracketMarks';
import { readParagraphs } from './paragraphOrder';
import { BRACKET_ATTRIBUTE, type BlockKind, clauseKindOf, parseBracketAttribute } from './shape';
import { pushRun, readRuns, type Run } from './textRuns';

/**
 * A declaration as readers see it, straight from its model (no editor): each paragraph shown, in
 * order, with its identity, derived number, words and brackets. Exports, version comparison,
 * statuses' fingerprints and the tests read this.
 */
export interface ViewAlternative {
  alternativeId: string;
  runs: Run[];
  text: string;
  proposers: string[];
}

export type ViewSegment = { type: 'text'; runs: Run[]; text: string } | { type: 'bracket'; bracketId: string; alternatives: ViewAlternative[] };

export interface ViewParagraph {
  id: string;
  kind: BlockKind;
  /** Null for plain text, headings and list items: parts without a role in the anatomy. */
  clauseKind: ClauseKind | null;
  /** Words typed into it after another laptop deleted or merged it: shown, flagged. */
  revived: boolean;
  mergedInto: string | null;
  /** "OP2(a)", "PP3"; "" where the part is not cited by number. */
  label: string;
  /** "1.", "(a)"; "" where nothing precedes the text. */
  marker: string;
  orphan: boolean;
  runs: Run[];
  segments: ViewSegment[];
  /** The words as a reader sees them, a bracket written out as "[shall / should]". */
  text: string;
}

/** How a bracket reads in running text: "[shall / should]". */
export function bracketReading(alternatives: ReadonlyArray<{ text: string }>): string {
  return `[${alternatives.map((alternative) => alternative.text).join(' / ')}]`;
}

type ProposersOf = (bracketId: string, alternativeId: string) => string[];

/** A paragraph's runs as text and brackets: consecutive runs of one bracket form one bracket. */
export function segmentsOf(runs: ReadonlyArray<Run>, proposersOf: ProposersOf = () => []): ViewSegment[] {
  const segments: ViewSegment[] = [];
  for (const run of runs) {
    const mark = parseBracketAttribute(run.attributes[BRACKET_ATTRIBUTE]);
    const last = segments.at(-1);
    if (!mark) {
      const { [BRACKET_ATTRIBUTE]: _bracket, ...attributes } = run.attributes;
      const plain = { text: run.text, attributes };
      if (last?.type === 'text') {
        pushRun(last.runs, plain);
        last.text += run.text;
      } else segments.push({ type: 'text', runs: [plain], text: run.text });
      continue;
    }
    const { [BRACKET_ATTRIBUTE]: _bracket, ...attributes } = run.attributes;
    const inner = { text: run.text, attributes };
    const bracket = last?.type === 'bracket' && last.bracketId === mark.bracketId ? last : null;
    const target = bracket ?? { type: 'bracket' as const, bracketId: mark.bracketId, alternatives: [] };
    if (!bracket) segments.push(target);
    const alternative = target.alternatives.at(-1);
    if (alternative?.alternativeId === mark.alternativeId) {
      pushRun(alternative.runs, inner);
      alternative.text += run.text;
    } else {
      target.alternatives.push({ alternativeId: mark.alternativeId, runs: [inner], text: run.text, proposers: proposersOf(mark.bracketId, mark.alternativeId) });
    }
  }
  return segments;
}

export function segmentsText(segments: ReadonlyArray<ViewSegment>): string {
  return segments.map((segment) => (segment.type === 'text' ? segment.text : bracketReading(segment.alternatives))).join('');
}

/** A paragraph's words as a reader sees them, brackets written out: what a status's fingerprint is taken of. */
export function readingOf(runs: ReadonlyArray<Run>): string {
  return segmentsText(segmentsOf(runs));
}

export function readDeclarationView(doc: Y.Doc): ViewParagraph[] {
  const paragraphs = readParagraphs(doc);
  const numbers = numberDeclaration(paragraphs.map((p) => ({ kind: clauseKindOf(p.kind) })));
  return paragraphs.map((paragraph, index) => {
    const runs = readRuns(paragraph.text);
    const segments = segmentsOf(runs, (bracketId, alternativeId) => readProposers(doc, bracketId, alternativeId));
    const number = numbers[index]!;
    return {
      id: paragraph.id,
      kind: paragraph.kind,
      clauseKind: clauseKindOf(paragraph.kind),
      revived: paragraph.revived,
      mergedInto: paragraph.mergedInto,
      label: number.label,
      marker: number.marker,
      orphan: number.orphan,
      runs,
      segments,
      text: segmentsText(segments),
    };
  });
}

/**
 * What a status records about the words it was given for: a digest of the paragraph as read,
 * brackets and all. Any later edit of the words changes it, so agreement can be told apart from
 * "changed since agreed" without storing the text twice.
 */
export function fingerprintOf(text: string): string {
  return Array.from(digest(encodeUtf8(text)).subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
