import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { HubInvitationList, HubIssuedInvitation, HubRevokedInvitation, hubInvitationPath, hubInvitationsPath } from '../../shared/model/invitation';
import type { AppStore, RemoteRow } from '../storage/appStore';
import type { Logger } from '../storage/logger';
import { createHubApi } from '../sync/hubApi';

/**
 * A meeting's invitations on its hub, for a laptop that joined it with a secretariat code: listed,
 * created and revoked through the hub's API (electron/hub/invitationsApi.ts), with the code this
 * laptop joined with, and checked to be about this meeting.
 */
export function createHubInvitationsService(deps: {
  store: AppStore;
  log: Logger;
  fetch?: typeof fetch;
}): Pick<ApiHandlers, 'meetings.hubInvitations' | 'meetings.hubInvite' | 'meetings.hubRevokeInvitation'> {
  const { store, log } = deps;

  const secretariatRemote = (meetingId: string): RemoteRow => {
    const remote = store.getRemote(meetingId);
    if (!remote) throw new AccordError('invalid_request', 'This meeting is not shared through a hub.');
    if (remote.role !== 'secretariat') throw new AccordError('forbidden', 'Only the secretariat can see and hand out this meeting’s invitations.');
    return remote;
  };

  const { ask } = createHubApi(deps);

  /** An answer about another meeting's invitations is a hub's mistake (or worse), never shown. */
  const ofMeeting = <T extends { meetingId: string }>(remote: RemoteRow, invitation: T): T => {
    if (invitation.meetingId !== remote.meeting_id) {
      log.error('hub-invitations.other-meeting', { meeting: remote.meeting_id, answered: invitation.meetingId });
      throw new AccordError('internal', `The hub at ${remote.hub_url} answered about another meeting.`);
    }
    return invitation;
  };

  return {
    'meetings.hubInvitations': async ({ meetingId }) => {
      const remote = secretariatRemote(meetingId);
      const list = await ask(remote, { method: 'GET', path: hubInvitationsPath(meetingId) }, HubInvitationList);
      return { hubUrl: remote.hub_url, invitations: list.invitations.map((i) => ofMeeting(remote, i)), caller: list.caller };
    },

    'meetings.hubInvite': async ({ meetingId, role, delegation }) => {
      const remote = secretariatRemote(meetingId);
      const issued = await ask(remote, { method: 'POST', path: hubInvitationsPath(meetingId), body: { role, delegation } }, HubIssuedInvitation);
      return ofMeeting(remote, issued.invitation);
    },

    'meetings.hubRevokeInvitation': async ({ meetingId, invitationId }) => {
      const remote = secretariatRemote(meetingId);
      const revoked = await ask(remote, { method: 'DELETE', path: hubInvitationPath(meetingId, invitationId) }, HubRevokedInvitation);
      if (revoked.invitation.id !== invitationId) throw new AccordError('internal', `The hub at ${remote.hub_url} answered about another invitation.`);
      return ofMeeting(remote, revoked.invitation);
    },
  };
}
