import type * as Y from 'yjs';
import { STATUSES as CLAUSE_STATUSES } from '../../shared/declaration/clauseStatus';
import { META as MEETING_META } from '../../shared/model/meetingDoc';
import { TEMPLATES as MEETING_TEMPLATES } from '../../shared/model/meetingTemplates';
import { CIRCULATED as CIRCULATED_VERSIONS } from '../../shared/model/versions';
import type { Role, Room } from '../../shared/model/invitation';
import { changedRoots } from './changedRoots';

/**
 * Parts of a room only the secretariat writes: the meeting's particulars, the templates it
 * publishes, the versions it circulates, and each paragraph's status. The app offers them to
 * nobody else; the hub holds a modified client to the same.
 */
const SECRETARIAT_ONLY: Record<Room['kind'], ReadonlySet<string>> = {
  meeting: new Set([MEETING_META, MEETING_TEMPLATES, CIRCULATED_VERSIONS]),
  doc: new Set([CLAUSE_STATUSES]),
};

/**
 * Whether an update from a peer with this role may be applied to a room. Observers write nothing;
 * delegates write everything but the secretariat's parts. An update is judged whole, as the peer
 * sent it: one change out of bounds refuses all of it, since applying part of an update is not
 * something Yjs can do.
 */
export function mayChange(role: Role, room: Room['kind'], doc: Y.Doc, update: Uint8Array): boolean {
  if (role === 'secretariat') return true;
  if (role === 'observer') return false;
  const reserved = SECRETARIAT_ONLY[room];
  for (const root of changedRoots(doc, update)) if (typeof root === 'string' && reserved.has(root)) return false;
  return true;
}
