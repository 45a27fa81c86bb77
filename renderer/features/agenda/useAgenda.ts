import { delegationChoices, readMeetingDelegations } from '../../../shared/model/delegations';
import { useMemo } from 'react';
import { type AgendaItem, readMeetingAgenda } from '../../../shared/model/agenda';
import { type AgendaRow, type MeetingDates, scheduleAgenda } from '../../../shared/model/agendaSchedule';
import { type MeetingDocumentEntry, readAllMeetingDocuments, readMeetingSummary, readParticipants } from '../../../shared/model/meetingDoc';
import type { MeetingDocs } from '../../../shared/model/secretariatDoc';
import { useDocsVersion } from '../meetings/useMeetingView';

export interface AgendaView {
  items: AgendaItem[];
  rows: AgendaRow<AgendaItem>[];
  dayStarts: Record<string, string>;
  /** Undefined until the meeting's details have arrived; dates are not checked until then. */
  meeting: MeetingDates | undefined;
  /** Every document of the meeting, official and the delegations' own, for linking an item. */
  documents: MeetingDocumentEntry[];
  /** Delegations known to the meeting, offered when naming a presenter. */
  delegations: string[];
}

/** The agenda as the meeting's docs hold it (the secretariat's, or a legacy meeting's), read again on every change. */
export function useAgenda(docs: MeetingDocs | null, meetingId: string): AgendaView | null {
  const version = useDocsVersion(docs);
  return useMemo(() => {
    if (!docs) return null;
    const { items, dayStarts } = readMeetingAgenda(docs);
    const summary = readMeetingSummary(docs, meetingId);
    const meeting = summary ? { startDate: summary.startDate, endDate: summary.endDate } : undefined;
    // The meeting's own list first, in its order; then who joined, and presenters already named.
    const others: string[] = [];
    for (const participant of readParticipants(docs.meeting)) if (participant.delegation) others.push(participant.delegation);
    for (const item of items) if (item.presenter) others.push(item.presenter);
    return {
      items,
      rows: scheduleAgenda(items, meeting, dayStarts),
      dayStarts,
      meeting,
      documents: readAllMeetingDocuments(docs),
      delegations: delegationChoices(readMeetingDelegations(docs), others),
    };
    // `version` stands for the docs' content, which React cannot see.
  }, [docs, meetingId, version]);
}
