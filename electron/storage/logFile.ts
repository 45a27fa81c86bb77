import type Database from 'better-sqlite3';
import { DocsFile } from './docsFile';
import { blob, bytesOf } from './sqliteFile';

/** A change a hub refused, kept apart from the document (see Replicas.rebuild). */
export interface SetAsideChange {
  reason: string;
  /** The words it added, for a person to recognise it. */
  words: string;
  /** The change itself, a Yjs update. */
  data: Uint8Array;
}

/** How much of a document's log lies beyond its last compaction. */
export interface UpdateLogSize {
  rows: number;
  bytes: number;
}

/**
 * A file that keeps documents as append-only logs of Yjs updates: the app's database, and each
 * of a hub's room files. What Replicas reads and writes.
 */
export abstract class LogFile extends DocsFile {
  private readonly logStatements;

  protected constructor(file: string, db: Database.Database) {
    super(file, db);
    this.logStatements = {
      append: db.prepare<[string, Buffer, number]>('INSERT INTO updates (doc_id, data, created_at) VALUES (?, ?, ?)'),
      touch: db.prepare<[number, string]>('UPDATE docs SET updated_at = ? WHERE id = ?'),
      updates: db.prepare<[string]>('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq'),
      updateRows: db.prepare<[string]>('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq'),
      lastSeq: db.prepare<[string]>('SELECT max(seq) AS seq FROM updates WHERE doc_id = ?'),
      size: db.prepare<[string]>('SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE doc_id = ?'),
      deleteThrough: db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
      insertAt: db.prepare<[number, string, Buffer, number]>('INSERT INTO updates (seq, doc_id, data, created_at) VALUES (?, ?, ?, ?)'),
      setAside: db.prepare<[string, string, string, Buffer, number]>('INSERT INTO set_aside_changes (doc_id, reason, words, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      setAsideOf: db.prepare<[string]>('SELECT id, reason, words, data, created_at FROM set_aside_changes WHERE doc_id = ? ORDER BY id'),
    };
  }

  /** Appends one Yjs update to a document's log; durable when this returns. */
  appendUpdate(docId: string, update: Uint8Array, now: number): void {
    this.write(
      this.db.transaction(() => {
        this.logStatements.append.run(docId, blob(update), now);
        this.logStatements.touch.run(now, docId);
      }),
    );
  }

  readUpdates(docId: string): Uint8Array[] {
    return (this.logStatements.updates.all(docId) as Array<{ data: Buffer }>).map((row) => bytesOf(row.data));
  }

  /** The log with its sequence numbers, oldest first, for compaction. */
  readUpdateRows(docId: string): Array<{ seq: number; data: Uint8Array }> {
    return (this.logStatements.updateRows.all(docId) as Array<{ seq: number; data: Buffer }>).map((row) => ({ seq: row.seq, data: bytesOf(row.data) }));
  }

  updateLogSize(docId: string): UpdateLogSize {
    return this.logStatements.size.get(docId) as UpdateLogSize;
  }

  /**
   * Replaces the log's rows up to `throughSeq` by one update holding all of them, in one
   * transaction: a crash leaves either the old rows or the merged one, never neither. The merged
   * row keeps the last sequence number it replaces, so it still reads before every later row.
   */
  compactUpdates(docId: string, throughSeq: number, merged: Uint8Array, now: number): void {
    this.write(
      this.db.transaction(() => {
        this.logStatements.deleteThrough.run(docId, throughSeq);
        this.logStatements.insertAt.run(throughSeq, docId, blob(merged), now);
      }),
    );
    this.vacuumFreePages();
  }

  /**
   * Replaces a document's whole log by `state` and keeps `aside` (what the old log held that the
   * new one lacks), in one transaction: a crash leaves the old log or both, never a loss. Only the
   * app sets changes aside; a room file has the table so that every log file has one shape.
   */
  rebuildLog(docId: string, state: Uint8Array, aside: SetAsideChange, now: number): void {
    this.write(
      this.db.transaction(() => {
        const last = (this.logStatements.lastSeq.get(docId) as { seq: number | null }).seq;
        if (last !== null) this.logStatements.deleteThrough.run(docId, last);
        this.logStatements.append.run(docId, blob(state), now);
        this.logStatements.setAside.run(docId, aside.reason, aside.words, blob(aside.data), now);
      }),
    );
    this.vacuumFreePages();
  }

  setAsideChanges(docId: string): Array<SetAsideChange & { id: number; createdAt: number }> {
    return (this.logStatements.setAsideOf.all(docId) as Array<{ id: number; reason: string; words: string; data: Buffer; created_at: number }>).map((row) => ({
      id: row.id,
      reason: row.reason,
      words: row.words,
      data: bytesOf(row.data),
      createdAt: row.created_at,
    }));
  }
}

/** A log file's tables beside docs, as a new file creates them. */
export const LOG_TABLES = `
  CREATE TABLE updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES docs(id),
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX updates_by_doc ON updates (doc_id, seq);
  CREATE TABLE set_aside_changes (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    words TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX set_aside_by_doc ON set_aside_changes (doc_id);
`;
