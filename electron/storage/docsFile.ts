import type Database from 'better-sqlite3';
import { SqliteFile } from './sqliteFile';

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

const toDoc = (row: DocRow): StoredDoc => ({
  id: row.id,
  kind: row.kind,
  meetingId: row.meeting_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * A file with a `docs` table: the registry of documents (the app's meetings and declarations, a
 * hub's rooms, or the one room a room file holds).
 */
export abstract class DocsFile extends SqliteFile {
  private readonly docStatements;

  protected constructor(file: string, db: Database.Database) {
    super(file, db);
    this.docStatements = {
      insert: db.prepare<[string, StoredDocKind, string | null, number, number]>(
        'INSERT INTO docs (id, kind, meeting_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string]>('SELECT * FROM docs WHERE id = ?'),
      ofKind: db.prepare<[StoredDocKind]>('SELECT * FROM docs WHERE kind = ? ORDER BY created_at'),
      ofMeeting: db.prepare<[string]>('SELECT * FROM docs WHERE meeting_id = ? ORDER BY created_at'),
      ensure: db.prepare<[string, StoredDocKind, string | null, number, number, string | null]>(
        'INSERT OR IGNORE INTO docs (id, kind, meeting_id, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      countOfMeeting: db.prepare<[string]>('SELECT COUNT(*) AS n FROM docs WHERE meeting_id = ?'),
      countCreatedBy: db.prepare<[string]>('SELECT COUNT(*) AS n FROM docs WHERE created_by = ?'),
    };
  }

  createDoc(doc: { id: string; kind: StoredDocKind; meetingId: string | null; now: number }): StoredDoc {
    this.write(() => this.docStatements.insert.run(doc.id, doc.kind, doc.meetingId, doc.now, doc.now));
    return { id: doc.id, kind: doc.kind, meetingId: doc.meetingId, createdAt: doc.now, updatedAt: doc.now };
  }

  /** Registers a document if it is new; a hub learns of documents as participants open them. */
  ensureDoc(doc: { id: string; kind: StoredDocKind; meetingId: string | null; now: number; createdBy?: string }): StoredDoc {
    this.write(() => this.docStatements.ensure.run(doc.id, doc.kind, doc.meetingId, doc.now, doc.now, doc.createdBy ?? null));
    return this.getDoc(doc.id)!;
  }

  /** How many documents a hub holds for a meeting, and how many rooms one invitation created. */
  countDocs(by: { meetingId: string } | { createdBy: string }): number {
    const row = ('meetingId' in by ? this.docStatements.countOfMeeting.get(by.meetingId) : this.docStatements.countCreatedBy.get(by.createdBy)) as { n: number };
    return row.n;
  }

  getDoc(id: string): StoredDoc | undefined {
    const row = this.docStatements.get.get(id) as DocRow | undefined;
    return row && toDoc(row);
  }

  listDocs(kind: StoredDocKind): StoredDoc[] {
    return (this.docStatements.ofKind.all(kind) as DocRow[]).map(toDoc);
  }

  listMeetingDocs(meetingId: string): StoredDoc[] {
    return (this.docStatements.ofMeeting.all(meetingId) as DocRow[]).map(toDoc);
  }
}

/** The docs table as a new file of any kind creates it. */
export const DOCS_TABLE = `
  CREATE TABLE docs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'declaration', 'secretariat')),
    meeting_id TEXT REFERENCES docs(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    created_by TEXT
  );
  CREATE INDEX docs_by_meeting ON docs (meeting_id);
`;
