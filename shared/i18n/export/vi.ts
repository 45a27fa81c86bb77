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
  redline: {
    title: 'Bản so sánh',
    changesOnly: 'Chỉ các thay đổi',
    between: (from, to) => `Từ ${from} đến ${to}`,
    summary: (c) => `${c.added} đoạn thêm · ${c.removed} đoạn xoá · ${c.edited} đoạn sửa · ${c.moved} đoạn chuyển chỗ · ${c.unchanged} đoạn không đổi`,
    identical: 'Không có khác biệt: hai phiên bản có cùng nội dung, ngoặc vuông và trạng thái.',
    noChanges: 'Không có đoạn nào thay đổi giữa hai phiên bản này.',
    key: 'Chú giải:',
    inserted: 'từ ngữ được thêm',
    deleted: 'từ ngữ bị xoá',
    tags: { added: 'Thêm mới', removed: 'Đã xoá', edited: 'Đã sửa', moved: 'Đã chuyển chỗ' },
    movedFrom: (label) => `Đã chuyển chỗ: trước là ${label}`,
    kinds: {
      title: 'Tiêu đề',
      opening: 'Phần mở đầu',
      pp: 'Đoạn mở đầu',
      'operative-opening': 'Câu dẫn phần cam kết',
      op: 'Đoạn cam kết',
      sub: 'Tiểu đoạn',
      adoption: 'Công thức thông qua',
    },
    plainParagraph: 'Đoạn thường',
    nobody: 'không ai',
    notes: {
      bracketAdded: (bracket, proposers) => `Thêm ngoặc vuông: ${bracket}, do ${proposers} đề xuất`,
      bracketAgreed: (kept) => `Ngoặc vuông đã được thống nhất: giữ “${kept}”`,
      bracketRemoved: (bracket) => `Bỏ ngoặc vuông: ${bracket}`,
      alternativesChanged: (before, after) => `Các phương án thay đổi từ ${before} thành ${after}`,
      proposersChanged: (text, before, after) => `Bên đề xuất “${text}” thay đổi từ ${before} thành ${after}`,
      statusChanged: (before, after) => `Trạng thái thay đổi từ ${before} thành ${after}`,
      kindChanged: (before, after) => `Loại đoạn thay đổi từ ${before} thành ${after}`,
    },
  },
  // Official Vietnamese writes dates "ngày 2 tháng 12 năm 2022", which Intl does not: the clause
  // library's phrasing, as in the declaration's own text.
  longDate: (day) => formatLongDate(day, 'vi'),
  meetingDates: (start, end) => formatMeetingDates(start, end, 'vi'),
};
