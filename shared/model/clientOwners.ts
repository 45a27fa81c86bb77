import * as Y from 'yjs';
import { z } from 'zod';
import { Role } from './invitation';
import { SECRETARIAT_ROOTS } from './secretariatDoc';

/**
 * Who owns each Yjs client id of a meeting, as its hub says: the hub binds a client id to the
 * invitation that first shows it (electron/hub/clientOwners.ts) and writes the binding's role and
 * delegation into the meeting's secretariat doc, which delegates cannot write. A name in a comment
 * or a log entry is a claim; the owner of the client id that wrote it is the record.
 */
export const ClientOwner = z.object({ role: Role, delegation: z.string().nullable() });
export type ClientOwner = z.infer<typeof ClientOwner>;

/** Adds owners the doc does not hold yet (a binding never changes). */
export function recordClientOwners(secretariat: Y.Doc, owners: Iterable<[number, ClientOwner]>, origin?: unknown): void {
  const map = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.clientOwners);
  secretariat.transact(() => {
    for (const [clientId, owner] of owners) if (!map.has(String(clientId))) map.set(String(clientId), { role: owner.role, delegation: owner.delegation });
  }, origin);
}

export function readClientOwners(secretariat: Y.Doc): Map<number, ClientOwner> {
  const owners = new Map<number, ClientOwner>();
  secretariat.getMap<unknown>(SECRETARIAT_ROOTS.clientOwners).forEach((value, key) => {
    const owner = ClientOwner.safeParse(value);
    if (owner.success && /^\d+$/.test(key)) owners.set(Number(key), owner.data);
  });
  return owners;
}

/**
 * `verified`: the client that wrote it belongs to the invitation it names; `unverified`: it belongs
 * to someone else (a modified client, or a laptop relaying another's words under its own name);
 * `unknown`: no hub has said (work not yet shared, or written before owners were recorded).
 */
export type Authorship = 'verified' | 'unverified' | 'unknown';

export function authorshipOf(claim: { role: string; delegation: string | null }, writer: number | null, owners: ReadonlyMap<number, ClientOwner>): Authorship {
  const owner = writer === null ? undefined : owners.get(writer);
  if (!owner) return 'unknown';
  // The secretariat relays others' words (a meeting moved, a backup restored): its writing under
  // a delegation's name is a relay, not a contradiction of what the hub recorded.
  if (owner.role === 'secretariat' && claim.role !== 'secretariat') return 'unknown';
  return owner.role === claim.role && (owner.delegation ?? null) === (claim.delegation ?? null) ? 'verified' : 'unverified';
}

/** The Yjs client id that wrote each value of a Y.Array, in order (deleted ones left out). */
export function writersOf(array: Y.Array<unknown>): Array<{ value: unknown; writer: number }> {
  const out: Array<{ value: unknown; writer: number }> = [];
  for (let item = array._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    for (const value of item.content.getContent()) out.push({ value, writer: item.id.client });
  }
  return out;
}
