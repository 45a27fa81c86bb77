import type { ExportLanguage } from '../i18n/exportCatalogue';
import type { ClauseKind, ClauseStatus } from '../model/kinds';

/**
 * A declaration as every export format reads it (print HTML → PDF, DOCX, Markdown): plain data,
 * read once from the document's Y.Doc, so each format only lays it out.
 */

/** A run of text with the formatting a printer must keep; `lead` marks a PP/OP's opening words (set in italics). */
export interface ExportRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  lead?: boolean;
}

export interface ExportAlternative {
  /** The wording, as runs (an alternative may carry formatting). */
  runs: ExportRun[];
  proposers: string[];
}

export type ExportInline =
  | { type: 'run'; run: ExportRun }
  /** Negotiation text: "[shall / should]" with each wording's proposing delegations. */
  | { type: 'bracket'; bracketId: string; alternatives: ExportAlternative[] };

export interface ExportParagraph {
  /** Null for plain paragraphs, headings and list items outside the declaration's anatomy. */
  kind: ClauseKind | null;
  /** For plain blocks: how to set them (a heading level, a list item, body text). */
  block: 'paragraph' | 'heading1' | 'heading2' | 'heading3' | 'quote' | 'bullet' | 'number';
  /** "OP2(a)", "PP3"; null where the part is not cited by number. */
  label: string | null;
  /** "1.", "(a)"; null where nothing precedes the text. */
  marker: string | null;
  status: ClauseStatus;
  /** Agreed once, on words that have changed since: it counts as pending. */
  changedSinceAgreed: boolean;
  inlines: ExportInline[];
}

export interface ExportDeclaration {
  title: string;
  /** The document's symbol ("ASCN/8/DECL/Rev.2") and distribution ("General"), printed on every page; null if not set. */
  symbol: string | null;
  distribution: string | null;
  meeting: { title: string; place: string; hostCity: string; startDate: string; endDate: string };
  paragraphs: ExportParagraph[];
}

export type ExportMode = 'final' | 'negotiation';
export type ExportPaper = 'a4' | 'letter';
export type ExportFormat = 'pdf' | 'docx' | 'html' | 'md';

/** What a negotiation draft names in its header; a clean text names none of it. */
export interface ExportStamp {
  /** The version being exported, or null for the current text. */
  versionLabel: string | null;
  /** ISO date-time of the export (or of the version). */
  date: string;
  language: ExportLanguage;
}
