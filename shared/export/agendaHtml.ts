import type * as Y from 'yjs';
import { readAgenda, readAgendaDayStarts } from '../model/agenda';
import { type AgendaKind, dayOffset, meetingDays, scheduleAgenda } from '../model/agendaSchedule';
import type { MeetingSummary } from '../model/meeting';
import { readMeetingDocuments } from '../model/meetingDoc';
import { exportCatalogue, type ExportLanguage } from '../i18n/exportCatalogue';
import { intlTime, intlTwelveHour } from '../i18n/intlDates';
import type { ExportPaper } from './exportModel';
import {
  basePrintCss,
  cssString,
  escapeHtml,
  printDocumentShell,
  cssPageOf,
  formatStampDate,
  type PageMargin,
  type PrintDocument,
  type PrintFont,
  SANS_STACK,
} from './printHtml';
import { scriptLanguage } from '../i18n/scripts';

/** A meeting's agenda as its export prints it: a table per day, times computed as the window shows them. */
export interface ExportAgendaRow {
  number: number;
  /** Minutes since the item's day began; past 24 hours it runs into the next day. The print writes it in its language. */
  start: number;
  end: number;
  title: string;
  kind: AgendaKind;
  presenter: string;
  /** The linked document's title, if it is still in the meeting. */
  document: string | null;
}

export interface ExportAgenda {
  meeting: { title: string; place: string; hostCity: string; startDate: string; endDate: string };
  days: Array<{ day: string; rows: ExportAgendaRow[] }>;
}

/** A time as the export's language writes times ("09:00", "9:00 AM"); past midnight with its day offset ("00:30 (+1)"). */
function clock(minutes: number, locale: string): string {
  const offset = dayOffset(minutes);
  return offset > 0 ? `${intlTime(locale, minutes)} (+${offset})` : intlTime(locale, minutes);
}

/** Reads a meeting's agenda (from its Y.Doc) into the export model: every meeting day, and any other day with items. */
export function buildExportAgenda(doc: Y.Doc, meeting: MeetingSummary): ExportAgenda {
  const items = readAgenda(doc);
  const rows = scheduleAgenda(items, meeting, readAgendaDayStarts(doc));
  const titles = new Map(readMeetingDocuments(doc).map((entry) => [entry.id, entry.title]));
  const days = [...new Set([...meetingDays(meeting.startDate, meeting.endDate), ...items.map((item) => item.day)])].sort();
  return {
    meeting: { title: meeting.title, place: meeting.place, hostCity: meeting.hostCity, startDate: meeting.startDate, endDate: meeting.endDate },
    days: days.map((day) => ({
      day,
      rows: rows
        .filter((row) => row.item.day === day)
        .map((row) => ({
          number: row.number,
          start: row.start,
          end: row.end,
          title: row.item.title,
          kind: row.item.kind,
          presenter: row.item.presenter,
          document: row.item.documentId ? (titles.get(row.item.documentId) ?? null) : null,
        })),
    })),
  };
}

export interface AgendaPrintOptions {
  paper: ExportPaper;
  language: ExportLanguage;
  /** ISO date-time of the export, printed in the header. */
  date: string;
  fonts: ReadonlyArray<PrintFont>;
}

const AGENDA_CSS = `
.title-block { text-align: center; margin: 0 0 7mm; }
.title-block h1 { font-size: 15pt; margin: 0 0 0.3em; }
.title-block p { margin: 0; font-family: ${SANS_STACK}; font-size: 10pt; }
h2 { font-size: 12.5pt; margin: 1.2em 0 0.5em; font-family: ${SANS_STACK}; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.35; }
thead { display: table-header-group; }
th { font-family: ${SANS_STACK}; font-size: 8.5pt; font-weight: 700; text-align: left; border-bottom: 1.2pt solid #000; padding: 4pt 6pt; }
td { vertical-align: top; border-bottom: 0.5pt solid #999; padding: 5pt 6pt; }
tr { break-inside: avoid; page-break-inside: avoid; }
table { table-layout: fixed; }
.number { width: 2.4em; text-align: right; }
/* Room for a range on one line ("09:00–09:30", "9:00 AM–9:30 AM"); a longer one breaks after its dash, not into the title. */
.time { width: var(--time-width); font-variant-numeric: tabular-nums; }
.time span { white-space: nowrap; }
.kind { width: 5.4em; }
.presenter { width: 16%; }
.document { width: 17%; }
td.kind { font-family: ${SANS_STACK}; font-size: 8.5pt; color: #333; }
tr.break td { color: #444; font-style: italic; }
.day { break-inside: auto; }
h2 + table { break-before: avoid; }
.empty { font-style: italic; color: #444; }
`;

