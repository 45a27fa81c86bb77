import { AccordError } from '../../shared/api/errors';
import { Role } from '../../shared/model/invitation';
import { readLimitedText } from './limitedBody';

/** A grant is a few dozen bytes; whatever a hub sends beyond this is not an answer to the question. */
const MAX_ANSWER_BYTES = 64 * 1024;

function parseJson(text: string | undefined): object {
  try {
    const value: unknown = text === undefined ? {} : JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

export interface InvitationGrantAnswer {
  meetingId: string;
  role: Role;
  delegation: string | null;
}

/**
 * What a hub says a code grants (`GET /v1/invitation`), asked before anything of this laptop's is
 * sent there: to join a meeting, and before following the secretariat's notice that it moved.
 * Every refusal is said as something the user can act on.
 */
export async function lookUpInvitation(doFetch: typeof fetch, hubUrl: string, code: string): Promise<InvitationGrantAnswer> {
  let response: Response;
  try {
    response = await doFetch(`${hubUrl.replace(/^ws/, 'http')}/v1/invitation`, {
      headers: { Authorization: `Bearer ${code.trim()}` },
      signal: AbortSignal.timeout(8000),
    });
  } catch (error) {
    throw new AccordError('internal', `Accord cannot reach the hub at ${hubUrl} (${error instanceof Error ? error.message : String(error)}). Check the address and the network.`);
  }
  if (response.status === 401) throw new AccordError('invalid_request', 'The hub does not know this invitation code, or it has been revoked. Ask the secretariat for a new one.');
  if (response.status === 503) {
    // The hub says why it cannot serve the meeting now (a laptop that stopped hosting it).
    const said = parseJson(await readLimitedText(response, MAX_ANSWER_BYTES)) as { message?: unknown };
    throw new AccordError('unavailable', typeof said.message === 'string' ? said.message.slice(0, 300) : `The hub at ${hubUrl} cannot serve this meeting now.`);
  }
  if (!response.ok) throw new AccordError('internal', `The hub at ${hubUrl} answered with an error (${response.status}).`);
  const body = parseJson(await readLimitedText(response, MAX_ANSWER_BYTES)) as { meetingId?: unknown; role?: unknown; delegation?: unknown };
  const role = Role.safeParse(body.role);
  if (typeof body.meetingId !== 'string' || !role.success) throw new AccordError('internal', 'The hub sent an answer Accord does not understand.');
  return { meetingId: body.meetingId, role: role.data, delegation: typeof body.delegation === 'string' ? body.delegation : null };
}
