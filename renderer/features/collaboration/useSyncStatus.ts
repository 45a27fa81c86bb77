import type { MeetingSyncStatus } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';
import { usePolled } from '../../app/usePolled';

/** Where a meeting stands with its hub, refreshed every second (null: a local meeting). */
export function useSyncStatus(meetingId: string | undefined): MeetingSyncStatus | null {
  const { api } = useApp();
  return usePolled(meetingId, (id) => api.call('meetings.syncStatus', { meetingId: id }), 1000);
}
