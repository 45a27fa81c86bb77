import type { z } from 'zod';
import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import {
  HubErrorBody,
  HubInvitationList,
  HubIssuedInvitation,
  HubRevokedInvitation,
  hubInvitationPath,
  hubInvitationsPath,
  type HubInvitationRequest,
} from '../../shared/model/invitation';
import { hubWebAddress } from '../../shared/model/joinLink';
import type { AppStore, RemoteRow } from '../storage/appStore';
import type { Logger } from '../storage/logger';

/** A meeting's invitations fit in far less; a hub that sends more is not answering this question. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 8000;

/**
 * A meeting's invitations on its hub, for a laptop that joined it with a secretariat code: listed,
 * created and revoked through the hub's API (electron/hub/invitationsApi.ts), with the code this
 * laptop joined with. Whatever the hub answers is read against the shared schemas and checked to
 * be about this meeting: a hub is a server on the network, not part of this app.
 */
export function createHubInvitationsService(deps: {
  store: AppStore;
  log: Logger;
  fetch?: typeof fetch;
}): Pick<ApiHandlers, 'meetings.hubInvitations' | 'meetings.hubInvite' | 'meetings.hubRevokeInvitation'> {
  const { store, log } = deps;
  const doFetch = deps.fetch ?? fetch;

  const secretariatRemote = (meetingId: string): RemoteRow => {
    const remote = store.getRemote(meetingId);
    if (!remote) throw new AccordError('invalid_request', 'This meeting is not shared through a hub.');
    if (remote.role !== 'secretariat') throw new AccordError('forbidden', 'Only the secretariat can see and hand out this meeting’s invitations.');
    return remote;
  };

  /** What the hub said when it refused, as an error the window can show. */
  const refusal = (remote: RemoteRow, status: number, body: unknown, missingApi: boolean): AccordError => {
    const said = HubErrorBody.safeParse(body);
    const message = said.success ? said.data.message : `The hub at ${remote.hub_url} answered with an error (${status}).`;
    switch (status) {
      case 401:
        return new AccordError('forbidden', 'The hub no longer accepts this laptop’s secretariat code (it was revoked, or the hub does not know it).');
      case 403:
        return new AccordError('forbidden', message);
      case 404:
        return missingApi
          ? new AccordError('unavailable', `The hub at ${remote.hub_url} does not hand out invitations to the app: it is older than this Accord. Use its command line, or update it.`)
          : new AccordError('not_found', message);
      case 400:
      case 409:
      case 413:
      case 415:
        return new AccordError('invalid_request', message);
      case 429:
      case 503:
        return new AccordError('unavailable', message);
      default:
        return new AccordError('internal', `The hub at ${remote.hub_url} answered with an error (${status}).`);
    }
  };

  const ask = async <S extends z.ZodType>(
    remote: RemoteRow,
    request: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: HubInvitationRequest },
    schema: S,
  ): Promise<z.infer<S>> => {
    let response: Response;
    try {
      response = await doFetch(`${hubWebAddress(remote.hub_url)}${request.path}`, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${remote.code}`,
          ...(request.body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: request.body ? JSON.stringify(request.body) : undefined,
        // The code goes to the hub's address only, never wherever a redirect points.
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new AccordError('unavailable', `Accord cannot reach the hub at ${remote.hub_url} (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`);
    }
    let body: unknown;
    try {
      if (Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER_BYTES) throw new Error('too large');
      const text = await response.text();
      if (text.length > MAX_ANSWER_BYTES) throw new Error('too large');
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) throw refusal(remote, response.status, body, request.method !== 'DELETE');
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      log.error('hub-invitations.answer', { meeting: remote.meeting_id, status: response.status, issue: parsed.error.issues[0]?.message });
      throw new AccordError('internal', `The hub at ${remote.hub_url} sent an answer Accord does not understand.`);
    }
    return parsed.data;
  };

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
