import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { readClientOwners } from '../../shared/model/clientOwners';
import {
  CarriedOwner,
  HubCarriedInvitations,
  hubCarriedInvitationsPath,
  HubCarryResult,
  MAX_CARRIED_OWNERS,
  type CarriedInvitation,
} from '../../shared/model/invitation';
import { readMeetingLocation, writeMeetingLocation } from '../../shared/model/meetingLocation';
import type { RemoteRow } from '../storage/appStore';
import type { Logger } from '../storage/logger';
import { createHubApi } from '../sync/hubApi';
import { lookUpInvitation } from '../sync/invitationLookup';
import type { LanHosting } from './lanHosting';
import { localActor } from './localActor';
import { meetingNotFound } from './meetings';
import { requireSecretariatHere, withMeetingDocs } from './secretariat';
import type { ServiceContext } from './serviceContext';
import { normalizeHubUrl, type SyncClient } from './syncClient';

const NOTHING_CARRIED: HubCarryResult = { added: 0, kept: 0, refused: 0 };

/**
 * The secretariat moves a meeting between this laptop hosting it on the venue's network and an
 * online hub (or from one hub to another), and tells everyone: the meeting's invitations go to
 * where it moves as hashes, so every code handed out keeps working there; then a notice in the
 * secretariat's room names the new address, and every participant's app follows it
 * (syncClient.ts). Nobody joins again, and what anyone wrote offline arrives there under its author.
 */
