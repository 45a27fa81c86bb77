import type { MeetingParticipant } from '../../shared/model/meeting';
import { readParticipants } from '../../shared/model/meetingDoc';
import type { Replica } from '../storage/replicas';

/** Everyone who joined the meeting, each marked online if their app is present in its room now. */
export function rosterOf(meeting: Replica, selfKey: string | null): MeetingParticipant[] {
  const present = new Set<string>();
  meeting.awareness.getStates().forEach((state) => {
    const key = (state as { participant?: unknown }).participant;
    if (typeof key === 'string') present.add(key);
  });
  return readParticipants(meeting.doc).map(({ key, ...participant }) => ({
    ...participant,
    online: present.has(key),
    self: key === selfKey,
  }));
}
