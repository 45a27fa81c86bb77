import { formatLongDate, formatMeetingDates } from '../../model/templates';
import type { ExportCatalogue } from '../exportStrings';

export const en: ExportCatalogue = {
  locale: 'en-GB',
  draft: 'DRAFT',
  version: 'Version',
  current: 'Current text',
  distribution: 'Distribution',
  negotiationDraft: 'negotiation draft',
  page: (current, total) => ['Page ', current, ' of ', total],
  status: { pending: 'pending', 'ad-referendum': 'agreed ad referendum', agreed: 'agreed' },
  statusShort: { pending: 'pending', 'ad-referendum': 'ad ref.', agreed: 'agreed' },
  agenda: {
    title: 'Agenda',
    number: 'No.',
    time: 'Time',
    item: 'Item',
    presenter: 'Presenter or delegation',
    document: 'Document',
    kind: 'Kind',
    empty: 'Nothing on this day yet.',
    printed: 'Printed',
    kinds: { opening: 'Opening', session: 'Session', break: 'Break', adoption: 'Adoption', closing: 'Closing' },
  },
  // The clause library's own phrasing, so a declaration's dates read alike in its text and around it.
  longDate: (day) => formatLongDate(day, 'en'),
  meetingDates: (start, end) => formatMeetingDates(start, end, 'en'),
};
