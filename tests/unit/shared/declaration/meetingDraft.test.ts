import { describe, expect, it } from 'vitest';
import { buildMeetingDraft, type DraftDelegation } from '../../../../shared/declaration/meetingDraft';
import type { MeetingSummary } from '../../../../shared/model/meeting';

const MEETING: MeetingSummary = {
  id: 'meeting-0000-phnom-penh',
  title: 'Meeting of Governors and Mayors of ASEAN Capitals',
  place: 'Phnom Penh, Cambodia',
  hostCity: 'Phnom Penh',
  startDate: '2022-12-02',
  endDate: '2022-12-03',
  createdAt: 1,
};

const PHNOM_PENH: DraftDelegation = { name: 'Phnom Penh', headName: 'H.E. Mr. Khuong Sreng', headTitle: 'Governor of Phnom Penh' };
const HA_NOI: DraftDelegation = { name: 'Ha Noi', headName: 'H.E. Mr. Tran Sy Thanh', headTitle: 'Chairman of the Ha Noi People’s Committee' };
const VIENTIANE: DraftDelegation = { name: 'Vientiane', headName: 'H.E. Mr. Atsaphangthong Siphandone', headTitle: 'Mayor of Vientiane' };
const cityOnly = (name: string): DraftDelegation => ({ name, headName: '', headTitle: '' });

const opening = (listed: DraftDelegation[], joined: string[], language: 'en' | 'vi') =>
  buildMeetingDraft(MEETING, { listed, joined }, language).find((p) => p.kind === 'opening')!.text;

describe('the opening of a draft built from the meeting', () => {
  it('names the listed heads of delegation in the secretariat’s order, in English', () => {
    expect(opening([PHNOM_PENH, HA_NOI, VIENTIANE], ['Manila'], 'en')).toBe(
      'We, the Governors and Mayors of the ASEAN Capitals, namely H.E. Mr. Khuong Sreng, Governor of Phnom Penh; ' +
        'H.E. Mr. Tran Sy Thanh, Chairman of the Ha Noi People’s Committee; and H.E. Mr. Atsaphangthong Siphandone, Mayor of Vientiane, ' +
        'gathered in Phnom Penh, Cambodia on 2–3 December 2022 on the occasion of the Meeting of Governors and Mayors of ASEAN Capitals,',
    );
  });

  it('names the listed heads of delegation in Vietnamese', () => {
    expect(opening([PHNOM_PENH, HA_NOI, VIENTIANE], [], 'vi')).toBe(
      'Chúng tôi, các Thống đốc và Thị trưởng các Thủ đô ASEAN, gồm H.E. Mr. Khuong Sreng, Governor of Phnom Penh; ' +
        'H.E. Mr. Tran Sy Thanh, Chairman of the Ha Noi People’s Committee; và H.E. Mr. Atsaphangthong Siphandone, Mayor of Vientiane, ' +
        'họp tại Phnom Penh, Cambodia từ ngày 2 đến ngày 3 tháng 12 năm 2022 nhân dịp Meeting of Governors and Mayors of ASEAN Capitals,',
    );
  });

  it('says whose head is not yet known by the delegation, and sets two heads apart with “and”', () => {
    const bangkok = { name: 'Bangkok', headName: 'H.E. Mr. Chadchart Sittipunt', headTitle: '' };
    expect(opening([PHNOM_PENH, cityOnly('Manila')], [], 'en')).toContain(
      'namely H.E. Mr. Khuong Sreng, Governor of Phnom Penh and the Head of the Delegation of Manila, gathered in',
    );
    expect(opening([bangkok, { name: 'Jakarta', headName: '', headTitle: 'Governor of Jakarta' }], [], 'en')).toContain(
      'namely H.E. Mr. Chadchart Sittipunt, Head of the Delegation of Bangkok and the Governor of Jakarta, gathered in',
    );
    expect(opening([PHNOM_PENH, cityOnly('Manila')], [], 'vi')).toContain('gồm H.E. Mr. Khuong Sreng, Governor of Phnom Penh và Trưởng đoàn Manila, họp tại');
    expect(opening([bangkok], [], 'vi')).toContain('gồm H.E. Mr. Chadchart Sittipunt, Trưởng đoàn Bangkok, họp tại');
  });

  it('names the listed cities in their order when no head is listed', () => {
    const listed = [cityOnly('Vientiane'), cityOnly('Phnom Penh'), cityOnly('Ha Noi')];
    expect(opening(listed, ['Manila'], 'en')).toContain('ASEAN Capitals, representing Vientiane, Phnom Penh and Ha Noi, gathered in');
    expect(opening(listed, ['Manila'], 'vi')).toContain('ASEAN, đại diện cho Vientiane, Phnom Penh và Ha Noi, họp tại');
  });

  it('names a city listed twice once', () => {
    expect(opening([PHNOM_PENH, { ...PHNOM_PENH, name: 'phnom  penh' }, HA_NOI], [], 'en')).toContain(
      'namely H.E. Mr. Khuong Sreng, Governor of Phnom Penh and H.E. Mr. Tran Sy Thanh, Chairman of the Ha Noi People’s Committee, gathered',
    );
  });

  it('names the delegations that joined, alphabetically, while the list is empty, and nobody when none has', () => {
    expect(opening([], ['Vientiane', 'Ha Noi', 'Vientiane'], 'en')).toContain('ASEAN Capitals, representing Ha Noi and Vientiane, gathered in');
    expect(opening([], ['Vientiane', 'Ha Noi'], 'vi')).toContain('ASEAN, đại diện cho Ha Noi và Vientiane, họp tại');
    expect(opening([], [], 'en')).toBe(
      'We, the Governors and Mayors of the ASEAN Capitals, gathered in Phnom Penh, Cambodia on 2–3 December 2022 on the occasion of the Meeting of Governors and Mayors of ASEAN Capitals,',
    );
  });
});