export function renderAgendaHtml(agenda: ExportAgenda, options: AgendaPrintOptions): PrintDocument {
  const catalogue = exportCatalogue(options.language);
  const words = { ...catalogue.agenda, agenda: catalogue.agenda.title };
  const { meeting } = agenda;
  const margin: PageMargin = { top: '22mm', right: '18mm', bottom: '20mm', left: '18mm' };
  const title = `${meeting.title} – ${words.agenda}`;
  const css = basePrintCss(
    {
      paper: options.paper,
      margin,
      topLeft: cssString(meeting.title),
      topRight: cssString(`${words.printed}: ${formatStampDate(options.date, options.language)}`),
      bottomCenter: cssPageOf(options.language),
    },
    options.fonts,
  );
  const cell = (text: string, cls: string) => {
    const lang = scriptLanguage(text);
    return `<td class="${cls}"${lang ? ` lang="${lang}"` : ''}>${escapeHtml(text)}</td>`;
  };
  const days = agenda.days
    .map(({ day, rows }) => {
      const heading = `<h2>${escapeHtml(catalogue.longDate(day))}</h2>`;
      if (rows.length === 0) return `<section class="day">${heading}<p class="empty">${escapeHtml(words.empty)}</p></section>`;
      const body = rows
        .map(
          (row) =>
            `<tr class="${row.kind}"><td class="number">${row.number}</td><td class="time"><span>${escapeHtml(clock(row.start, catalogue.locale))}</span>–<wbr><span>${escapeHtml(clock(row.end, catalogue.locale))}</span></td>` +
            cell(row.title, 'title') +
            cell(words.kinds[row.kind], 'kind') +
            cell(row.presenter, 'presenter') +
            cell(row.document ?? '', 'document') +
            `</tr>`,
        )
        .join('\n');
      return (
        `<section class="day">${heading}<table><thead><tr><th class="number">${escapeHtml(words.number)}</th><th class="time">${escapeHtml(words.time)}</th>` +
        `<th class="title">${escapeHtml(words.item)}</th><th class="kind">${escapeHtml(words.kind)}</th>` +
        `<th class="presenter">${escapeHtml(words.presenter)}</th><th class="document">${escapeHtml(words.document)}</th></tr></thead>` +
        `<tbody>${body}</tbody></table></section>`
      );
    })
    .join('\n');
  const dates = catalogue.meetingDates(meeting.startDate, meeting.endDate);
  const html = printDocumentShell({
    language: options.language,
    title,
    author: `${meeting.title}, ${meeting.place}`,
    subject: words.agenda,
    css: `${css}\n${AGENDA_CSS}\n:root { --time-width: ${intlTwelveHour(catalogue.locale) ? '11.5em' : '7em'}; }`,
    body: `<header class="title-block"><h1>${escapeHtml(meeting.title)}</h1><p>${escapeHtml(meeting.place)}</p><p>${escapeHtml(dates)}</p><p><strong>${escapeHtml(words.agenda)}</strong></p></header>\n${days}`,
  });
  return {
    html,
    title,
    headings: [meeting.title, ...agenda.days.map(({ day }) => catalogue.longDate(day))],
    author: `${meeting.title}, ${meeting.place}`,
    subject: words.agenda,
    language: options.language,
    paper: options.paper,
    margin,
    headerTemplate: null,
    footerTemplate: null,
  };
}
