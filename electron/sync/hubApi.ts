import type { z } from 'zod';
import { AccordError } from '../../shared/api/errors';
import { HubErrorBody } from '../../shared/model/invitation';
import { hubWebAddress } from '../../shared/model/joinLink';
import type { Logger } from '../storage/logger';
import { readLimitedText } from './limitedBody';

/** A meeting's invitations (with their hashes, as it moves) fit in far less; a hub that sends more is not answering this question. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 8000;

/** The hub a request goes to, and the secretariat code it is made with. */
export interface HubApiTarget {
  meeting_id: string;
  hub_url: string;
  code: string;
}

/**
 * Requests to a hub's HTTP API for a meeting (its invitations, and their hashes as the meeting moves),
 * made with a secretariat code. Whatever the hub answers is read against the shared schemas: a hub
 * is a server on the network, not part of this app.
 */
export function createHubApi(deps: { log: Logger; fetch?: typeof fetch }) {
  const { log } = deps;
  const doFetch = deps.fetch ?? fetch;

  /** What the hub said when it refused, as an error the window can show. */
  const refusal = (remote: HubApiTarget, status: number, body: unknown, missingApi: boolean): AccordError => {
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
    remote: HubApiTarget,
    request: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown },
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
      const text = await readLimitedText(response, MAX_ANSWER_BYTES);
      body = text === undefined ? undefined : JSON.parse(text);
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

  return { ask };
}
