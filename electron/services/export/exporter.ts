import * as Y from 'yjs';
import { AccordError } from '../../../shared/api/errors';
import { compareDeclarations } from '../../../shared/declaration/compare';
import { buildComparisonDocx } from '../../../shared/export/comparisonDocx';
import { buildRedlineExport, type ComparedText } from '../../../shared/export/comparisonExport';
import { renderComparisonHtml } from '../../../shared/export/comparisonHtml';
import { buildDeclarationDocx } from '../../../shared/export/docx';
import { buildExportAgenda, renderAgendaHtml } from '../../../shared/export/agendaHtml';
import type { ExportDeclaration, ExportFormat, ExportMode, ExportPaper, ExportStamp } from '../../../shared/export/exportModel';
import { renderMarkdown } from '../../../shared/export/markdown';
import { type PrintDocument, type PrintFont, renderPrintHtml } from '../../../shared/export/printHtml';
import { readExportDeclaration } from '../../../shared/export/readExportDeclaration';
import { agreedTextOnly, describeUnagreed, findUnagreedText, type UnagreedChoice, type UnagreedPart } from '../../../shared/export/unagreedText';
import { exportCatalogue, type ExportLanguage } from '../../../shared/i18n/exportCatalogue';
import type { Language } from '../../../shared/model/settings';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { putAgendaItem, readMeetingAgenda, setAgendaDayStart } from '../../../shared/model/agenda';
import { addMeetingDocument, readAllMeetingDocuments, readMeetingSummary, writeMeetingMeta } from '../../../shared/model/meetingDoc';
import type { MeetingDocs } from '../../../shared/model/secretariatDoc';
import type { VersionRef, VersionSummary } from '../../../shared/model/versions';
import { documentNotFound } from '../serviceContext';
import type { Logger } from '../../storage/logger';
import { meetingNotFound } from '../meetings';
import type { Replicas } from '../../storage/replicas';
import { withMeetingDocs } from '../secretariat';
import { readSettings } from '../settings';
import type { AppStore } from '../../storage/appStore';
import type { Versions } from '../versions';
import { bundledFonts } from './fonts';
import { type PdfEngine, PdfEngineUnavailable } from './pdfEngine';
import { setPdfMetadata } from './pdfMetadata';

export interface ExporterDeps {
  store: AppStore;
  replicas: Replicas;
  versions: Versions;
  pdf: PdfEngine;
  now: () => number;
  log: Logger;
  /** The bundled faces (data: URLs); read from node_modules/@fontsource by default. */
  fonts?: () => ReadonlyArray<PrintFont>;
  /** Minutes local time is behind UTC at an instant (Date#getTimezoneOffset), for the printed date. */
  timezoneOffset?: (time: number) => number;
}

export interface DeclarationExportRequest {
  documentId: string;
  format: ExportFormat;
  mode: ExportMode;
  paper: ExportPaper;
  /** A saved version instead of the current text. */
  versionId?: string;
  /** Language of the page furniture (header, "Page X of Y", status marks); the document's by default. */
  language?: ExportLanguage;
  /** What a final export does with text nobody agreed to; without it, such an export is refused. */
  unagreed?: UnagreedChoice;
}

export interface ComparisonExportRequest {
  documentId: string;
  from: VersionRef;
  to: VersionRef;
  format: 'pdf' | 'docx';
  paper: ExportPaper;
  /** Only the paragraphs that changed. */
  changesOnly: boolean;
  /** Language of the page furniture; the document's by default. */
  language?: ExportLanguage;
}

export interface AgendaExportRequest {
  meetingId: string;
  format: 'pdf' | 'html';
  paper: ExportPaper;
  language?: ExportLanguage;
}

export interface ExportedBytes {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** Pages of a PDF; null for the other formats. */
  pages: number | null;
}

export interface FoundDocument {
  documentId: string;
  meetingId: string;
  title: string;
  meetingTitle: string;
  /** The document's own language; null for one written before documents had one. */
  language: Language | null;
  symbol: string | null;
  distribution: string | null;
}

export const EXPORT_MIME: Readonly<Record<ExportFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

const encoder = new TextEncoder();

/** A file name every platform accepts: no separators, reserved characters or trailing dots. */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 150)
    .trim();
  return `${cleaned || 'Accord export'}.${extension}`;
}

