import { createHash, randomInt } from 'node:crypto';
import { AccordError } from '../../shared/api/errors';
import {
  CODE_ALPHABET,
  CODE_GROUPS,
  formatInvitationCode,
  InvitationCode,
  InvitationGrant,
  type InvitationRecord,
} from '../../shared/model/invitation';
import type { HubStore, InvitationRow } from '../storage/hubTables';

const hashCode = (normalized: string) => createHash('sha256').update(`accord-invitation:${normalized}`).digest('hex');

const toRecord = (row: InvitationRow): InvitationRecord => ({
  id: row.id,
  meetingId: row.meeting_id,
  role: row.role,
  delegation: row.delegation,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export interface IssuedInvitation extends InvitationRecord {
  /** Shown once, to hand out; the hub keeps only its hash. */
  code: string;
}

/** Invitation codes of a hub: issued per meeting with a role, checked at every connection. */
export class Invitations {
  constructor(private readonly deps: { store: HubStore; now: () => number; newId: () => string }) {}

  issue(grant: InvitationGrant): IssuedInvitation {
    const parsed = InvitationGrant.safeParse(grant);
    if (!parsed.success) throw new AccordError('invalid_request', parsed.error.issues[0]?.message ?? 'Invalid invitation.');
    let raw = '';
    for (let i = 0; i < CODE_GROUPS * 4; i += 1) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const id = this.deps.newId();
    const createdAt = this.deps.now();
    this.deps.store.hubTables.insertInvitation({
      id,
      meeting_id: parsed.data.meetingId,
      code_hash: hashCode(raw),
      role: parsed.data.role,
      delegation: parsed.data.delegation,
      created_at: createdAt,
    });
    return { ...parsed.data, id, createdAt, revokedAt: null, code: formatInvitationCode(raw) };
  }

  /** The grant behind a code, or undefined for a code that is unknown, malformed or revoked. */
  verify(code: string): InvitationRecord | undefined {
    const parsed = InvitationCode.safeParse(code);
    if (!parsed.success) return undefined;
    const row = this.deps.store.hubTables.invitationByHash(hashCode(parsed.data));
    return row && row.revoked_at === null ? toRecord(row) : undefined;
  }

  isActive(id: string): boolean {
    const row = this.deps.store.hubTables.invitationById(id);
    return row !== undefined && row.revoked_at === null;
  }

  /** Revokes by id or by the code itself. */
  revoke(idOrCode: string): InvitationRecord {
    const byCode = InvitationCode.safeParse(idOrCode);
    const row =
      this.deps.store.hubTables.invitationById(idOrCode) ?? (byCode.success ? this.deps.store.hubTables.invitationByHash(hashCode(byCode.data)) : undefined);
    if (!row) throw new AccordError('not_found', 'No invitation with that id or code exists on this hub.');
    this.deps.store.hubTables.revokeInvitation(row.id, this.deps.now());
    return toRecord(this.deps.store.hubTables.invitationById(row.id)!);
  }

  list(meetingId: string): InvitationRecord[] {
    return this.deps.store.hubTables.invitationsOfMeeting(meetingId).map(toRecord);
  }
}
