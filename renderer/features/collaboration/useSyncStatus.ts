import type { MeetingSyncStatus } from '../../../shared/model/meeting';
import { useMeetingWatch } from '../meetings/useMeetingWatch';

/** Where a meeting stands with its hub, as main tells it (null: a local meeting, or not yet told). */
export function useSyncStatus(meetingId: string | undefined): MeetingSyncStatus | null {
  return useMeetingWatch(meetingId, (event) => event.status)?.value ?? null;
}
