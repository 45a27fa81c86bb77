import type { MeetingSummary } from '../model/meeting';
import type { Language } from '../model/settings';
import { formatLongDate, formatMeetingDates } from '../model/templates';
import type { ClauseKind } from '../model/kinds';

export interface DraftParagraph {
  kind: ClauseKind;
  text: string;
}

/** "Ha Noi, Phnom Penh and Vientiane" / "Hà Nội, Phnom Penh và Viêng Chăn". */
export function listNames(names: ReadonlyArray<string>, language: Language): string {
  const and = language === 'vi' ? 'và' : 'and';
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

/** The city a meeting is held in: "Phnom Penh" from "Phnom Penh, Cambodia". */
export function cityOf(place: string): string {
  return place.split(',')[0]!.trim() || place.trim();
}

/**
 * A declaration's fixed parts written from the meeting: title, opening (who, where, when),
 * the words before the commitments and the adoption formula, with an empty PP and OP to start
 * drafting in. The drafters rewrite any of it; nothing here is more than a starting point.
 */
export function buildMeetingDraft(meeting: MeetingSummary, delegations: ReadonlyArray<string>, language: Language): DraftParagraph[] {
  const dates = formatMeetingDates(meeting.startDate, meeting.endDate, language);
  const adoptedOn = formatLongDate(meeting.endDate, language);
  const city = cityOf(meeting.place);
  const sorted = [...new Set(delegations)].sort((a, b) => a.localeCompare(b));
  if (language === 'vi') {
    const representing = sorted.length > 0 ? ` đại diện cho ${listNames(sorted, language)},` : '';
    return [
      { kind: 'title', text: `Tuyên bố ${city}` },
      { kind: 'opening', text: `Chúng tôi, các Thống đốc và Thị trưởng các Thủ đô ASEAN,${representing} họp tại ${meeting.place} ${dates} nhân dịp ${meeting.title},` },
      { kind: 'pp', text: '' },
      { kind: 'operative-opening', text: 'Nhất trí:' },
      { kind: 'op', text: '' },
      { kind: 'adoption', text: `Thông qua tại ${meeting.place}, ${adoptedOn}.` },
    ];
  }
  const representing = sorted.length > 0 ? ` representing ${listNames(sorted, language)},` : '';
  return [
    { kind: 'title', text: `${city} Declaration` },
    { kind: 'opening', text: `We, the Governors and Mayors of the ASEAN Capitals,${representing} gathered in ${meeting.place} on ${dates} on the occasion of the ${meeting.title},` },
    { kind: 'pp', text: '' },
    { kind: 'operative-opening', text: 'Hereby agree to:' },
    { kind: 'op', text: '' },
    { kind: 'adoption', text: `Adopted in ${meeting.place}, on ${adoptedOn}.` },
  ];
}
