import { useEffect, useState } from 'react';
import type { MeetingEvent } from '../../../shared/api/messages';
import { useApp } from '../../app/context';

/**
 * One part of what main tells of a meeting (MeetingEvent), as it changes: null until main's first
 * word, and for no meeting. Main pushes; this window never asks again. A part equal to the last
 * keeps the last (the same object), so a screen holding an editor renders only for what it shows.
 */
export function useMeetingWatch<T>(meetingId: string | undefined, part: (event: MeetingEvent) => T): { value: T } | null {
  const { api } = useApp();
  const [state, setState] = useState<{ meetingId: string; value: T } | null>(null);
  useEffect(() => {
    if (!meetingId) return;
    return api.watchMeeting(meetingId, (event) => {
      const value = part(event);
      setState((previous) =>
        previous !== null && previous.meetingId === meetingId && JSON.stringify(previous.value) === JSON.stringify(value) ? previous : { meetingId, value },
      );
    });
    // `part` is a new closure each render; what it selects is fixed by the caller.
  }, [api, meetingId]);
  return state !== null && state.meetingId === meetingId ? state : null;
}
