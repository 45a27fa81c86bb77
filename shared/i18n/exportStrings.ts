import type { z } from 'zod';
import type { AgendaKind } from '../model/agenda';
import type { ClauseKind, ClauseStatus } from '../model/kinds';

/**
 * Everything an export writes that is not the document's own words, in one language: the page
 * furniture of a print or Word file, status marks, the agenda's headings, and how dates read.
 * Every export (print HTML, PDF, Word, Markdown, the agenda) takes its language as a parameter
 * and reads its words here. Adding an export language is adding its catalogue file in export/
 * and naming it below.
 */
export interface ExportCatalogue {
  /** BCP 47: Word's language for the text, and the locale Intl formats with. */
  locale: string;
  draft: string;
  version: string;
  current: string;
  /** "Distribution", before a document's distribution line ("Distribution: General"). */
  distribution: string;
  /** What a negotiation draft's file name says it is. */
  negotiationDraft: string;
  /** "Page X of Y" in pieces, X and Y given as the medium has them (CSS counters, Word's fields). */
  page<F>(current: F, total: F): Array<string | F>;
  /** A paragraph's status as notes and Word write it. */
  status: Record<ClauseStatus, string>;
  /** …and as the print's narrow label column shows it, on one line. */
  statusShort: Record<ClauseStatus, string>;
  agenda: {
    title: string;
    number: string;
    time: string;
    item: string;
    presenter: string;
    document: string;
    kind: string;
    empty: string;
    printed: string;
    kinds: Record<z.infer<typeof AgendaKind>, string>;
  };
  /** The comparison of two versions (a redline), as its PDF and Word file print it. */
  redline: {
    /** What the document is, in its header and file name: "Comparison". */
    title: string;
    /** The variant listing only the paragraphs that changed. */
    changesOnly: string;
    /** The two versions compared, each already written as "Rev.1 (2 December 2022, 09:00)". */
    between(from: string, to: string): string;
    summary(counts: { added: number; removed: number; edited: number; moved: number; unchanged: number }): string;
    identical: string;
    /** A changes-only list with nothing in it. */
    noChanges: string;
    /** The key to the marks, which must read without colour: "Key:", then a sample of each mark. */
    key: string;
    inserted: string;
    deleted: string;
    tags: { added: string; removed: string; edited: string; moved: string };
    movedFrom(label: string): string;
    /** What a paragraph without a number is, where a note names it. */
    kinds: Record<ClauseKind, string>;
    plainParagraph: string;
    /** Who proposes a wording nobody proposes any more. */
    nobody: string;
    notes: {
      bracketAdded(bracket: string, proposers: string): string;
      bracketAgreed(kept: string): string;
      bracketRemoved(bracket: string): string;
      alternativesChanged(before: string, after: string): string;
      proposersChanged(text: string, before: string, after: string): string;
      statusChanged(before: string, after: string): string;
      kindChanged(before: string, after: string): string;
    };
  };
  /** A day as a declaration writes it: "2 December 2022". */
  longDate(isoDay: string): string;
  /** A meeting's days as one phrase: "1–2 December 2022". */
  meetingDates(startDay: string, endDay: string): string;
}
