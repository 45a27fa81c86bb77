import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CarriedOwner, HubCarriedInvitations, HubInvitationRequest, type InvitationRecord } from '../../shared/model/invitation';
import type { Logger } from '../storage/logger';
import type { HubLimits } from './hubLimits';
import { answer, codeFrom } from './httpReply';
import type { Invitations } from './invitations';
import type { RefusalLog } from './refusalLog';

/**
 * `/v1/meetings/{meetingId}/invitations`, `/v1/meetings/{meetingId}/invitations/{invitationId}`, and
 * `/v1/meetings/{meetingId}/carried-invitations` (the invitations' hashes, as they move with the meeting).
 */
const ROUTE = /^\/v1\/meetings\/([^/]+)\/(invitations|carried-invitations)(?:\/([^/]+))?\/?$/;
const MEETING_ID = /^[a-z0-9-]{8,64}$/;
const INVITATION_ID = /^[A-Za-z0-9-]{1,64}$/;
const WINDOW_MS = 60_000;

export interface InvitationsApiDeps {
  invitations: Invitations;
  limits: HubLimits;
  log: Logger;
  refusals: RefusalLog;
  now: () => number;
  /** Which meetings this hub serves now (an in-app hub stops serving a meeting without revoking its codes). */
  serves?: (meetingId: string) => boolean;
  /** Closes the live connections of an invitation just revoked. */
  onRevoked(invitationId: string): void;
  /** Adds to the meeting's record of owners (its secretariat doc) the ids it does not name yet. */
  recordOwners?(meetingId: string, owners: readonly CarriedOwner[]): void;
}

/** What the API returns for an invitation: never its code's hash. */
const view = (record: InvitationRecord) => ({
  id: record.id,
  meetingId: record.meetingId,
  role: record.role,
  delegation: record.delegation,
  createdAt: record.createdAt,
  revokedAt: record.revokedAt,
});

/**
 * Requests per address in a fixed window. Codes cannot be guessed in any number of tries (80 bits),
 * but each request costs a hash and a lookup, and creating invitations costs rows.
 */
class RequestWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  take(address: string): boolean {
    const now = this.now();
    let window = this.windows.get(address);
    if (!window || now - window.start >= WINDOW_MS) {
      // Bounded whatever the addresses: windows that have passed are forgotten first.
      if (this.windows.size >= 10_000) for (const [key, old] of this.windows) if (now - old.start >= WINDOW_MS) this.windows.delete(key);
      if (this.windows.size >= 10_000) return false;
      window = { start: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count += 1;
    return window.count <= this.limit;
  }
}

type Body = { ok: true; text: string } | { ok: false; status: 413 };

/**
 * The request's body, up to `max` bytes. A larger one is refused from its declared length before
 * anything is read, or as soon as what arrives passes the limit: nothing beyond is kept.
 */
function readBody(req: IncomingMessage, max: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return Promise.resolve({ ok: false, status: 413 });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Body) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return finish({ ok: false, status: 413 });
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', (error) => {
      if (!done) reject(error);
      done = true;
    });
  });
}

/**
 * The hub's HTTP API for a meeting's invitations: list, create, revoke. Only a secretariat code of
 * that very meeting may call it; every client is assumed hostile, so each request is checked in a
 * fixed order (rate, route, code, role, meeting, body) and refused with a status and a sentence.
 */
