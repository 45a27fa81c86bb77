import type * as Y from 'yjs';
import { LEGACY_STATUSES } from '../../shared/declaration/clauseStatus';
import { LEGACY_AGENDA, LEGACY_AGENDA_DAYS } from '../../shared/model/agenda';
import type { Role, Room } from '../../shared/model/invitation';
import { LEGACY_META } from '../../shared/model/meetingDoc';
import { LEGACY_TEMPLATES } from '../../shared/model/meetingTemplates';
import { LEGACY_CIRCULATED } from '../../shared/model/versions';
import { changedRoots } from './changedRoots';

/**
 * Parts of a meeting or document room only the secretariat writes, left there by meetings and
 * declarations written before the secretariat had a room of its own (roomRoles.ts): the meeting's
 * particulars, the templates it publishes, the versions it circulates, the agenda it keeps, and a
 * declaration's paragraph statuses (kept now in the secretariat's room, by document). Readers ignore these fields once the meeting's secretariat doc
 * holds its parts, but until then they are what everyone reads, and what the secretariat copies.
 */
const SECRETARIAT_ONLY: Record<Exclude<Room['kind'], 'secretariat'>, ReadonlySet<string>> = {
  meeting: new Set([LEGACY_META, LEGACY_TEMPLATES, LEGACY_CIRCULATED, LEGACY_AGENDA, LEGACY_AGENDA_DAYS]),
  doc: new Set([LEGACY_STATUSES]),
};

/**
 * Whether an update from a peer with this role may be applied to a meeting or document room.
 * Observers write nothing; delegates write everything but the secretariat's parts. An update is
 * judged whole, as the peer sent it: one change out of bounds refuses all of it, since applying
 * part of an update is not something Yjs can do.
 */
export function mayChange(role: Role, room: Exclude<Room['kind'], 'secretariat'>, doc: Y.Doc, update: Uint8Array): boolean {
  if (role === 'secretariat') return true;
  if (role === 'observer') return false;
  const reserved = SECRETARIAT_ONLY[room];
  for (const root of changedRoots(doc, update)) if (typeof root === 'string' && reserved.has(root)) return false;
  return true;
}
