import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_KINDS } from '../../../../electron/storage/sqliteFile';
import { AppStore } from '../../../../electron/storage/appStore';
import { AccordError } from '../../../../shared/api/errors';
import { appMigrations as migrations } from '../../../../electron/storage/appMigrations';
import { useTempDirs } from '../../helpers';

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('AppStore', () => {
  const tempDir = useTempDirs();

  it('creates a new database at the current schema version, in WAL mode', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const store = AppStore.open(file);
    expect(store.schemaVersion).toBe(migrations.length);
    expect(store.journalMode).toBe('wal');
    store.close();
  });

  it('reopens an existing database without migrating it again or losing data', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const store = AppStore.open(file);
    store.createDoc({ id: 'meeting-00000001', kind: 'meeting', meetingId: null, now: 1 });
    store.close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
    raw.close();
    const again = AppStore.open(file);
    expect(again.getDoc('meeting-00000001')?.kind).toBe('meeting');
    again.close();
  });

  it('appends updates to a document log and reads them back in order', () => {
    const store = AppStore.open(join(tempDir(), 'accord.sqlite'));
    store.createDoc({ id: 'doc-00000001', kind: 'meeting', meetingId: null, now: 1 });
    store.appendUpdate('doc-00000001', new Uint8Array([1, 2, 3]), 5);
    store.appendUpdate('doc-00000001', new Uint8Array([4]), 6);
    expect(store.readUpdates('doc-00000001').map((u) => [...u])).toEqual([[1, 2, 3], [4]]);
    expect(store.getDoc('doc-00000001')?.updatedAt).toBe(6);
    store.close();
  });

  it('refuses a file that is not a database and leaves it byte for byte as it was', () => {
    const file = join(tempDir(), 'accord.sqlite');
    writeFileSync(file, 'These are the minutes of the meeting, not a database.\n'.repeat(200));
    const before = hash(file);
    expect(() => AppStore.open(file)).toThrowError(/cannot read its database: it is not an Accord database\. The file has been left exactly as it was/);
    try {
      AppStore.open(file);
    } catch (error) {
      expect((error as { file?: string }).file).toBe(file);
      expect((error as { code?: string }).code).toBe('storage_unavailable');
    }
    expect(hash(file)).toBe(before);
  });

  it('refuses a damaged database (valid header, garbage pages) and leaves it untouched', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const store = AppStore.open(file);
    store.createDoc({ id: 'doc-00000001', kind: 'meeting', meetingId: null, now: 1 });
    for (let i = 0; i < 200; i += 1) store.appendUpdate('doc-00000001', new Uint8Array(512).fill(i % 255), i);
    store.close();
    const bytes = readFileSync(file);
    // Keep the 100-byte header, scribble over the b-tree pages that follow.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (i * 31) & 0xff;
    writeFileSync(file, bytes);
    const before = hash(file);
    expect(() => AppStore.open(file)).toThrowError(/cannot read its database/);
    expect(hash(file)).toBe(before);
  });

  it('refuses a database written by a newer Accord rather than guessing at its schema', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    const before = hash(file);
    expect(() => AppStore.open(file)).toThrowError(/newer version of Accord/);
    expect(hash(file)).toBe(before);
  });

  it('upgrades a database of schema 5 to hold secretariat docs, keeping every row and every link to a doc', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    for (let version = 0; version < 5; version += 1) {
      raw.transaction(() => {
        migrations[version]!(raw);
        raw.pragma(`user_version = ${version + 1}`);
      })();
    }
    raw.pragma(`application_id = ${FILE_KINDS.app.applicationId}`);
    raw.exec(`
      INSERT INTO docs VALUES ('meeting-00000001', 'meeting', NULL, 1, 2);
      INSERT INTO docs VALUES ('declaration-0001', 'declaration', 'meeting-00000001', 3, 4);
      INSERT INTO updates (doc_id, data, created_at) VALUES ('declaration-0001', x'0102', 5);
      INSERT INTO remotes VALUES ('meeting-00000001', 'ws://hub', 'CODE', 'delegate', 'Ha Noi', 'Lan', 6);
      INSERT INTO hub_state VALUES ('declaration-0001', x'00');
      INSERT INTO versions VALUES ('version-00000001', 'declaration-0001', 'Rev.1', 'draft', 'saved', '{}', x'00', 7, NULL, NULL);
    `);
    expect(() => raw.prepare("INSERT INTO docs VALUES ('secretariat-1', 'secretariat', 'meeting-00000001', 1, 1)").run()).toThrow(/CHECK/);
    raw.close();

    const store = AppStore.open(file);
    expect(store.schemaVersion).toBe(migrations.length);
    expect(store.getDoc('declaration-0001')).toEqual({ id: 'declaration-0001', kind: 'declaration', meetingId: 'meeting-00000001', createdAt: 3, updatedAt: 4 });
    expect(store.readUpdates('declaration-0001').map((u) => [...u])).toEqual([[1, 2]]);
    expect(store.getRemote('meeting-00000001')).toMatchObject({ participant: 'Lan' });
    expect(store.listVersions('declaration-0001').map((v) => v.label)).toEqual(['Rev.1']);
    store.createDoc({ id: 'secretariat-00000001', kind: 'secretariat', meetingId: 'meeting-00000001', now: 8 });
    expect(store.listMeetingDocs('meeting-00000001').map((d) => d.kind)).toEqual(['declaration', 'secretariat']);
    // The rebuilt table still refuses a doc of a meeting that does not exist, and an unknown kind.
    expect(() => store.createDoc({ id: 'secretariat-00000002', kind: 'secretariat', meetingId: 'missing-00000001', now: 8 })).toThrow(AccordError);
    expect(() => store.createDoc({ id: 'odd-00000001', kind: 'minutes' as 'meeting', meetingId: null, now: 8 })).toThrow(AccordError);
    store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('foreign_key_check')).toEqual([]);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('reports a failed write as an error naming the file, not as success', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const store = AppStore.open(file);
    // No such document: the foreign key refuses the row, as a full or read-only disk would.
    expect(() => store.appendUpdate('missing-00000001', new Uint8Array([1]), 1)).toThrowError(/could not save to .*accord\.sqlite/);
    store.close();
  });
});

describe('AppStore with files that are not its own', () => {
  const tempDir = useTempDirs();

  it('refuses another program’s SQLite database without switching it to WAL or adding tables', () => {
    const file = join(tempDir(), 'accord.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Mayor');");
    other.close();
    const before = hash(file);
    expect(() => AppStore.open(file)).toThrowError(/not an Accord database/);
    expect(hash(file)).toBe(before);
  });

  it('leaves a refused database in WAL mode exactly as it was, its -wal file included', () => {
    const dir = tempDir();
    const file = join(dir, 'accord.sqlite');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    writer.pragma(`user_version = ${migrations.length + 1}`);
    // Keep the -wal file by copying the files while the writer still holds them.
    const copyDir = tempDir();
    const copy = join(copyDir, 'accord.sqlite');
    writeFileSync(copy, readFileSync(file));
    writeFileSync(`${copy}-wal`, readFileSync(`${file}-wal`));
    writer.close();
    const before = [hash(copy), hash(`${copy}-wal`)];
    expect(() => AppStore.open(copy)).toThrowError(/newer version of Accord/);
    expect([hash(copy), hash(`${copy}-wal`)]).toEqual(before);
  });

  it('marks the databases it creates as Accord’s', () => {
    const file = join(tempDir(), 'accord.sqlite');
    AppStore.open(file).close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(FILE_KINDS.app.applicationId);
    raw.close();
  });
});
