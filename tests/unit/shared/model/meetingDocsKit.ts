import * as Y from 'yjs';
import { writeMeetingMeta } from '../../../../shared/model/meetingDoc';
import type { MeetingDocs } from '../../../../shared/model/secretariatDoc';

export const MEETING_ID = 'meeting-0000-phnom-penh';

export const PARTICULARS = {
  title: 'Meeting of Governors and Mayors of ASEAN Capitals',
  place: 'Phnom Penh, Cambodia',
  hostCity: 'Phnom Penh',
  startDate: '2022-12-02',
  endDate: '2022-12-03',
  createdAt: 1_669_939_200_000,
};

/** A meeting as this release creates it: the particulars in a new secretariat doc, and an empty meeting doc. */
export function newMeetingDocs(): MeetingDocs {
  const secretariat = new Y.Doc();
  writeMeetingMeta(secretariat, PARTICULARS);
  return { meeting: new Y.Doc(), secretariat };
}

/** Another laptop's copy of the same two docs. */
export function replicaOfDocs(docs: MeetingDocs): MeetingDocs {
  const copy = (doc: Y.Doc) => {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    return replica;
  };
  return { meeting: copy(docs.meeting), secretariat: copy(docs.secretariat) };
}

/** Brings two laptops' copies of both docs together, each receiving what it misses. */
export function syncDocs(a: MeetingDocs, b: MeetingDocs): void {
  for (const key of ['meeting', 'secretariat'] as const) {
    Y.applyUpdate(b[key], Y.encodeStateAsUpdate(a[key], Y.encodeStateVector(b[key])));
    Y.applyUpdate(a[key], Y.encodeStateAsUpdate(b[key], Y.encodeStateVector(a[key])));
  }
}