export function createMeetingMoveService(
  deps: ServiceContext & { syncClient: SyncClient; lanHosting: LanHosting; log: Logger; fetch?: typeof fetch },
): Pick<ApiHandlers, 'meetings.moveToHub' | 'meetings.moveToLan'> {
  const { store, syncClient, lanHosting, log, now } = deps;
  const { ask } = createHubApi(deps);

  const notice = (meetingId: string, addresses: string[], host?: string) => () =>
    withMeetingDocs(deps, meetingId, (docs, held) => {
      writeMeetingLocation(docs.secretariat, { addresses, at: now(), by: localActor(deps, meetingId).name, ...(host ? { host } : {}) });
      if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
    });

  /**
   * The invitations of the hub a meeting leaves. A hub out of reach (the reason to leave it, often)
   * cannot give them: the move goes on only once the secretariat has been told that whoever holds
   * one of its codes will need a new one.
   */
  const invitationsOf = async (remote: RemoteRow, without: boolean | undefined): Promise<{ invitations: CarriedInvitation[]; reached: boolean }> => {
    try {
      const answer = await ask(remote, { method: 'GET', path: hubCarriedInvitationsPath(remote.meeting_id) }, HubCarriedInvitations);
      return { invitations: answer.invitations, reached: true };
    } catch (error) {
      if (!(error instanceof AccordError) || error.code !== 'unavailable') throw error;
      if (without) {
        log.error('meeting.moving-without-invitations', { meetingId: remote.meeting_id, from: remote.hub_url, error: error.message });
        return { invitations: [], reached: false };
      }
      throw new AccordError(
        'needs_confirmation',
        `${error.message} Its invitations cannot go with the meeting: everyone who joined through it will need a new code from you, and those still connected there are not told where the meeting went.`,
      );
    }
  };

  const requireMeeting = (meetingId: string) => {
    if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
    requireSecretariatHere(deps, meetingId, 'Only the secretariat can move the meeting to another hub.');
  };

  return {
    'meetings.moveToHub': async ({ meetingId, hubUrl, code, withoutOldInvitations }) => {
      requireMeeting(meetingId);
      const target = normalizeHubUrl(hubUrl);
      const remote = store.getRemote(meetingId);
      const hosted = lanHosting.isHosted(meetingId);
      const location = withMeetingDocs(deps, meetingId, (docs) => readMeetingLocation(docs.secretariat));
      // Already there; unless linked there while hosting here with no notice naming it: a move the
      // app was closed in the middle of (linked, nobody told yet), which moving again finishes.
      if (remote?.hub_url === target && (!hosted || location?.addresses.includes(target))) {
        throw new AccordError('invalid_request', `This meeting is already shared through ${target}.`);
      }
      const grant = await lookUpInvitation(deps.fetch ?? fetch, target, code);
      if (grant.meetingId !== meetingId) {
        throw new AccordError('invalid_request', `That code is for another meeting on ${target}. Ask the hub’s operator for a secretariat code of this meeting (its id is ${meetingId}).`);
      }
      if (grant.role !== 'secretariat') {
        throw new AccordError('invalid_request', `Moving a meeting takes a secretariat code of the hub it moves to; that code is a${grant.role === 'observer' ? 'n observer' : ' delegate'}’s.`);
      }
      const newHub = { meeting_id: meetingId, hub_url: target, code: code.trim() };
      // Linked to a hub it has not left (moved there from hosting here, which goes on for those
      // who have not followed yet): those on that hub are told there, and the codes it gave go too.
      const onHub = remote !== undefined && (!hosted || location === undefined || location.addresses.includes(remote.hub_url));
      // The codes handed out so far: this laptop's own if it hosts the meeting, and its hub's.
      const carried: CarriedInvitation[] = [
        ...(hosted ? lanHosting.carried(meetingId) : []),
        ...(onHub && remote ? (await invitationsOf(remote, withoutOldInvitations)).invitations : []),
      ];
      // The record of owners goes with them: the new hub has it before any carried code writes there.
      const owners = withMeetingDocs(deps, meetingId, (docs) =>
        [...readClientOwners(docs.secretariat)]
          .map(([clientId, owner]) => CarriedOwner.safeParse({ clientId, role: owner.role, delegation: owner.delegation }))
          .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
          .slice(0, MAX_CARRIED_OWNERS),
      );
      const result =
        carried.length + owners.length > 0
          ? await ask(newHub, { method: 'POST', path: hubCarriedInvitationsPath(meetingId), body: { invitations: carried, owners } }, HubCarryResult)
          : NOTHING_CARRIED;
      log.info('meeting.moving', { meetingId, to: target, from: hosted ? 'lan' : (remote?.hub_url ?? 'local'), ...result });
      const row = {
        meeting_id: meetingId,
        hub_url: target,
        code: newHub.code,
        role: 'secretariat' as const,
        delegation: null,
        participant: localActor(deps, meetingId).name,
        joined_at: now(),
      };
      if (onHub && remote) {
        await syncClient.moveTo(row, notice(meetingId, [target]));
      } else {
        // Hosted here: the new hub has the meeting before the notice sends anyone there, and the
        // notice reaches those still on this laptop's hub at once. It keeps serving them until the
        // secretariat stops hosting.
        syncClient.relink(row);
        await syncClient.whenSynced(meetingId, 15_000);
        notice(meetingId, [target])();
      }
      return { meetingId, hubUrl: target, carried: result, stillHosted: lanHosting.isHosted(meetingId) };
    },

    'meetings.moveToLan': async ({ meetingId, withoutOldInvitations }) => {
      requireMeeting(meetingId);
      const remote = store.getRemote(meetingId);
      if (!remote) throw new AccordError('invalid_request', 'This meeting is not shared through a hub: host it on the local network instead.');
      const { invitations: carried, reached } = await invitationsOf(remote, withoutOldInvitations);
      // Hosted here already, beside the hub (a move here the app was closed in the middle of, before
      // the notice; or hosting kept after a move to that hub): hosting goes on, and the move with it.
      const hosted = await lanHosting.host(meetingId);
      const result = lanHosting.adopt(meetingId, carried);
      log.info('meeting.moving', { meetingId, to: 'lan', from: remote.hub_url, ...result });
      // The notice goes to the old hub through the link this laptop still has, which ends once the
      // hub has confirmed it (syncClient.ts).
      notice(meetingId, hosted.addresses, lanHosting.hostId())();
      // A hub that could not give its invitations is out of reach: not waited for here, the link
      // tells it once it answers.
      const leftHub = reached && (await syncClient.whenSecretariatConfirmed(meetingId, 10_000));
      return { meetingId, addresses: hosted.addresses, carried: result, leftHub };
    },
  };
}
