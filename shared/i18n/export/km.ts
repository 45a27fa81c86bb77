import type { ExportCatalogue } from '../exportStrings';
import { intlDay, intlDays } from '../intlDates';

/** Khmer. The clause library has no Khmer text: a Khmer export prints its page furniture in Khmer. */
export const km: ExportCatalogue = {
  locale: 'km-KH',
  draft: 'សេចក្តីព្រាង',
  version: 'កំណែ',
  current: 'អត្ថបទបច្ចុប្បន្ន',
  distribution: 'ការចែកចាយ',
  negotiationDraft: 'សេចក្តីព្រាងសម្រាប់ចរចា',
  page: (current, total) => ['ទំព័រ ', current, ' / ', total],
  status: { pending: 'កំពុងរង់ចាំ', 'ad-referendum': 'បានឯកភាព ad referendum', agreed: 'បានឯកភាព' },
  statusShort: { pending: 'រង់ចាំ', 'ad-referendum': 'ad ref.', agreed: 'ឯកភាព' },
  agenda: {
    title: 'របៀបវារៈ',
    number: 'ល.រ',
    time: 'ម៉ោង',
    item: 'ប្រធានបទ',
    presenter: 'អ្នកបង្ហាញ ឬគណៈប្រតិភូ',
    document: 'ឯកសារ',
    kind: 'ប្រភេទ',
    empty: 'មិនទាន់មានកម្មវិធីនៅថ្ងៃនេះនៅឡើយទេ។',
    printed: 'បោះពុម្ពថ្ងៃ',
    kinds: { opening: 'ពិធីបើក', session: 'សម័យប្រជុំ', break: 'សម្រាក', adoption: 'ការអនុម័ត', closing: 'ពិធីបិទ' },
  },
  longDate: (day) => intlDay('km-KH', day),
  meetingDates: (start, end) => (start === end ? intlDay('km-KH', start) : intlDays('km-KH', start, end)),
};
