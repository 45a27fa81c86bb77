import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AccordError } from '../../shared/api/errors';
import { migrations } from './storeMigrations';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export type StoredDocKind = 'meeting' | 'declaration' | 'secretariat';

export interface StoredDoc {
  id: string;
  kind: StoredDocKind;
  meetingId: string | null;
  createdAt: number;
  updatedAt: number;
}

interface DocRow {
  id: string;
  kind: StoredDocKind;
  meeting_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface InvitationRow {
  id: string;
  meeting_id: string;
  code_hash: string;
  role: 'secretariat' | 'delegate' | 'observer';
  delegation: string | null;
  created_at: number;
  revoked_at: number | null;
}

export interface RemoteRow {
  meeting_id: string;
  hub_url: string;
  code: string;
  role: 'secretariat' | 'delegate' | 'observer';
  delegation: string | null;
  participant: string;
  joined_at: number;
}

/** A saved or imported clause template; validated by the templates service when read. */
export interface PersonalTemplateRow {
  id: string;
  kind: string;
  title: string;
  /** JSON array of strings. */
  tags: string;
  language: string;
  text: string;
  group_id: string | null;
  imported_from: string | null;
  created_at: number;
}

/** A stored version; author fields are JSON, checked by the versions service when read. */
export interface VersionRow {
  id: string;
  doc_id: string;
  label: string;
  status: string;
  origin: string;
  author: string;
  state: Buffer;
  created_at: number;
  circulated_at: number | null;
  circulated_by: string | null;
  /** JSON: the document's paragraph statuses when the version was saved; null before they moved out of the doc. */
  statuses: string | null;
}

export type VersionListRow = Omit<VersionRow, 'state' | 'statuses'> & { state_bytes: number };

/** How much of a document's log lies beyond its last compaction. */
/** A change a hub refused, kept apart from the document (see Replicas.rebuild). */
export interface SetAsideChange {
  reason: string;
  /** The words it added, for a person to recognise it. */
  words: string;
  /** The change itself, a Yjs update. */
  data: Uint8Array;
}

export interface UpdateLogSize {
  rows: number;
  bytes: number;
}

const toDoc = (row: DocRow): StoredDoc => ({
  id: row.id,
  kind: row.kind,
  meetingId: row.meeting_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function unreadable(file: string, reason: string): AccordError {
  return new AccordError(
    'storage_unavailable',
    `Accord cannot read its database: ${reason}. The file has been left exactly as it was.`,
    file,
  );
}

/**
 * Refuses anything that is not an SQLite database before SQLite touches it: opening a foreign
 * file in WAL mode would write to it, and a user's damaged file must stay as it was for recovery.
 */
function assertLooksLikeSqlite(file: string): void {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw unreadable(file, 'it is not an Accord database');
}

/** Marks Accord's files (PRAGMA application_id), so another program's SQLite file is refused. */
export const ACCORD_APPLICATION_ID = 0x41434344;

/**
 * Checks an existing file on a read-only connection, which can neither switch it to WAL nor
 * checkpoint it on close: a refused file keeps every byte (and its -wal file) as it was.
 */
function inspectReadOnly(file: string): void {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const version = probe.pragma('user_version', { simple: true }) as number;
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    if (version > migrations.length) throw unreadable(file, `it was written by a newer version of Accord (schema ${version})`);
    if (applicationId !== 0 && applicationId !== ACCORD_APPLICATION_ID) throw unreadable(file, 'it belongs to another program');
    const tables = (probe.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
    if (version === 0 && tables > 0) throw unreadable(file, 'it is not an Accord database');
    const check = probe.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw unreadable(file, 'it is damaged');
  } catch (error) {
    if (error instanceof AccordError) throw error;
    throw unreadable(file, error instanceof Error ? error.message : String(error));
  } finally {
    probe?.close();
  }
}

/**
 * The local SQLite file: an append-only log of Yjs updates per document, the registry of
 * documents, and settings. Synchronous on purpose: an update is on disk when a call returns,
 * which is what lets main confirm "saved" honestly.
 */
export class Store {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly statements;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
    this.statements = {
      append: db.prepare<[string, Buffer, number]>('INSERT INTO updates (doc_id, data, created_at) VALUES (?, ?, ?)'),
      touch: db.prepare<[number, string]>('UPDATE docs SET updated_at = ? WHERE id = ?'),
      updates: db.prepare<[string]>('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq'),
      updateRows: db.prepare<[string]>('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq'),
      logSize: db.prepare<[string]>('SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE doc_id = ?'),
      deleteThrough: db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
      insertAt: db.prepare<[number, string, Buffer, number]>('INSERT INTO updates (seq, doc_id, data, created_at) VALUES (?, ?, ?, ?)'),
      setAside: db.prepare<[string, string, string, Buffer, number]>('INSERT INTO set_aside_changes (doc_id, reason, words, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      setAsideOf: db.prepare<[string]>('SELECT id, reason, words, data, created_at FROM set_aside_changes WHERE doc_id = ? ORDER BY id'),
      insertVersion: db.prepare<[string, string, string, string, string, string, Buffer, number, number | null, string | null, string | null]>(
        `INSERT INTO versions (id, doc_id, label, status, origin, author, state, created_at, circulated_at, circulated_by, statuses)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      versionsOfDoc: db.prepare<[string]>(
        `SELECT id, doc_id, label, status, origin, author, length(state) AS state_bytes, created_at, circulated_at, circulated_by
         FROM versions WHERE doc_id = ? ORDER BY created_at, rowid`,
      ),
      version: db.prepare<[string]>('SELECT * FROM versions WHERE id = ?'),
      markCirculated: db.prepare<[number, string, string]>(
        'UPDATE versions SET circulated_at = ?, circulated_by = ? WHERE id = ? AND circulated_at IS NULL',
      ),
      insertDoc: db.prepare<[string, StoredDocKind, string | null, number, number]>(
        'INSERT INTO docs (id, kind, meeting_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      getDoc: db.prepare<[string]>('SELECT * FROM docs WHERE id = ?'),
      docsOfKind: db.prepare<[StoredDocKind]>('SELECT * FROM docs WHERE kind = ? ORDER BY created_at'),
      docsOfMeeting: db.prepare<[string]>('SELECT * FROM docs WHERE meeting_id = ? ORDER BY created_at'),
      ensureDoc: db.prepare<[string, StoredDocKind, string | null, number, number, string | null]>(
        'INSERT OR IGNORE INTO docs (id, kind, meeting_id, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      countDocsOfMeeting: db.prepare<[string]>('SELECT COUNT(*) AS n FROM docs WHERE meeting_id = ?'),
      countDocsCreatedBy: db.prepare<[string]>('SELECT COUNT(*) AS n FROM docs WHERE created_by = ?'),
      clientOwner: db.prepare<[string, number]>('SELECT invitation_id FROM client_owners WHERE room = ? AND client_id = ?'),
      bindClient: db.prepare<[string, number, string, number]>(
        'INSERT OR IGNORE INTO client_owners (room, client_id, invitation_id, bound_at) VALUES (?, ?, ?, ?)',
      ),
      insertInvitation: db.prepare<[string, string, string, string, string | null, number]>(
        'INSERT INTO invitations (id, meeting_id, code_hash, role, delegation, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      invitationByHash: db.prepare<[string]>('SELECT * FROM invitations WHERE code_hash = ?'),
      invitationById: db.prepare<[string]>('SELECT * FROM invitations WHERE id = ?'),
      invitationsOfMeeting: db.prepare<[string]>('SELECT * FROM invitations WHERE meeting_id = ? ORDER BY created_at, id'),
      revokeInvitation: db.prepare<[number, string]>('UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      upsertRemote: db.prepare<[string, string, string, string, string | null, string, number]>(
        `INSERT INTO remotes (meeting_id, hub_url, code, role, delegation, participant, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(meeting_id) DO UPDATE SET hub_url = excluded.hub_url, code = excluded.code, role = excluded.role,
           delegation = excluded.delegation, participant = excluded.participant`,
      ),
      remotes: db.prepare('SELECT * FROM remotes ORDER BY joined_at'),
      remote: db.prepare<[string]>('SELECT * FROM remotes WHERE meeting_id = ?'),
      hubState: db.prepare<[string]>('SELECT state_vector FROM hub_state WHERE doc_id = ?'),
      setHubState: db.prepare<[string, Buffer]>(
        'INSERT INTO hub_state (doc_id, state_vector) VALUES (?, ?) ON CONFLICT(doc_id) DO UPDATE SET state_vector = excluded.state_vector',
      ),
      insertPersonalTemplate: db.prepare<[string, string, string, string, string, string, string | null, string | null, number]>(
        `INSERT INTO personal_templates (id, kind, title, tags, language, text, group_id, imported_from, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      personalTemplates: db.prepare('SELECT * FROM personal_templates ORDER BY created_at, id'),
      personalTemplate: db.prepare<[string]>('SELECT * FROM personal_templates WHERE id = ?'),
      deletePersonalTemplate: db.prepare<[string]>('DELETE FROM personal_templates WHERE id = ?'),
      getSetting: db.prepare<[string]>('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** Opens (creating if absent) the database at `file`, migrating it to the current schema. */
  static open(file: string): Store {
    assertLooksLikeSqlite(file);
    if (existsSync(file) && statSync(file).size > 0) inspectReadOnly(file);
    let db: Database.Database | undefined;
    try {
      // Only a file that passed the read-only inspection (or a new one) is opened for writing.
      db = new Database(file);
      const version = db.pragma('user_version', { simple: true }) as number;
      // A new file gives back the pages compaction frees. Only possible before anything is written,
      // WAL mode included; an existing file keeps its mode (switching needs a full VACUUM).
      if (version === 0) db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      // FULL: a committed update survives power loss, not only a crash of the app.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, version);
      db.pragma(`application_id = ${ACCORD_APPLICATION_ID}`);
      return new Store(file, db);
    } catch (error) {
      db?.close();
      if (error instanceof AccordError) throw error;
      throw unreadable(file, error instanceof Error ? error.message : String(error));
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  get journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string;
  }

  createDoc(doc: { id: string; kind: StoredDocKind; meetingId: string | null; now: number }): StoredDoc {
    this.write(() => this.statements.insertDoc.run(doc.id, doc.kind, doc.meetingId, doc.now, doc.now));
    return { id: doc.id, kind: doc.kind, meetingId: doc.meetingId, createdAt: doc.now, updatedAt: doc.now };
  }

  /** Registers a document if it is new; a hub learns of documents as participants open them. */
  ensureDoc(doc: { id: string; kind: StoredDocKind; meetingId: string | null; now: number; createdBy?: string }): StoredDoc {
    this.write(() => this.statements.ensureDoc.run(doc.id, doc.kind, doc.meetingId, doc.now, doc.now, doc.createdBy ?? null));
    return this.getDoc(doc.id)!;
  }

  /** How many documents a hub holds for a meeting, and how many rooms one invitation created. */
  countDocs(by: { meetingId: string } | { createdBy: string }): number {
    const row = ('meetingId' in by ? this.statements.countDocsOfMeeting.get(by.meetingId) : this.statements.countDocsCreatedBy.get(by.createdBy)) as { n: number };
    return row.n;
  }

  /** The invitation that owns a Yjs client id in a room, on a hub. */
  clientOwner(room: string, clientId: number): string | undefined {
    return (this.statements.clientOwner.get(room, clientId) as { invitation_id: string } | undefined)?.invitation_id;
  }

  /** Binds client ids to an invitation, each only if nobody owns it yet. */
  bindClients(room: string, clientIds: Iterable<number>, invitationId: string, now: number): void {
    this.write(() =>
      this.db.transaction(() => {
        for (const clientId of clientIds) this.statements.bindClient.run(room, clientId, invitationId, now);
      })(),
    );
  }

  insertInvitation(row: Omit<InvitationRow, 'revoked_at'>): void {
    this.write(() =>
      this.statements.insertInvitation.run(row.id, row.meeting_id, row.code_hash, row.role, row.delegation, row.created_at),
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

  saveRemote(row: RemoteRow): void {
    this.write(() =>
      this.statements.upsertRemote.run(row.meeting_id, row.hub_url, row.code, row.role, row.delegation, row.participant, row.joined_at),
    );
  }

  listRemotes(): RemoteRow[] {
    return this.statements.remotes.all() as RemoteRow[];
  }

  getRemote(meetingId: string): RemoteRow | undefined {
    return this.statements.remote.get(meetingId) as RemoteRow | undefined;
  }

  /** The state vector a hub last reported for a room (empty if never heard from). */
  hubStateVector(docId: string): Uint8Array | undefined {
    const row = this.statements.hubState.get(docId) as { state_vector: Buffer } | undefined;
    return row && new Uint8Array(row.state_vector);
  }

  setHubStateVector(docId: string, stateVector: Uint8Array): void {
    this.write(() => this.statements.setHubState.run(docId, Buffer.from(stateVector)));
  }

  getDoc(id: string): StoredDoc | undefined {
    const row = this.statements.getDoc.get(id) as DocRow | undefined;
    return row && toDoc(row);
  }

  listDocs(kind: StoredDocKind): StoredDoc[] {
    return (this.statements.docsOfKind.all(kind) as DocRow[]).map(toDoc);
  }

  listMeetingDocs(meetingId: string): StoredDoc[] {
    return (this.statements.docsOfMeeting.all(meetingId) as DocRow[]).map(toDoc);
  }

  /** Appends one Yjs update to a document's log; durable when this returns. */
  appendUpdate(docId: string, update: Uint8Array, now: number): void {
    this.write(
      this.db.transaction(() => {
        this.statements.append.run(docId, Buffer.from(update.buffer, update.byteOffset, update.byteLength), now);
        this.statements.touch.run(now, docId);
      }),
    );
  }

  readUpdates(docId: string): Uint8Array[] {
    return (this.statements.updates.all(docId) as Array<{ data: Buffer }>).map(
      (row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    );
  }

  /** The log with its sequence numbers, oldest first, for compaction. */
  readUpdateRows(docId: string): Array<{ seq: number; data: Uint8Array }> {
    return (this.statements.updateRows.all(docId) as Array<{ seq: number; data: Buffer }>).map((row) => ({
      seq: row.seq,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    }));
  }

  updateLogSize(docId: string): UpdateLogSize {
    return this.statements.logSize.get(docId) as UpdateLogSize;
  }

  /**
   * Replaces the log's rows up to `throughSeq` by one update holding all of them, in one
   * transaction: a crash leaves either the old rows or the merged one, never neither. The merged
   * row keeps the last sequence number it replaces, so it still reads before every later row.
   */
  compactUpdates(docId: string, throughSeq: number, merged: Uint8Array, now: number): void {
    this.write(
      this.db.transaction(() => {
        this.statements.deleteThrough.run(docId, throughSeq);
        this.statements.insertAt.run(throughSeq, docId, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), now);
      }),
    );
    // Its own transaction, after the swap: a crash here only leaves free pages for next time.
    this.write(() => this.db.pragma('incremental_vacuum'));
  }

  /**
   * Replaces a document's whole log by `state` and keeps `aside` (what the old log held that the
   * new one lacks), in one transaction: a crash leaves the old log or both, never a loss.
   */
  rebuildLog(docId: string, state: Uint8Array, aside: SetAsideChange, now: number): void {
    this.write(
      this.db.transaction(() => {
        const last = (this.statements.updateRows.all(docId) as Array<{ seq: number }>).at(-1)?.seq;
        if (last !== undefined) this.statements.deleteThrough.run(docId, last);
        this.statements.append.run(docId, Buffer.from(state.buffer, state.byteOffset, state.byteLength), now);
        this.statements.setAside.run(docId, aside.reason, aside.words, Buffer.from(aside.data.buffer, aside.data.byteOffset, aside.data.byteLength), now);
      }),
    );
    this.write(() => this.db.pragma('incremental_vacuum'));
  }

  setAsideChanges(docId: string): Array<SetAsideChange & { id: number; createdAt: number }> {
    return (this.statements.setAsideOf.all(docId) as Array<{ id: number; reason: string; words: string; data: Buffer; created_at: number }>).map((row) => ({
      id: row.id,
      reason: row.reason,
      words: row.words,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      createdAt: row.created_at,
    }));
  }

  /**
   * Deletes a document's log up to `throughSeq`: the hub moving a room's log out to the room's
   * own file deletes only what it copied, so a row written since is kept.
   */
  deleteUpdatesThrough(docId: string, throughSeq: number): void {
    this.write(() => this.statements.deleteThrough.run(docId, throughSeq));
    // As after compaction: its own transaction, a crash here only leaves free pages for next time.
    this.write(() => this.db.pragma('incremental_vacuum'));
  }

  insertVersion(row: VersionRow): void {
    this.write(() => this.runInsertVersion(row));
  }

  private runInsertVersion(row: VersionRow): void {
    this.statements.insertVersion.run(
      row.id,
      row.doc_id,
      row.label,
      row.status,
      row.origin,
      row.author,
      row.state,
      row.created_at,
      row.circulated_at,
      row.circulated_by,
      row.statuses,
    );
  }

  /** Adds the versions not already held (by id) all together or not at all; returns how many were new. */
  insertVersionsIfAbsent(rows: ReadonlyArray<VersionRow>): number {
    let added = 0;
    this.write(
      this.db.transaction(() => {
        for (const row of rows) {
          if (this.statements.version.get(row.id)) continue;
          this.runInsertVersion(row);
          added += 1;
        }
      }),
    );
    return added;
  }

  listVersions(docId: string): VersionListRow[] {
    return this.statements.versionsOfDoc.all(docId) as VersionListRow[];
  }

  getVersion(id: string): VersionRow | undefined {
    return this.statements.version.get(id) as VersionRow | undefined;
  }

  /** Notes once that a version was circulated; false if it already was (or does not exist). */
  markVersionCirculated(id: string, at: number, by: string): boolean {
    let changed = false;
    this.write(() => {
      changed = this.statements.markCirculated.run(at, by, id).changes > 0;
    });
    return changed;
  }

  /** Runs `fn` in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(fn: () => T): T {
    let result!: T;
    this.write(
      this.db.transaction(() => {
        result = fn();
      }),
    );
    return result;
  }

  /** Saves templates all together or not at all: an import never stops halfway. */
  insertPersonalTemplates(rows: ReadonlyArray<PersonalTemplateRow>): void {
    const insert = this.statements.insertPersonalTemplate;
    this.write(
      this.db.transaction(() => {
        for (const r of rows) insert.run(r.id, r.kind, r.title, r.tags, r.language, r.text, r.group_id, r.imported_from, r.created_at);
      }),
    );
  }

  listPersonalTemplates(): PersonalTemplateRow[] {
    return this.statements.personalTemplates.all() as PersonalTemplateRow[];
  }

  getPersonalTemplate(id: string): PersonalTemplateRow | undefined {
    return this.statements.personalTemplate.get(id) as PersonalTemplateRow | undefined;
  }

  /** True if this call deleted it (false: there was no such template). */
  deletePersonalTemplate(id: string): boolean {
    let changed = false;
    this.write(() => {
      changed = this.statements.deletePersonalTemplate.run(id).changes > 0;
    });
    return changed;
  }

  getSetting(key: string): string | undefined {
    return (this.statements.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.write(() => this.statements.setSetting.run(key, value));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs a write; SQLite's own failures (disk full, read-only, closed) become one error a person can act on. */
  private write(fn: () => unknown): void {
    try {
      fn();
    } catch (error) {
      // A bug in the caller is not a full disk: it goes up as it is.
      if (!(error instanceof Database.SqliteError) && !(error instanceof TypeError && /database/i.test(error.message))) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new AccordError(
        'storage_failed',
        `Accord could not save to ${this.file} (${reason}). Check that the disk has space and is writable.`,
        this.file,
      );
    }
  }
}

function migrate(db: Database.Database, from: number): void {
  for (let version = from; version < migrations.length; version += 1) {
    const step = migrations[version]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
