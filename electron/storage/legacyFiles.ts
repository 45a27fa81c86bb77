import type Database from 'better-sqlite3';
import { appMigrations } from './appMigrations';
import { FILE_KINDS, hasTable, type LegacyAdoption } from './sqliteFile';

function userTables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((row) => row.name);
}

function holdsRows(db: Database.Database, table: string): boolean {
  return hasTable(db, table) && db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get() !== undefined;
}

/**
 * How a hub's kind of file adopts one written before files had kinds: under the app's id and
 * schema, with every app table present and empty. Tables outside `keep` are dropped, and those in
 * `keepWhileHeld` only if they are empty; a file whose other tables hold rows is someone's app
 * database (or a damaged one) and is refused untouched, so adoption never drops data.
 */
export function adoptFromAppSchema(name: string, tables: { keep: string[]; keepWhileHeld?: string[] }, version: number): LegacyAdoption {
  const kept = new Set([...tables.keep, ...(tables.keepWhileHeld ?? [])]);
  return {
    applicationIds: [FILE_KINDS.app.applicationId, 0],
    migrations: appMigrations,
    refuse(db) {
      const held = userTables(db).find((table) => !kept.has(table) && holdsRows(db, table));
      return held && `it looks like the app's database (its ${held} table holds data), not ${name}`;
    },
    convert(db) {
      for (const table of userTables(db)) {
        const drop = !tables.keep.includes(table) && !(tables.keepWhileHeld?.includes(table) && holdsRows(db, table));
        if (drop) db.exec(`DROP TABLE "${table}"`);
      }
    },
    version,
  };
}
