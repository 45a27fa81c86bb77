import { useEffect, useMemo, useState } from 'react';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { readMeetingSummary } from '../../../shared/model/meetingDoc';
import type { MeetingDocs } from '../../../shared/model/secretariatDoc';

/** A number that changes whenever either doc does, for memos over their content. */
export function useDocsVersion(docs: MeetingDocs | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!docs) return;
    // Whole docs, not single parts: which doc a part is read from changes when a legacy meeting's
    // parts reach the secretariat doc.
    const changed = () => setVersion((v) => v + 1);
    docs.meeting.on('update', changed);
    docs.secretariat.on('update', changed);
    // Main's state can arrive between the render that first read the docs and this subscription.
    changed();
    return () => {
      docs.meeting.off('update', changed);
      docs.secretariat.off('update', changed);
    };
  }, [docs]);
  return version;
}

/** The meeting's particulars as its docs hold them now; undefined until they have arrived. */
export function useMeetingParticulars(docs: MeetingDocs | null, meetingId: string): MeetingSummary | undefined {
  const version = useDocsVersion(docs);
  // `version` stands for the docs' content, which React cannot see.
  return useMemo(() => (docs ? readMeetingSummary(docs, meetingId) : undefined), [docs, meetingId, version]);
}
