import { createHash, randomInt } from 'node:crypto';
import { AccordError } from '../../shared/api/errors';
import {
  type CarriedInvitation,
  type HubCarryResult,
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

  /** A meeting's invitations as they move with it to another hub: hashes, never codes. */
  carried(meetingId: string): CarriedInvitation[] {
    return this.deps.store.hubTables.invitationsOfMeeting(meetingId).map((row) => ({
      id: row.id,
      role: row.role,
      delegation: row.delegation,
      codeHash: row.code_hash,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    }));
  }

  /**
   * Takes in a meeting's invitations from the hub it moves from, so every code handed out there
   * works here, for the same role and delegation and under the same id (client ids bound to it keep
   * their owner). One already held stays as it is, except that a revocation carried is applied:
   * a code revoked anywhere is revoked everywhere, and never revived. An id or a code this hub holds
   * for anything else is refused, as is anything past `room` new ones.
   */
  adopt(meetingId: string, carried: readonly CarriedInvitation[], room: number): HubCarryResult {
    const tables = this.deps.store.hubTables;
    const result = { added: 0, kept: 0, refused: 0 };
    for (const item of carried) {
      const held = tables.invitationById(item.id);
      if (held) {
        const same = held.meeting_id === meetingId && held.code_hash === item.codeHash && held.role === item.role && held.delegation === item.delegation;
        if (!same) {
          result.refused += 1;
          continue;
        }
        if (item.revokedAt !== null && held.revoked_at === null) tables.revokeInvitation(held.id, item.revokedAt);
        result.kept += 1;
      } else if (tables.invitationByHash(item.codeHash) || result.added >= room) {
        result.refused += 1;
      } else {
        tables.insertInvitation({
          id: item.id,
          meeting_id: meetingId,
          code_hash: item.codeHash,
          role: item.role,
          delegation: item.delegation,
          created_at: item.createdAt,
          revoked_at: item.revokedAt,
        });
        result.added += 1;
      }
    }
    return result;
  }

  list(meetingId: string): InvitationRecord[] {
    return this.deps.store.hubTables.invitationsOfMeeting(meetingId).map(toRecord);
  }
}
