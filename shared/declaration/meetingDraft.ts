import type { MeetingSummary } from '../model/meeting';
import type { DraftLanguage } from '../model/settings';
import { formatLongDate, formatMeetingDates } from '../model/templates';
import type { ClauseKind } from '../model/kinds';

export interface DraftParagraph {
  kind: ClauseKind;
  text: string;
}

/** "Ha Noi, Phnom Penh and Vientiane" / "Hà Nội, Phnom Penh và Viêng Chăn". */
export function listNames(names: ReadonlyArray<string>, language: DraftLanguage): string {
  return new Intl.ListFormat(language === 'en' ? 'en-GB' : 'vi-VN', { type: 'conjunction' }).format(names);
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
export function buildMeetingDraft(meeting: MeetingSummary, delegations: ReadonlyArray<string>, language: DraftLanguage): DraftParagraph[] {
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