export function invitationsApi(deps: InvitationsApiDeps) {
  const { invitations, limits, log, refusals } = deps;
  const window = new RequestWindow(limits.apiRequestsPerMinute, deps.now);

  const refuse = (res: ServerResponse, status: number, code: string, message: string, fields: Record<string, unknown>, headers?: Record<string, string>) => {
    refusals.refused('hub.api-refused', { reason: message, status, ...fields });
    answer(res, status, { code, message }, headers);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const address = req.socket.remoteAddress ?? 'unknown';
    if (!window.take(address)) {
      return refuse(res, 429, 'rate_limited', 'Too many requests from this address; try again in a minute.', { address }, { 'Retry-After': '60' });
    }
    const route = ROUTE.exec(pathname)!;
    let meetingId: string;
    let invitationId: string | undefined;
    const carrying = route[2] === 'carried-invitations';
    try {
      meetingId = decodeURIComponent(route[1]!);
      invitationId = route[3] === undefined ? undefined : decodeURIComponent(route[3]);
    } catch {
      return answer(res, 404, { code: 'not_found', message: 'Not found.' });
    }
    if (!MEETING_ID.test(meetingId) || (invitationId !== undefined && (carrying || !INVITATION_ID.test(invitationId)))) {
      return answer(res, 404, { code: 'not_found', message: 'Not found.' });
    }
    const allowed = invitationId === undefined ? ['GET', 'POST'] : ['DELETE'];
    if (!allowed.includes(req.method ?? '')) {
      return answer(res, 405, { code: 'method_not_allowed', message: `Use ${allowed.join(' or ')} here.` }, { Allow: allowed.join(', ') });
    }

    const caller = invitations.verify(codeFrom(req));
    if (!caller) return refuse(res, 401, 'unauthorized', 'This invitation code is unknown or has been revoked.', { address }, { 'WWW-Authenticate': 'Bearer' });
    if (caller.role !== 'secretariat') {
      return refuse(res, 403, 'forbidden', 'Only a secretariat code may list, create or revoke invitations.', { invitation: caller.id });
    }
    if (caller.meetingId !== meetingId) {
      return refuse(res, 403, 'forbidden', 'This secretariat code is for another meeting.', { invitation: caller.id, meeting: meetingId });
    }
    if (deps.serves && !deps.serves(meetingId)) {
      return answer(res, 503, { code: 'unavailable', message: 'This meeting is not hosted on this computer now. Ask its secretariat to host it again.' });
    }

    /** The request's JSON body, or undefined once it has been refused. */
    const readJson = async (max: number): Promise<{ json: unknown } | undefined> => {
      if (!/^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '')) {
        answer(res, 415, { code: 'unsupported_media_type', message: 'Send the request as application/json.' });
        return undefined;
      }
      const body = await readBody(req, max);
      if (!body.ok) {
        // Whatever else the client sends is not read: the connection ends with this answer.
        res.once('finish', () => req.destroy());
        refuse(res, 413, 'too_large', `This request carries at most ${max} bytes.`, { invitation: caller.id }, { Connection: 'close' });
        return undefined;
      }
      try {
        return { json: JSON.parse(body.text) };
      } catch {
        refuse(res, 400, 'invalid_json', 'The request is not JSON.', { invitation: caller.id });
        return undefined;
      }
    };

    if (carrying) return carry(req, res, meetingId, caller, readJson);

    if (req.method === 'GET') return answer(res, 200, { invitations: invitations.list(meetingId).map(view), caller: caller.id });

    if (req.method === 'POST') {
      const body = await readJson(limits.maxApiBodyBytes);
      if (!body) return;
      const json = body.json;
      const request = HubInvitationRequest.safeParse(json);
      if (!request.success) {
        const issue = request.error.issues[0];
        const message = issue?.code === 'unrecognized_keys' || issue?.code === 'invalid_type' || issue?.code === 'invalid_value'
          ? 'Send {"role": "secretariat" | "delegate" | "observer", "delegation": the delegation’s name for a delegate, else null}.'
          : (issue?.message ?? 'Invalid invitation.');
        return refuse(res, 400, 'invalid_request', message, { invitation: caller.id });
      }
      if (invitations.list(meetingId).length >= limits.maxInvitationsPerMeeting) {
        return refuse(res, 409, 'limit', `This meeting holds the most invitations a hub keeps for one meeting (${limits.maxInvitationsPerMeeting}), revoked ones included.`, {
          invitation: caller.id,
        });
      }
      const issued = invitations.issue({ meetingId, role: request.data.role, delegation: request.data.delegation });
      log.info('hub.invitation-issued', { meeting: meetingId, invitation: issued.id, role: issued.role, by: caller.id });
      return answer(res, 201, { invitation: { ...view(issued), code: issued.code } });
    }

    // DELETE: revoke.
    const target = invitations.list(meetingId).find((invitation) => invitation.id === invitationId);
    if (!target) return answer(res, 404, { code: 'not_found', message: 'This meeting has no such invitation.' });
    if (target.id === caller.id) {
      return answer(res, 409, {
        code: 'own_code',
        message: 'This is the code this request was made with: revoke it with another secretariat code, or from the hub’s command line.',
      });
    }
    if (target.revokedAt !== null) return answer(res, 200, { invitation: view(target) });
    const revoked = invitations.revoke(target.id);
    deps.onRevoked(revoked.id);
    log.info('hub.invitation-revoked', { meeting: meetingId, invitation: revoked.id, by: caller.id });
    return answer(res, 200, { invitation: view(revoked) });
  };

  /**
   * The meeting's invitations as they move with it: GET gives their hashes to the secretariat moving
   * the meeting away (to the laptop that will host it, which takes them in); POST takes in those of
   * the hub it moves from. A secretariat code of the meeting may already create any invitation
   * here, so taking in hashes grants it nothing more; and a hash cannot be turned back into a code.
   */
  const carry = async (
    req: IncomingMessage,
    res: ServerResponse,
    meetingId: string,
    caller: InvitationRecord,
    readJson: (max: number) => Promise<{ json: unknown } | undefined>,
  ): Promise<void> => {
    if (req.method === 'GET') return answer(res, 200, { invitations: invitations.carried(meetingId) });
    const body = await readJson(limits.maxCarryBodyBytes);
    if (!body) return;
    const request = HubCarriedInvitations.safeParse(body.json);
    if (!request.success) {
      const issue = request.error.issues[0];
      return refuse(res, 400, 'invalid_request', `Send {"invitations": [...]} as the hub it moves from gave them${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`, {
        invitation: caller.id,
      });
    }
    // The record first: from the moment a carried code works here, the ids it names are their owners'.
    if (request.data.owners?.length) deps.recordOwners?.(meetingId, request.data.owners);
    const before = invitations.list(meetingId);
    const room = Math.max(0, limits.maxInvitationsPerMeeting - before.length);
    const result = invitations.adopt(meetingId, request.data.invitations, room);
    // A revocation carried here ends that code's connections here too.
    for (const held of before) if (held.revokedAt === null && !invitations.isActive(held.id)) deps.onRevoked(held.id);
    log.info('hub.invitations-carried', { meeting: meetingId, by: caller.id, ...result });
    return answer(res, 200, result);
  };

  return {
    matches: (pathname: string) => ROUTE.test(pathname),
    handle,
  };
}