/** ISO date-time in local time with its offset ("2022-12-02T14:05:00+07:00"): the time the reader saw. */
export function localIso(time: number, offsetMinutes: number): string {
  const local = new Date(time - offsetMinutes * 60_000);
  const sign = offsetMinutes <= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

/**
 * Exports declarations (PDF, Word, HTML, Markdown) and agendas (PDF, HTML) from the local
 * replicas. Plain Node: the PDF engine is passed in (headless Chromium in the host and CLI,
 * printToPDF in Electron), and nothing here writes to a document.
 */
export class Exporter {
  private readonly timezoneOffset: (time: number) => number;

  constructor(private readonly deps: ExporterDeps) {
    this.timezoneOffset = deps.timezoneOffset ?? ((time) => new Date(time).getTimezoneOffset());
  }

  /** A declaration by its exact id, else by its exact title across every meeting held here. */
  findDocument(idOrTitle: string): FoundDocument {
    const { store } = this.deps;
    const all: FoundDocument[] = [];
    for (const meeting of store.listDocs('meeting')) {
      withMeetingDocs(this.deps, meeting.id, (docs) => {
        const meetingTitle = readMeetingSummary(docs, meeting.id)?.title ?? '';
        for (const entry of readAllMeetingDocuments(docs)) {
          if (entry.kind === 'declaration') {
            all.push({ documentId: entry.id, meetingId: meeting.id, title: entry.title, meetingTitle, language: entry.language, symbol: entry.symbol, distribution: entry.distribution });
          }
        }
      });
    }
    const byId = all.find((doc) => doc.documentId === idOrTitle);
    if (byId && store.getDoc(byId.documentId)?.kind === 'declaration') return byId;
    const byTitle = all.filter((doc) => doc.title === idOrTitle && store.getDoc(doc.documentId)?.kind === 'declaration');
    if (byTitle.length === 1) return byTitle[0]!;
    if (byTitle.length > 1) {
      const list = byTitle.map((doc) => `${doc.documentId} (${doc.meetingTitle || doc.meetingId})`).join(', ');
      throw new AccordError('invalid_request', `${byTitle.length} documents are titled “${idOrTitle}”: ${list}. Give the id of the one to export.`);
    }
    throw new AccordError('not_found', `No document here has the id or the exact title “${idOrTitle}”.`);
  }

  /** A version of a document by its id, else by its exact label. */
  findVersion(documentId: string, idOrLabel: string): VersionSummary {
    const versions = this.deps.versions.list(documentId);
    const byId = versions.find((v) => v.id === idOrLabel);
    if (byId) return byId;
    const byLabel = versions.filter((v) => v.label === idOrLabel);
    if (byLabel.length === 1) return byLabel[0]!;
    if (byLabel.length > 1) {
      throw new AccordError('invalid_request', `${byLabel.length} versions are labelled “${idOrLabel}”: ${byLabel.map((v) => v.id).join(', ')}. Give the id of one.`);
    }
    throw new AccordError('not_found', `This document has no version with the id or label “${idOrLabel}”.`);
  }

  /** The export model of a declaration (or of one of its versions) and the stamp its draft carries. */
  readDeclaration(documentId: string, versionId?: string, language?: ExportLanguage): { model: ExportDeclaration; stamp: ExportStamp; summary: FoundDocument } {
    const { versions } = this.deps;
    const summary = this.summaryOf(documentId);
    const meeting = this.meetingOf(summary.meetingId);
    const version = versionId ? versions.get(documentId, versionId).summary : null;
    const doc: Y.Doc = versions.openDoc(documentId, versionId ?? 'current');
    try {
      const model = readExportDeclaration(
        doc,
        {
          title: summary.title,
          symbol: summary.symbol,
          distribution: summary.distribution,
          meeting: { title: meeting.title, place: meeting.place, hostCity: meeting.hostCity, startDate: meeting.startDate, endDate: meeting.endDate },
        },
        versions.statuses(documentId, versionId ?? 'current'),
      );
      const time = version ? version.createdAt : this.deps.now();
      const stamp: ExportStamp = {
        versionLabel: version?.label ?? null,
        date: localIso(time, this.timezoneOffset(time)),
        // The document's language, not the window's: an English text exported from a Vietnamese UI is all English.
        language: language ?? summary.language ?? this.language(),
      };
      return { model, stamp, summary };
    } finally {
      doc.destroy();
    }
  }

  /** What a final export of this text would print without agreement (see findUnagreedText). */
  unagreedText(documentId: string, versionId?: string): UnagreedPart[] {
    return findUnagreedText(this.readDeclaration(documentId, versionId).model);
  }

  async render(request: DeclarationExportRequest): Promise<ExportedBytes> {
    const started = Date.now();
    const { format, mode, paper } = request;
    const read = this.readDeclaration(request.documentId, request.versionId, request.language);
    const { stamp, summary } = read;
    const model = mode === 'final' ? this.cleanText(read.model, request.unagreed) : read.model;
    const suffix = [mode === 'negotiation' ? exportCatalogue(stamp.language).negotiationDraft : '', stamp.versionLabel ?? '']
      .filter(Boolean)
      .join(', ');
    const fileName = safeFileName(suffix ? `${summary.title} (${suffix})` : summary.title, format);
    let result: ExportedBytes;
    switch (format) {
      case 'pdf': {
        const print = renderPrintHtml(model, { mode, paper, stamp, fonts: this.fonts() });
        const { bytes, pages } = await this.printPdf(print);
        result = { fileName, mime: EXPORT_MIME.pdf, bytes, pages };
        break;
      }
      case 'html': {
        const print = renderPrintHtml(model, { mode, paper, stamp, fonts: this.fonts() });
        result = { fileName, mime: EXPORT_MIME.html, bytes: encoder.encode(print.html), pages: null };
        break;
      }
      case 'md':
        result = { fileName, mime: EXPORT_MIME.md, bytes: encoder.encode(renderMarkdown(model, mode, stamp)), pages: null };
        break;
      case 'docx':
        result = { fileName, mime: EXPORT_MIME.docx, bytes: await buildDeclarationDocx(model, { mode, paper, stamp }), pages: null };
        break;
      default:
        throw new AccordError('invalid_request', `Accord cannot export to “${String(format)}”: use pdf, docx, html or md.`);
    }
    this.deps.log.info('export.declaration', {
      documentId: request.documentId,
      format,
      mode,
      paper,
      versionId: request.versionId ?? null,
      unagreed: mode === 'final' ? (request.unagreed ?? null) : null,
      bytes: result.bytes.byteLength,
      pages: result.pages,
      ms: Date.now() - started,
    });
    return result;
  }

  /** Two versions of a declaration compared, as the compare screen shows them, for circulation. */
  async renderComparison(request: ComparisonExportRequest): Promise<ExportedBytes> {
    const started = Date.now();
    const { documentId, from, to, format, paper, changesOnly } = request;
    const { versions } = this.deps;
    const summary = this.summaryOf(documentId);
    const meeting = this.meetingOf(summary.meetingId);
    const language = request.language ?? summary.language ?? this.language();
    const now = this.deps.now();
    const compared = (ref: VersionRef): ComparedText => {
      const version = ref === 'current' ? null : versions.get(documentId, ref).summary;
      const time = version ? version.createdAt : now;
      return { label: version?.label ?? null, date: localIso(time, this.timezoneOffset(time)) };
    };
    const [before, after] = [compared(from), compared(to)];
    const model = buildRedlineExport({
      document: {
        title: summary.title,
        symbol: summary.symbol,
        distribution: summary.distribution,
        meeting: { title: meeting.title, place: meeting.place, hostCity: meeting.hostCity, startDate: meeting.startDate, endDate: meeting.endDate },
      },
      from: before,
      to: after,
      comparison: compareDeclarations(versions.snapshot(documentId, from), versions.snapshot(documentId, to)),
      changesOnly,
      language,
    });
    const strings = exportCatalogue(language);
    const labelOf = (text: ComparedText) => text.label ?? strings.current;
    const suffix = [strings.redline.title, `${labelOf(before)} – ${labelOf(after)}`, changesOnly ? strings.redline.changesOnly : ''].filter(Boolean).join(', ');
    const fileName = safeFileName(`${summary.title} (${suffix})`, format);
    let result: ExportedBytes;
    switch (format) {
      case 'pdf': {
        const print = renderComparisonHtml(model, { paper, fonts: this.fonts() });
        result = { fileName, mime: EXPORT_MIME.pdf, ...(await this.printPdf(print)) };
        break;
      }
      case 'docx':
        result = { fileName, mime: EXPORT_MIME.docx, bytes: await buildComparisonDocx(model, { paper, date: after.date }), pages: null };
        break;
      default:
        throw new AccordError('invalid_request', `Accord cannot export a comparison to “${String(format)}”: use pdf or docx.`);
    }
    this.deps.log.info('export.comparison', { documentId, from, to, format, paper, changesOnly, bytes: result.bytes.byteLength, pages: result.pages, ms: Date.now() - started });
    return result;
  }

  async renderAgenda(request: AgendaExportRequest): Promise<ExportedBytes> {
    const started = Date.now();
    const { meetingId, format, paper } = request;
    if (this.deps.store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
    const agenda = withMeetingDocs(this.deps, meetingId, (docs) => {
      const meeting = readMeetingSummary(docs, meetingId);
      if (!meeting) throw meetingNotFound();
      const view = agendaView(docs, meeting);
      try {
        return buildExportAgenda(view, meeting);
      } finally {
        view.destroy();
      }
    });
    const language = request.language ?? this.language();
    const time = this.deps.now();
    const print = renderAgendaHtml(agenda, { paper, language, date: localIso(time, this.timezoneOffset(time)), fonts: this.fonts() });
    const fileName = safeFileName(`${agenda.meeting.title} – ${exportCatalogue(language).agenda.title}`, format);
    const result: ExportedBytes =
      format === 'pdf'
        ? { fileName, mime: EXPORT_MIME.pdf, ...(await this.printPdf(print)) }
        : { fileName, mime: EXPORT_MIME.html, bytes: encoder.encode(print.html), pages: null };
    this.deps.log.info('export.agenda', { meetingId, format, paper, bytes: result.bytes.byteLength, ms: Date.now() - started });
    return result;
  }

  private async printPdf(print: PrintDocument): Promise<{ bytes: Uint8Array; pages: number }> {
    let raw: Uint8Array;
    try {
      raw = await this.deps.pdf.print(print);
    } catch (error) {
      this.deps.log.error('export.pdf', { error: String(error) });
      // Said as it is (no Chromium here, or it would not start), rather than as an unexpected problem.
      if (error instanceof PdfEngineUnavailable) throw new AccordError('internal', error.message);
      throw error;
    }
    return setPdfMetadata(raw, {
      title: print.title,
      author: print.author,
      subject: print.subject,
      language: print.language,
      headings: print.headings,
      date: new Date(this.deps.now()),
    });
  }

  /**
   * The text a final export prints. Unagreed parts never reach an adopted text unless the person
   * exporting was told of them and chose: printed as they stand, or left out.
   */
  private cleanText(model: ExportDeclaration, unagreed: UnagreedChoice | undefined): ExportDeclaration {
    const parts = findUnagreedText(model);
    if (parts.length === 0) return model;
    if (unagreed === 'omit') return agreedTextOnly(model);
    if (unagreed === 'include') return model;
    throw new AccordError(
      'invalid_request',
      `This text is not all agreed: ${describeUnagreed(parts)}. Choose to print those parts as they stand, or to leave them out.`,
    );
  }

  private summaryOf(documentId: string): FoundDocument {
    const stored = this.deps.store.getDoc(documentId);
    if (stored?.kind !== 'declaration' || !stored.meetingId) throw documentNotFound();
    const meetingId = stored.meetingId;
    return withMeetingDocs(this.deps, meetingId, (docs) => {
      const entry = readAllMeetingDocuments(docs).find((d) => d.id === documentId);
      if (!entry) throw documentNotFound();
      const meetingTitle = readMeetingSummary(docs, meetingId)?.title ?? '';
      return { documentId, meetingId, title: entry.title, meetingTitle, language: entry.language, symbol: entry.symbol, distribution: entry.distribution };
    });
  }

  private meetingOf(meetingId: string): MeetingSummary {
    const meeting = withMeetingDocs(this.deps, meetingId, (docs) => readMeetingSummary(docs, meetingId));
    if (!meeting) throw meetingNotFound();
    return meeting;
  }

  private fonts(): ReadonlyArray<PrintFont> {
    return this.deps.fonts ? this.deps.fonts() : bundledFonts();
  }

  private language(): Language {
    return readSettings(this.deps.store).language;
  }
}

/**
 * A scratch doc holding what buildExportAgenda reads from a single doc: the meeting's agenda
 * (from the secretariat doc, or a legacy meeting doc) and every document the meeting lists, in
 * their two lists. That function predates the split into two docs; its module is being rewritten
 * with the declaration's export, and it can take these directly then.
 */
function agendaView(docs: MeetingDocs, meeting: MeetingSummary): Y.Doc {
  const view = new Y.Doc();
  const { items, dayStarts } = readMeetingAgenda(docs);
  writeMeetingMeta(view, meeting);
  for (const item of items) putAgendaItem(view, item);
  for (const [day, start] of Object.entries(dayStarts)) setAgendaDayStart(view, day, start);
  for (const entry of readAllMeetingDocuments(docs)) addMeetingDocument(view, entry);
  return view;
}
