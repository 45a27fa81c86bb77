import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeetingSummary, updateMeetingParticulars } from '../../../../shared/model/meetingDoc';
import { MEETING_ID, newMeetingDocs, PARTICULARS, replicaOfDocs, syncDocs } from './meetingDocsKit';

const { createdAt: _createdAt, ...INPUT } = PARTICULARS;

describe('correcting a meeting’s particulars', () => {
  it('keeps both corrections when two secretariat laptops correct different fields at once', () => {
    const a = newMeetingDocs();
    const b = replicaOfDocs(a);
    updateMeetingParticulars(a.secretariat, { ...INPUT, title: 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals' });
    updateMeetingParticulars(b.secretariat, { ...INPUT, place: 'Chaktomuk Conference Hall, Phnom Penh' });
    syncDocs(a, b);
    for (const docs of [a, b]) {
      expect(readMeetingSummary(docs, MEETING_ID)).toMatchObject({
        title: 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals',
        place: 'Chaktomuk Conference Hall, Phnom Penh',
        createdAt: PARTICULARS.createdAt,
      });
    }
  });

  it('ends with one laptop’s dates when two move them at once, never a meeting that ends before it starts', () => {
    const a = newMeetingDocs();
    const b = replicaOfDocs(a);
    // One laptop moves the start later, the other the end earlier: each alone is a valid meeting.
    updateMeetingParticulars(a.secretariat, { ...INPUT, startDate: '2022-12-03', endDate: '2022-12-03' });
    updateMeetingParticulars(b.secretariat, { ...INPUT, startDate: '2022-12-02', endDate: '2022-12-02' });
    // Only the start differs at one laptop, only the end at the other.
    expect(INPUT).toMatchObject({ startDate: '2022-12-02', endDate: '2022-12-03' });
    syncDocs(a, b);
    const fromA = readMeetingSummary(a, MEETING_ID)!;
    expect(readMeetingSummary(b, MEETING_ID)).toEqual(fromA);
    expect([
      ['2022-12-03', '2022-12-03'],
      ['2022-12-02', '2022-12-02'],
    ]).toContainEqual([fromA.startDate, fromA.endDate]);
  });

  it('writes nothing when nothing differs', () => {
    const { secretariat } = newMeetingDocs();
    const before = Y.encodeStateVector(secretariat);
    expect(updateMeetingParticulars(secretariat, INPUT)).toBe(false);
    expect(Y.encodeStateVector(secretariat)).toEqual(before);
  });

  it('refuses a doc that does not hold the secretariat’s parts', () => {
    expect(() => updateMeetingParticulars(new Y.Doc(), INPUT)).toThrow(/not ready on this computer yet/);
  });
});
