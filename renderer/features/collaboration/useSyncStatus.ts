import { useEffect, useState } from 'react';
import type { MeetingSyncStatus } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';

const POLL_MS = 1000;

/** Where a meeting stands with its hub, refreshed every second (null: a local meeting). */
export function useSyncStatus(meetingId: string | undefined): MeetingSyncStatus | null {
  const { api } = useApp();
  const [status, setStatus] = useState<MeetingSyncStatus | null>(null);
  useEffect(() => {
    if (!meetingId) return;
    let live = true;
    const poll = () =>
      api.call('meetings.syncStatus', { meetingId }).then(
        (next) => live && setStatus(next),
        () => undefined,
      );
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, meetingId]);
  return status;
}
