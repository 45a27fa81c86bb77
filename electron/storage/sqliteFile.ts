import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AccordError } from '../../shared/api/errors';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export type Migration = (db: Database.Database) => void;

/**
 * What one kind of Accord file holds. Each kind has its own PRAGMA application_id and its own
 * schema history (PRAGMA user_version counts its steps), so a hub's file opened as the app's
 * database, or the other way round, is refused before anything is written to it.
 */
export interface FileSchema {
  /** Said in errors: "the app's database", "a hub's registry". */
  name: string;
  applicationId: number;
  /** Never edit a step that has shipped: append one, so every file upgrades the same way. */
  migrations: ReadonlyArray<Migration>;
  /** How this kind takes over a file written before files had kinds (see LegacyFiles). */
  legacy?: LegacyAdoption;
}

/**
 * Before files had kinds, every Accord file (the app's, a hub's registry, a hub's room) was the
 * app's schema under the app's application_id (or none). A hub adopts its old files: it brings
 * one to the last such schema, checks that the tables it does not own are empty, and converts it.
 */
export interface LegacyAdoption {
  /** The application ids old files carry. */
  applicationIds: ReadonlyArray<number>;
  /** The schema history old files were written under. */
  migrations: ReadonlyArray<Migration>;
  /** Why a file cannot be adopted (its other tables hold rows), or undefined. Runs read-only. */
  refuse(db: Database.Database): string | undefined;
  /** Turns the old file into this kind's schema at `version`. */
  convert(db: Database.Database): void;
  version: number;
}

/**
 * Every kind of Accord file, by PRAGMA application_id: the app's database keeps the id all files
 * had before they had kinds, so the app's files need no conversion.
 */
export const FILE_KINDS = {
  app: { name: "the app's database", applicationId: 0x41434344 },
  hubRegistry: { name: "a hub's registry", applicationId: 0x41434348 },
  hubRoom: { name: "a hub's room", applicationId: 0x41434352 },
} as const;

function kindNamed(applicationId: number): string | undefined {
  return Object.values(FILE_KINDS).find((kind) => kind.applicationId === applicationId)?.name;
}

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

/** Whether an existing file is this kind's, or an old file this kind adopts. */
type Inspection = { legacy: false } | { legacy: true };

function tableCount(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
}

/**
 * Checks an existing file on a read-only connection, which can neither switch it to WAL nor
 * checkpoint it on close: a refused file keeps every byte (and its -wal file) as it was.
 */
function inspectReadOnly(file: string, schema: FileSchema): Inspection {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const version = probe.pragma('user_version', { simple: true }) as number;
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const legacy = schema.legacy && schema.legacy.applicationIds.includes(applicationId) && !(version === 0 && tableCount(probe) === 0);
    if (legacy) {
      if (version > schema.legacy!.migrations.length) throw unreadable(file, `it was written by a newer version of Accord (schema ${version})`);
      const refusal = schema.legacy!.refuse(probe);
      if (refusal) throw unreadable(file, refusal);
    } else if (applicationId === schema.applicationId || applicationId === 0) {
      if (version > schema.migrations.length) throw unreadable(file, `it was written by a newer version of Accord (schema ${version})`);
      if (version === 0 && tableCount(probe) > 0) throw unreadable(file, 'it is not an Accord database');
    } else {
      const other = kindNamed(applicationId);
      throw unreadable(file, other ? `it is ${other}, not ${schema.name}` : 'it belongs to another program');
    }
    const check = probe.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw unreadable(file, 'it is damaged');
    return { legacy: Boolean(legacy) };
  } catch (error) {
    if (error instanceof AccordError) throw error;
    throw unreadable(file, error instanceof Error ? error.message : String(error));
  } finally {
    probe?.close();
  }
}

function migrate(db: Database.Database, migrations: ReadonlyArray<Migration>, from: number): void {
  for (let version = from; version < migrations.length; version += 1) {
    const step = migrations[version]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Opens (creating if absent) a file of `schema`'s kind, migrating it to the current schema. */
export function openSqliteFile(file: string, schema: FileSchema): Database.Database {
  assertLooksLikeSqlite(file);
  const inspection: Inspection = existsSync(file) && statSync(file).size > 0 ? inspectReadOnly(file, schema) : { legacy: false };
  let db: Database.Database | undefined;
  try {
    // Only a file that passed the read-only inspection (or a new one) is opened for writing.
    db = new Database(file);
    let version = db.pragma('user_version', { simple: true }) as number;
    // A new file gives back the pages compaction frees. Only possible before anything is written,
    // WAL mode included; an existing file keeps its mode (switching needs a full VACUUM).
    if (version === 0 && !inspection.legacy) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // FULL: a committed update survives power loss, not only a crash of the app.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (inspection.legacy) {
      const legacy = schema.legacy!;
      migrate(db, legacy.migrations, version);
      const open = db;
      // Converted and marked in one transaction: a crash leaves the old file, adopted again next time.
      open.transaction(() => {
        legacy.convert(open);
        open.pragma(`user_version = ${legacy.version}`);
        open.pragma(`application_id = ${schema.applicationId}`);
      })();
      version = legacy.version;
    }
    migrate(db, schema.migrations, version);
    db.pragma(`application_id = ${schema.applicationId}`);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof AccordError) throw error;
    throw unreadable(file, error instanceof Error ? error.message : String(error));
  }
}

/** Whether a table exists in an open file (old files may lack what later steps added). */
export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** A Buffer over a Uint8Array's bytes, for SQLite, without copying them. */
export function blob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The bytes of a BLOB read back, as the Uint8Array Yjs takes. */
export function bytesOf(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * One open Accord file. Synchronous on purpose: a write is on disk when a call returns, which
 * is what lets main confirm "saved" honestly.
 */
export abstract class SqliteFile {
  protected constructor(
    readonly file: string,
    protected readonly db: Database.Database,
  ) {}

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  get journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string;
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

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Gives back pages freed by deletes; its own transaction, so a crash only leaves them for next time. */
  protected vacuumFreePages(): void {
    this.write(() => this.db.pragma('incremental_vacuum'));
  }

  /** Runs a write; SQLite's own failures (disk full, read-only, closed) become one error a person can act on. */
  protected write(fn: () => unknown): void {
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
