import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { type AgendaItem, readAgenda, readAgendaDayStarts } from '../../../shared/model/agenda';
import { type AgendaRow, type MeetingDates, scheduleAgenda } from '../../../shared/model/agendaSchedule';
import { type MeetingDocumentEntry, readMeetingDocuments, readMeetingSummary, readParticipants } from '../../../shared/model/meetingDoc';

export interface AgendaView {
  items: AgendaItem[];
  rows: AgendaRow<AgendaItem>[];
  dayStarts: Record<string, string>;
  /** Undefined until the meeting's details have arrived; dates are not checked until then. */
  meeting: MeetingDates | undefined;
  documents: MeetingDocumentEntry[];
  /** Delegations known to the meeting, offered when naming a presenter. */
  delegations: string[];
}

/** The agenda as it stands in the meeting's doc, read again whenever the doc changes. */
export function useAgenda(doc: Y.Doc | null, meetingId: string): AgendaView | null {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!doc) return;
    // The whole doc, not only the agenda: the meeting's dates and document titles show in it too.
    const changed = () => setVersion((v) => v + 1);
    doc.on('update', changed);
    // Main's state can arrive between the render that first read this doc and this subscription.
    changed();
    return () => doc.off('update', changed);
  }, [doc]);
  return useMemo(() => {
    if (!doc) return null;
    const items = readAgenda(doc);
    const dayStarts = readAgendaDayStarts(doc);
    const summary = readMeetingSummary(doc, meetingId);
    const meeting = summary ? { startDate: summary.startDate, endDate: summary.endDate } : undefined;
    const delegations = new Set<string>();
    for (const participant of readParticipants(doc)) if (participant.delegation) delegations.add(participant.delegation);
    for (const item of items) if (item.presenter) delegations.add(item.presenter);
    return {
      items,
      rows: scheduleAgenda(items, meeting, dayStarts),
      dayStarts,
      meeting,
      documents: readMeetingDocuments(doc),
      delegations: [...delegations].sort((a, b) => a.localeCompare(b)),
    };
    // `version` stands for the doc's content, which React cannot see.
  }, [doc, meetingId, version]);
}
