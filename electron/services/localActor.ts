import type { ParticipantEntry } from '../../shared/model/meetingDoc';
import { UNNAMED_SECRETARIAT } from '../../shared/model/settings';
import type { ServiceContext } from './serviceContext';
import { readSettings } from './settings';

/**
 * Who acts on this computer in a meeting: the participant it joined as, or, in a meeting of its
 * own (local or hosted on the local network), its secretariat under the name the person gave.
 */
export function localActor(deps: Pick<ServiceContext, 'store'>, meetingId: string): ParticipantEntry {
  const remote = deps.store.getRemote(meetingId);
  if (remote) return { name: remote.participant, delegation: remote.delegation, role: remote.role };
  const { name, delegation } = readSettings(deps.store);
  return { name: name || UNNAMED_SECRETARIAT, delegation: delegation || null, role: 'secretariat' };
}
