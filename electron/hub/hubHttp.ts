import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordClientOwners } from '../../shared/model/clientOwners';
import { readMeetingSummary } from '../../shared/model/meetingDoc';
import { secretariatDocId } from '../../shared/model/secretariatDoc';
import type { Logger } from '../storage/logger';
import type { HubStore } from '../storage/hubTables';
import type { HubLimits } from './hubLimits';
import { answer, codeFrom } from './httpReply';
import type { Invitations } from './invitations';
import { invitationsApi } from './invitationsApi';
import { serveJoinPage } from './joinPage';
import type { RefusalLog } from './refusalLog';
import { type HubReplicas, registerMeeting, withMeetingRooms } from './roomAdmission';

/** The request target, or undefined when it cannot be parsed (any local process can send one). */
export function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://hub');
  } catch {
    return undefined;
  }
}

export { codeFrom } from './httpReply';

export interface HubHttpDeps {
  store: HubStore;
  replicas: HubReplicas;
  invitations: Invitations;
  log: Logger;
  limits: HubLimits;
  refusals: RefusalLog;
  now: () => number;
  serves?: (meetingId: string) => boolean;
  /** Closes the live connections of an invitation revoked through the API. */
  onRevoked(invitationId: string): void;
}

/**
 * The hub's plain HTTP requests: what an invitation code grants (the app asks before joining, to
 * show the meeting's title and the role), a meeting's invitations for its secretariat
 * (invitationsApi), the page a join link opens, and health. Anything else is 404; a failure is 500
 * with a reason, never a crash.
 */
export function hubRequestHandler(deps: HubHttpDeps) {
  const { store, replicas, invitations, log } = deps;
  const HUB_ORIGIN = Symbol('hub');
  const api = invitationsApi({
    ...deps,
    // A meeting moving here: its secretariat's record of owners, written as the hub writes its own bindings.
    recordOwners: (meetingId, owners) => {
      const registered = registerMeeting(deps, meetingId);
      if ('close' in registered) return log.error('hub.owners', { meetingId, error: registered.reason });
      replicas.with(registered.secretariatId, (secretariat) =>
        recordClientOwners(secretariat.doc, owners.map((o) => [o.clientId, { role: o.role, delegation: o.delegation }] as const), HUB_ORIGIN),
      );
    },
  });
  const serve = (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    const url = targetOf(req);
    if (!url) return answer(res, 400, { code: 'invalid_request', message: 'Bad request.' });
    if (api.matches(url.pathname)) return api.handle(req, res, url.pathname);
    if ((req.method === 'GET' || req.method === 'HEAD') && (url.pathname === '/join' || url.pathname === '/join/')) return serveJoinPage(res, req.method === 'HEAD');
    if (req.method === 'GET' && url.pathname === '/v1/invitation') {
      const invitation = invitations.verify(codeFrom(req));
      if (!invitation) return answer(res, 401, { code: 'unauthorized', message: 'This invitation code is unknown or has been revoked.' });
      if (deps.serves && !deps.serves(invitation.meetingId)) {
        return answer(res, 503, { code: 'unavailable', message: 'This meeting is not hosted on this computer now. Ask its secretariat to host it again.' });
      }
      let meetingTitle: unknown;
      try {
        const secretariat = store.getDoc(secretariatDocId(invitation.meetingId));
        meetingTitle =
          store.getDoc(invitation.meetingId)?.kind === 'meeting' && secretariat?.kind === 'secretariat'
            ? withMeetingRooms(replicas, invitation.meetingId, secretariat.id, (docs) => readMeetingSummary(docs, invitation.meetingId)?.title)
            : undefined;
      } catch (error) {
        // The code is good even if the meeting's room cannot be read: joining says why, later.
        log.error('hub.invitation-title', { meetingId: invitation.meetingId, error: String(error) });
      }
      return answer(res, 200, {
        meetingId: invitation.meetingId,
        role: invitation.role,
        delegation: invitation.delegation,
        meetingTitle: typeof meetingTitle === 'string' ? meetingTitle : null,
      });
    }
    if (req.method === 'GET' && url.pathname === '/v1/health') return answer(res, 200, { ok: true });
    answer(res, 404, { code: 'not_found', message: 'Not found.' });
  };
  const failed = (res: ServerResponse, error: unknown) => {
    log.error('hub.http', { error: String(error) });
    if (!res.headersSent) answer(res, 500, { code: 'internal', message: 'The hub could not answer this request.' });
    else res.destroy();
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    try {
      void serve(req, res)?.catch((error: unknown) => failed(res, error));
    } catch (error) {
      failed(res, error);
    }
  };
}
