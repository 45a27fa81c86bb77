import type Database from 'better-sqlite3';
import { DOCS_TABLE, DocsFile } from './docsFile';
import { HUB_TABLES, HubTables } from './hubTables';
import { adoptFromAppSchema } from './legacyFiles';
import { bytesOf, FILE_KINDS, type FileSchema, hasTable, openSqliteFile } from './sqliteFile';

export const HUB_REGISTRY_SCHEMA: FileSchema = {
  ...FILE_KINDS.hubRegistry,
  migrations: [(db) => db.exec(DOCS_TABLE + HUB_TABLES)],
  // A registry from before room files may still hold their logs, until the hub moves them out.
  legacy: adoptFromAppSchema(FILE_KINDS.hubRegistry.name, { keep: ['docs', 'invitations', 'client_owners'], keepWhileHeld: ['updates'] }, 1),
};

/**
 * A headless hub's `hub.sqlite`: which rooms exist (and whether each is a meeting's, its
 * secretariat's or a document's), invitations and client owners. Rooms' logs are in room files.
 */
export class HubRegistry extends DocsFile {
  readonly hubTables: HubTables;

  private constructor(file: string, db: Database.Database) {
    super(file, db);
    this.hubTables = new HubTables(db, (fn) => this.write(fn));
  }

  static open(file: string): HubRegistry {
    return new HubRegistry(file, openSqliteFile(file, HUB_REGISTRY_SCHEMA));
  }

  /** A room's log rows still in the registry, from before rooms had files of their own. */
  legacyLogRows(docId: string): Array<{ seq: number; data: Uint8Array }> {
    if (!hasTable(this.db, 'updates')) return [];
    const rows = this.db.prepare<[string]>('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq').all(docId) as Array<{ seq: number; data: Buffer }>;
    return rows.map((row) => ({ seq: row.seq, data: bytesOf(row.data) }));
  }

  /**
   * Deletes the rows the hub copied to a room's file (up to `throughSeq`, so none written since),
   * and the old table once it is empty.
   */
  deleteLegacyLogThrough(docId: string, throughSeq: number): void {
    this.write(() =>
      this.db.transaction(() => {
        this.db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq <= ?').run(docId, throughSeq);
        if (this.db.prepare('SELECT 1 FROM updates LIMIT 1').get() === undefined) this.db.exec('DROP TABLE updates');
      })(),
    );
    this.vacuumFreePages();
  }
}
