import { delegationKey } from '../model/delegations';
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

/** A delegation as the opening names it: its city, and its head where the secretariat has listed one. */
export interface DraftDelegation {
  name: string;
  headName: string;
  headTitle: string;
}

/** Who a draft built from the meeting names: the meeting's list, else who has joined. */
export interface DraftDelegations {
  /** The secretariat's list of delegations, in its order. */
  listed: ReadonlyArray<DraftDelegation>;
  /** The delegations participants joined as, used while nothing is listed. */
  joined: ReadonlyArray<string>;
}

/** "H.E. Mr. Khuong Sreng, Governor of Phnom Penh", or what stands for a head not yet known. */
function headOf(delegation: DraftDelegation, language: DraftLanguage): string {
  const { name, headName, headTitle } = delegation;
  if (language === 'vi') {
    if (headName && headTitle) return `${headName}, ${headTitle}`;
    if (headName) return `${headName}, Trưởng đoàn ${name}`;
    return headTitle || `Trưởng đoàn ${name}`;
  }
  if (headName && headTitle) return `${headName}, ${headTitle}`;
  if (headName) return `${headName}, Head of the Delegation of ${name}`;
  return headTitle ? `the ${headTitle}` : `the Head of the Delegation of ${name}`;
}

/**
 * Heads of delegation in a list. Their titles hold commas ("H.E. Mr. Khuong Sreng, Governor of
 * Phnom Penh"), so three or more are set apart by semicolons, as declarations list them.
 */
function listHeads(heads: ReadonlyArray<string>, language: DraftLanguage): string {
  const and = language === 'vi' ? 'và' : 'and';
  if (heads.length <= 2) return heads.join(` ${and} `);
  return `${heads.slice(0, -1).join('; ')}; ${and} ${heads[heads.length - 1]}`;
}

/**
 * The words of the opening that say who is gathered: the listed delegations' heads ("namely H.E.
 * …; and …"), or, where no head is listed, the cities ("representing Ha Noi and Vientiane"); with
 * nothing listed, the delegations that joined, alphabetically. Empty when nobody is known.
 */
function whoIsGathered(delegations: DraftDelegations, language: DraftLanguage): string {
  const seen = new Set<string>();
  const listed = delegations.listed.filter((d) => {
    const key = delegationKey(d.name);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (listed.some((d) => d.headName || d.headTitle)) {
    const heads = listHeads(
      listed.map((d) => headOf(d, language)),
      language,
    );
    return language === 'vi' ? ` gồm ${heads},` : ` namely ${heads},`;
  }
  const names = listed.length > 0 ? listed.map((d) => d.name) : [...new Set(delegations.joined)].sort((a, b) => a.localeCompare(b));
  if (names.length === 0) return '';
  return language === 'vi' ? ` đại diện cho ${listNames(names, language)},` : ` representing ${listNames(names, language)},`;
}

/**
 * A declaration's fixed parts written from the meeting: title, opening (who, where, when),
 * the words before the commitments and the adoption formula, with an empty PP and OP to start
 * drafting in. The drafters rewrite any of it; nothing here is more than a starting point.
 */
export function buildMeetingDraft(meeting: MeetingSummary, delegations: DraftDelegations, language: DraftLanguage): DraftParagraph[] {
  const dates = formatMeetingDates(meeting.startDate, meeting.endDate, language);
  const adoptedOn = formatLongDate(meeting.endDate, language);
  const city = cityOf(meeting.place);
  const gathered = whoIsGathered(delegations, language);
  if (language === 'vi') {
    return [
      { kind: 'title', text: `Tuyên bố ${city}` },
      { kind: 'opening', text: `Chúng tôi, các Thống đốc và Thị trưởng các Thủ đô ASEAN,${gathered} họp tại ${meeting.place} ${dates} nhân dịp ${meeting.title},` },
      { kind: 'pp', text: '' },
      { kind: 'operative-opening', text: 'Nhất trí:' },
      { kind: 'op', text: '' },
      { kind: 'adoption', text: `Thông qua tại ${meeting.place}, ${adoptedOn}.` },
    ];
  }
  return [
    { kind: 'title', text: `${city} Declaration` },
    { kind: 'opening', text: `We, the Governors and Mayors of the ASEAN Capitals,${gathered} gathered in ${meeting.place} on ${dates} on the occasion of the ${meeting.title},` },
    { kind: 'pp', text: '' },
    { kind: 'operative-opening', text: 'Hereby agree to:' },
    { kind: 'op', text: '' },
    { kind: 'adoption', text: `Adopted in ${meeting.place}, on ${adoptedOn}.` },
  ];
}
