import { formatInvitationCode, InvitationCode } from './invitation';

/**
 * A join link carries a hub and an invitation code in one thing a secretariat can send or print:
 * `https://HUB/join#code=K7QP-2M9X-4TWA-HC3R`. The code sits in the fragment, which browsers never
 * send, so it reaches no server's log, not even the hub's own page that explains the link.
 */
export const JOIN_PATH = '/join';

/** A host as a hub address names it: a name or IPv4 address, or a bracketed IPv6 one, and a port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

function validHost(host: string): boolean {
  const match = HOST.exec(host);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65535);
}

/** The hub's web address for its ws(s) address: the same host and port, spoken over http(s). */
export function hubWebAddress(hubUrl: string): string {
  const match = /^(wss?):\/\/([^/?#]+)\/*$/i.exec(hubUrl.trim());
  if (!match || !validHost(match[2]!)) throw new Error(`Not a hub address: ${hubUrl}`);
  return `${match[1]!.toLowerCase() === 'wss' ? 'https' : 'http'}://${match[2]!.toLowerCase()}`;
}

export function joinLink(hubUrl: string, code: string): string {
  return `${hubWebAddress(hubUrl)}${JOIN_PATH}#code=${code}`;
}

/** Why a pasted link is not a join link; the window says each in the user's language. */
export type JoinLinkProblem = 'malformed' | 'scheme' | 'path' | 'code';

export type ParsedJoinLink = { ok: true; hubUrl: string; code: string } | { ok: false; problem: JoinLinkProblem };

/** Long enough for any hub's name and a code; a longer paste is not a join link. */
const MAX_LINK_CHARS = 400;

/**
 * Whether a field's text is meant as a whole join link rather than a hub address or a code: it
 * names the join page or carries a code in its fragment. A bare `ws://…` address is not one.
 */
export function looksLikeJoinLink(text: string): boolean {
  const trimmed = text.trim();
  return /#code=/i.test(trimmed) || /^[a-z][a-z0-9+.-]*:\/\/[^\s/]+\/join(?:[/?#]|$)/i.test(trimmed);
}

/**
 * The hub address and code of a pasted join link, or why it is not one. Only http(s) links to a
 * hub's join page with a well-formed code are accepted: a link is text from anyone, and whatever
 * it names becomes the address this laptop connects to.
 */
export function parseJoinLink(text: string): ParsedJoinLink {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LINK_CHARS || /\s/.test(trimmed)) return { ok: false, problem: 'malformed' };
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(trimmed);
  if (!parts) return { ok: false, problem: 'malformed' };
  const [, scheme, host, path, query, fragment] = parts;
  const secure = scheme!.toLowerCase() === 'https';
  if (!secure && scheme!.toLowerCase() !== 'http') return { ok: false, problem: 'scheme' };
  // user:password@ before a host is how a link hides where it really goes.
  if (host!.includes('@') || !validHost(host!)) return { ok: false, problem: 'malformed' };
  if (path!.replace(/\/+$/, '') !== JOIN_PATH || query !== undefined) return { ok: false, problem: 'path' };
  const code = /^#code=([A-Za-z0-9-]{1,40})$/.exec(fragment ?? '');
  const parsed = InvitationCode.safeParse(code?.[1] ?? '');
  if (!parsed.success) return { ok: false, problem: 'code' };
  return { ok: true, hubUrl: `${secure ? 'wss' : 'ws'}://${host!.toLowerCase()}`, code: formatInvitationCode(parsed.data) };
}
