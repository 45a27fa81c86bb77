import type { z } from 'zod';
import type { AgendaKind } from '../model/agenda';
import type { ClauseStatus } from '../model/kinds';

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
  /** A day as a declaration writes it: "2 December 2022". */
  longDate(isoDay: string): string;
  /** A meeting's days as one phrase: "1–2 December 2022". */
  meetingDates(startDay: string, endDay: string): string;
}
