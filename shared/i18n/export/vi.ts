import { formatLongDate, formatMeetingDates } from '../../model/templates';
import type { ExportCatalogue } from '../exportStrings';

export const vi: ExportCatalogue = {
  locale: 'vi-VN',
  draft: 'DỰ THẢO',
  version: 'Phiên bản',
  current: 'Văn bản hiện tại',
  distribution: 'Phân phối',
  negotiationDraft: 'dự thảo đàm phán',
  page: (current, total) => ['Trang ', current, ' / ', total],
  status: { pending: 'đang chờ', 'ad-referendum': 'đã thống nhất ad referendum', agreed: 'đã thống nhất' },
  // Short enough for the label column on one line.
  statusShort: { pending: 'đang chờ', 'ad-referendum': 'ad ref.', agreed: 'thống nhất' },
  agenda: {
    title: 'Chương trình nghị sự',
    number: 'STT',
    time: 'Thời gian',
    item: 'Nội dung',
    presenter: 'Người trình bày hoặc phái đoàn',
    document: 'Văn kiện',
    kind: 'Loại',
    empty: 'Chưa có mục nào trong ngày này.',
    printed: 'In ngày',
    kinds: { opening: 'Khai mạc', session: 'Phiên họp', break: 'Giải lao', adoption: 'Thông qua', closing: 'Bế mạc' },
  },
  // Official Vietnamese writes dates "ngày 2 tháng 12 năm 2022", which Intl does not: the clause
  // library's phrasing, as in the declaration's own text.
  longDate: (day) => formatLongDate(day, 'vi'),
  meetingDates: (start, end) => formatMeetingDates(start, end, 'vi'),
};
