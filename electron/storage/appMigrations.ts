import type { Migration } from './sqliteFile';

/**
 * The app database's schema history, applied in order through PRAGMA user_version. Never edit
 * a step that has shipped: append a new one, so every existing database upgrades the same way.
 * Until files had kinds, a hub's files were written under this history too (see legacyFiles).
 */
export const appMigrations: ReadonlyArray<Migration> = [
  (db) => {
    db.exec(`
      CREATE TABLE docs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('meeting', 'declaration')),
        meeting_id TEXT REFERENCES docs(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX docs_by_meeting ON docs (meeting_id);
      CREATE TABLE updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL REFERENCES docs(id),
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX updates_by_doc ON updates (doc_id, seq);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
  (db) => {
    db.exec(`
      -- Hub side: who may join which meeting, and as what. Only a hash of each code is kept.
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
    `);
  },
  (db) => {
    db.exec(`
      -- App side: meetings joined on a hub, and what each room's hub is known to hold, so the
      -- count of changes the hub has not confirmed survives a restart while offline.
      CREATE TABLE remotes (
        meeting_id TEXT PRIMARY KEY REFERENCES docs(id),
        hub_url TEXT NOT NULL,
        code TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('secretariat', 'delegate', 'observer')),
        delegation TEXT,
        participant TEXT NOT NULL,
        joined_at INTEGER NOT NULL
      );
      CREATE TABLE hub_state (
        doc_id TEXT PRIMARY KEY REFERENCES docs(id),
        state_vector BLOB NOT NULL
      );
    `);
  },
  (db) => {
    db.exec(`
      -- Clause templates a person saved or imported on this computer. No CHECK on kind or
      -- language: rows are validated when read, so a kind added later needs no migration.
      CREATE TABLE personal_templates (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        tags TEXT NOT NULL, -- JSON array of strings
        language TEXT NOT NULL,
        text TEXT NOT NULL,
        group_id TEXT,
        imported_from TEXT,
        created_at INTEGER NOT NULL
      );
    `);
  },
  (db) => {
    db.exec(`
      -- Named and automatic versions: the whole Yjs state of a document at one moment. Rows are
      -- never updated except to note that the version was circulated; status, origin and author
      -- are validated when read, so a value added later needs no migration.
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES docs(id),
        label TEXT NOT NULL,
        status TEXT NOT NULL,
        origin TEXT NOT NULL,
        author TEXT NOT NULL, -- JSON: name, delegation, role
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        circulated_at INTEGER,
        circulated_by TEXT -- JSON, like author
      );
      CREATE INDEX versions_by_doc ON versions (doc_id, created_at);
    `);
  },
  (db) => {
    // A meeting's secretariat doc is a doc of its own kind, so nothing can open or register it as a
    // meeting or a declaration. SQLite cannot change a CHECK in place: the table is rebuilt, with
    // the foreign keys that point at it checked at commit, once every row is back.
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE docs_before_secretariat AS SELECT * FROM docs;
      DROP TABLE docs;
      CREATE TABLE docs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('meeting', 'declaration', 'secretariat')),
        meeting_id TEXT REFERENCES docs(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO docs (id, kind, meeting_id, created_at, updated_at)
        SELECT id, kind, meeting_id, created_at, updated_at FROM docs_before_secretariat;
      DROP TABLE docs_before_secretariat;
      CREATE INDEX docs_by_meeting ON docs (meeting_id);
    `);
  },
  (db) => {
    // Paragraph statuses live in the meeting's secretariat doc, no longer in the declaration's own:
    // a version keeps those of its document as they were when it was saved (JSON, clause id →
    // entry). NULL for versions saved before, whose statuses are inside their own state.
    db.exec('ALTER TABLE versions ADD COLUMN statuses TEXT');
  },
  (db) => {
    // A hub's record of who writes under each Yjs client id in a room (the first invitation to
    // write with it owns it), and of which invitation created each room, for its limits.
    db.exec(`
      CREATE TABLE client_owners (
        room TEXT NOT NULL,
        client_id INTEGER NOT NULL,
        invitation_id TEXT NOT NULL,
        bound_at INTEGER NOT NULL,
        PRIMARY KEY (room, client_id)
      ) WITHOUT ROWID;
      ALTER TABLE docs ADD COLUMN created_by TEXT;
    `);
  },
  (db) => {
    // Changes a hub refused, set aside when the laptop rebuilt its copy from the hub's: kept whole
    // (a Yjs update), with a line of their words to show, never silently dropped.
    db.exec(`
      CREATE TABLE set_aside_changes (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        words TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX set_aside_by_doc ON set_aside_changes (doc_id);
    `);
  },
  (db) => {
    // This laptop's bin: meetings and documents a person deleted here, hidden from its lists and
    // kept whole (and still in sync) until restored. Nothing shared is destroyed for anyone else.
    db.exec(`
      CREATE TABLE bin (
        id TEXT PRIMARY KEY REFERENCES docs(id),
        binned_at INTEGER NOT NULL
      );
    `);
  },
];
