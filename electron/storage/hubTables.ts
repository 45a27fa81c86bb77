import type Database from 'better-sqlite3';
import type { DocsFile } from './docsFile';

export interface InvitationRow {
  id: string;
  meeting_id: string;
  code_hash: string;
  role: 'secretariat' | 'delegate' | 'observer';
  delegation: string | null;
  created_at: number;
  revoked_at: number | null;
}

/**
 * What a hub records beside its rooms: invitations (only a hash of each code) and which
 * invitation owns each Yjs client id in a room. Held by a headless hub's registry, and by the
 * app's database for the meetings it hosts on the local network.
 */
export class HubTables {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly write: (fn: () => unknown) => void,
  ) {
    this.statements = {
      clientOwner: db.prepare<[string, number]>('SELECT invitation_id FROM client_owners WHERE room = ? AND client_id = ?'),
      bindClient: db.prepare<[string, number, string, number]>(
        'INSERT OR IGNORE INTO client_owners (room, client_id, invitation_id, bound_at) VALUES (?, ?, ?, ?)',
      ),
      bindClients: db.transaction((room: string, clientIds: number[], invitationId: string, now: number) => {
        for (const clientId of clientIds) this.statements.bindClient.run(room, clientId, invitationId, now);
      }),
      insertInvitation: db.prepare<[string, string, string, string, string | null, number, number | null]>(
        'INSERT INTO invitations (id, meeting_id, code_hash, role, delegation, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      invitationByHash: db.prepare<[string]>('SELECT * FROM invitations WHERE code_hash = ?'),
      invitationById: db.prepare<[string]>('SELECT * FROM invitations WHERE id = ?'),
      invitationsOfMeeting: db.prepare<[string]>('SELECT * FROM invitations WHERE meeting_id = ? ORDER BY created_at, id'),
      revokeInvitation: db.prepare<[number, string]>('UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  /** The invitation that owns a Yjs client id in a room. */
  clientOwner(room: string, clientId: number): string | undefined {
    return (this.statements.clientOwner.get(room, clientId) as { invitation_id: string } | undefined)?.invitation_id;
  }

  /** Binds client ids to an invitation, each only if nobody owns it yet. */
  bindClients(room: string, clientIds: Iterable<number>, invitationId: string, now: number): void {
    this.write(() => this.statements.bindClients(room, [...clientIds], invitationId, now));
  }

  /** A new invitation, or one carried from another hub already revoked there. */
  insertInvitation(row: Omit<InvitationRow, 'revoked_at'> & { revoked_at?: number | null }): void {
    this.write(() =>
      this.statements.insertInvitation.run(row.id, row.meeting_id, row.code_hash, row.role, row.delegation, row.created_at, row.revoked_at ?? null),
    );
  }

  invitationByHash(hash: string): InvitationRow | undefined {
    return this.statements.invitationByHash.get(hash) as InvitationRow | undefined;
  }

  invitationById(id: string): InvitationRow | undefined {
    return this.statements.invitationById.get(id) as InvitationRow | undefined;
  }

  invitationsOfMeeting(meetingId: string): InvitationRow[] {
    return this.statements.invitationsOfMeeting.all(meetingId) as InvitationRow[];
  }

  /** True if this call revoked it (false: unknown, or revoked already). */
  revokeInvitation(id: string, now: number): boolean {
    let changed = false;
    this.write(() => {
      changed = this.statements.revokeInvitation.run(now, id).changes > 0;
    });
    return changed;
  }
}

/** The file a hub keeps its records in: its rooms' registry, and its HubTables. */
export type HubStore = DocsFile & { readonly hubTables: HubTables };

/** The hub's tables, as a new registry creates them. */
export const HUB_TABLES = `
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('secretariat', 'delegate', 'observer')),
    delegation TEXT,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX invitations_by_meeting ON invitations (meeting_id);
  CREATE TABLE client_owners (
    room TEXT NOT NULL,
    client_id INTEGER NOT NULL,
    invitation_id TEXT NOT NULL,
    bound_at INTEGER NOT NULL,
    PRIMARY KEY (room, client_id)
  ) WITHOUT ROWID;
`;
