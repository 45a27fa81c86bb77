import type Database from 'better-sqlite3';
import { appMigrations } from './appMigrations';
import { HubTables } from './hubTables';
import { LogFile } from './logFile';
import { blob, FILE_KINDS, type FileSchema, openSqliteFile } from './sqliteFile';

export const APP_SCHEMA: FileSchema = { ...FILE_KINDS.app, migrations: appMigrations };

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

/**
 * The app's own database (`accord.sqlite`): every document's log, versions, saved clause
 * templates, settings, the hubs this computer joined, and the hub tables of the meetings it hosts
 * on the local network.
 */
export class AppStore extends LogFile {
  readonly hubTables: HubTables;
  private readonly statements;

  private constructor(file: string, db: Database.Database) {
    super(file, db);
    this.hubTables = new HubTables(db, (fn) => this.write(fn));
    this.statements = {
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
      upsertRemote: db.prepare<[string, string, string, string, string | null, string, number]>(
        `INSERT INTO remotes (meeting_id, hub_url, code, role, delegation, participant, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(meeting_id) DO UPDATE SET hub_url = excluded.hub_url, code = excluded.code, role = excluded.role,
           delegation = excluded.delegation, participant = excluded.participant`,
      ),
      remotes: db.prepare('SELECT * FROM remotes ORDER BY joined_at'),
      remote: db.prepare<[string]>('SELECT * FROM remotes WHERE meeting_id = ?'),
      deleteRemote: db.prepare<[string]>('DELETE FROM remotes WHERE meeting_id = ?'),
      forgetHubState: db.prepare<[string]>('DELETE FROM hub_state WHERE doc_id = ?'),
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
      putInBin: db.prepare<[string, number]>('INSERT OR IGNORE INTO bin (id, binned_at) VALUES (?, ?)'),
      takeFromBin: db.prepare<[string]>('DELETE FROM bin WHERE id = ?'),
      inBin: db.prepare<[string]>('SELECT binned_at FROM bin WHERE id = ?'),
      bin: db.prepare('SELECT id, binned_at FROM bin ORDER BY binned_at DESC, id'),
      getSetting: db.prepare<[string]>('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** Opens (creating if absent) the database at `file`, migrating it to the current schema. */
  static open(file: string): AppStore {
    return new AppStore(file, openSqliteFile(file, APP_SCHEMA));
  }

  saveRemote(row: RemoteRow): void {
    this.write(() =>
      this.statements.upsertRemote.run(row.meeting_id, row.hub_url, row.code, row.role, row.delegation, row.participant, row.joined_at),
    );
  }

  /** A meeting no longer shared through a hub from this laptop (it hosts it now); its docs stay. */
  deleteRemote(meetingId: string): void {
    this.write(() => this.statements.deleteRemote.run(meetingId));
  }

  /**
   * Moves a meeting's link to another hub: the new row, and no state vector of the old hub's, which
   * would count as confirmed what the new hub has never received.
   */
  moveRemote(row: RemoteRow, docIds: readonly string[]): void {
    this.write(() =>
      this.db.transaction(() => {
        this.statements.upsertRemote.run(row.meeting_id, row.hub_url, row.code, row.role, row.delegation, row.participant, row.joined_at);
        for (const id of docIds) this.statements.forgetHubState.run(id);
      })(),
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
    this.write(() => this.statements.setHubState.run(docId, blob(stateVector)));
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

  /** Moves a meeting or document to this laptop's bin; true if it was not there already. */
  putInBin(id: string, now: number): boolean {
    let changed = false;
    this.write(() => {
      changed = this.statements.putInBin.run(id, now).changes > 0;
    });
    return changed;
  }

  /** Restores it from the bin; true if it was there. */
  takeFromBin(id: string): boolean {
    let changed = false;
    this.write(() => {
      changed = this.statements.takeFromBin.run(id).changes > 0;
    });
    return changed;
  }

  isInBin(id: string): boolean {
    return this.statements.inBin.get(id) !== undefined;
  }

  binContents(): Array<{ id: string; binnedAt: number }> {
    return (this.statements.bin.all() as Array<{ id: string; binned_at: number }>).map((row) => ({ id: row.id, binnedAt: row.binned_at }));
  }

  getSetting(key: string): string | undefined {
    return (this.statements.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.write(() => this.statements.setSetting.run(key, value));
  }
}
