import type { Role, Room } from '../../shared/model/invitation';

/**
 * Who may write to a room, judged by the room and the invitation alone, never by what an update
 * holds: the secretariat's room (secretariat/<meetingId>) is written by the secretariat only, so a
 * delegate's or an observer's update to it is dropped whatever it contains; observers write
 * nowhere; meeting and document rooms are written by the meeting's secretariat and delegates.
 */
export function mayWriteRoom(role: Role, room: Room['kind']): boolean {
  if (role === 'observer') return false;
  if (room === 'secretariat') return role === 'secretariat';
  return true;
}
