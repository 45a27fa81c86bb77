import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStore } from '../../../../electron/storage/appStore';
import { HubRegistry } from '../../../../electron/storage/hubRegistry';
import { RoomFile } from '../../../../electron/storage/roomFile';
import { FILE_KINDS } from '../../../../electron/storage/sqliteFile';
import { useTempDirs } from '../../helpers';

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The file's tables and its kind, read on a connection of its own. */
function inspect(file: string): { tables: string[]; applicationId: number } {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    return { tables, applicationId: db.pragma('application_id', { simple: true }) as number };
  } finally {
    db.close();
  }
}

describe('the kinds of Accord file', () => {
  const tempDir = useTempDirs();

  it('gives a hub room file and a hub registry only their own tables, each marked with its kind', () => {
    const dir = tempDir();
    RoomFile.open(join(dir, 'room.sqlite')).close();
    HubRegistry.open(join(dir, 'hub.sqlite')).close();
    AppStore.open(join(dir, 'accord.sqlite')).close();
    expect(inspect(join(dir, 'room.sqlite'))).toEqual({ tables: ['docs', 'set_aside_changes', 'updates'], applicationId: FILE_KINDS.hubRoom.applicationId });
    expect(inspect(join(dir, 'hub.sqlite'))).toEqual({ tables: ['client_owners', 'docs', 'invitations'], applicationId: FILE_KINDS.hubRegistry.applicationId });
    // The app's database hosts meetings on the local network, so it holds a hub's tables too.
    expect(inspect(join(dir, 'accord.sqlite')).tables).toEqual(
      ['bin', 'client_owners', 'docs', 'hub_state', 'invitations', 'personal_templates', 'remotes', 'set_aside_changes', 'settings', 'updates', 'versions'],
    );
    expect(inspect(join(dir, 'accord.sqlite')).applicationId).toBe(FILE_KINDS.app.applicationId);
  });

  it('refuses a file of another kind by name, and leaves it byte for byte as it was', () => {
    const dir = tempDir();
    const registry = HubRegistry.open(join(dir, 'hub.sqlite'));
    registry.ensureDoc({ id: 'meeting-00000001', kind: 'meeting', meetingId: null, now: 1 });
    registry.close();
    const room = RoomFile.open(join(dir, 'room.sqlite'));
    room.ensureDoc({ id: 'meeting-00000001', kind: 'meeting', meetingId: null, now: 1 });
    room.appendUpdate('meeting-00000001', new Uint8Array([1, 2]), 2);
    room.close();
    const before = [hash(join(dir, 'hub.sqlite')), hash(join(dir, 'room.sqlite'))];

    expect(() => AppStore.open(join(dir, 'hub.sqlite'))).toThrowError(/cannot read its database: it is a hub's registry, not the app's database\. The file has been left exactly as it was/);
    expect(() => HubRegistry.open(join(dir, 'room.sqlite'))).toThrowError(/it is a hub's room, not a hub's registry/);
    expect(() => RoomFile.open(join(dir, 'hub.sqlite'))).toThrowError(/it is a hub's registry, not a hub's room/);
    expect([hash(join(dir, 'hub.sqlite')), hash(join(dir, 'room.sqlite'))]).toEqual(before);
  });

  it("refuses to take a person's app database for a hub's file, keeping every row of it", () => {
    const file = join(tempDir(), 'hub.sqlite');
    const app = AppStore.open(file);
    app.createDoc({ id: 'meeting-00000001', kind: 'meeting', meetingId: null, now: 1 });
    app.setSetting('language', 'vi');
    app.close();
    const before = hash(file);
    expect(() => HubRegistry.open(file)).toThrowError(/it looks like the app's database \(its settings table holds data\), not a hub's registry/);
    expect(() => RoomFile.open(file)).toThrowError(/its settings table holds data/);
    expect(hash(file)).toBe(before);
    const again = AppStore.open(file);
    expect(again.getSetting('language')).toBe('vi');
    again.close();
  });

  it('adopts a room file from before files had kinds: its log kept, the tables a room never used dropped', () => {
    const file = join(tempDir(), 'meeting-00000001.sqlite');
    // How the hub wrote a room's file until now: the app's database, with one room in it.
    const old = AppStore.open(file);
    old.ensureDoc({ id: 'meeting-00000001', kind: 'meeting', meetingId: null, now: 1 });
    old.appendUpdate('meeting-00000001', new Uint8Array([7, 8, 9]), 2);
    old.close();

    const room = RoomFile.open(file);
    expect(room.readUpdates('meeting-00000001').map((u) => [...u])).toEqual([[7, 8, 9]]);
    expect(room.getDoc('meeting-00000001')?.kind).toBe('meeting');
    room.appendUpdate('meeting-00000001', new Uint8Array([10]), 3);
    room.close();
    expect(inspect(file)).toEqual({ tables: ['docs', 'set_aside_changes', 'updates'], applicationId: FILE_KINDS.hubRoom.applicationId });
    const reopened = RoomFile.open(file);
    expect(reopened.readUpdates('meeting-00000001')).toHaveLength(2);
    reopened.close();
  });

  it('adopts a registry from before files had kinds, keeping invitations and client owners, and drops the emptied log', () => {
    const file = join(tempDir(), 'hub.sqlite');
    const old = AppStore.open(file);
    old.ensureDoc({ id: 'meeting-00000001', kind: 'meeting', meetingId: null, now: 1 });
    old.hubTables.insertInvitation({ id: 'inv-1', meeting_id: 'meeting-00000001', code_hash: 'h', role: 'delegate', delegation: 'Manila', created_at: 1 });
    old.hubTables.bindClients('meeting-00000001', [42], 'inv-1', 1);
    old.close();

    const registry = HubRegistry.open(file);
    expect(registry.hubTables.invitationById('inv-1')?.delegation).toBe('Manila');
    expect(registry.hubTables.clientOwner('meeting-00000001', 42)).toBe('inv-1');
    expect(registry.legacyLogRows('meeting-00000001')).toEqual([]);
    registry.close();
    expect(inspect(file)).toEqual({ tables: ['client_owners', 'docs', 'invitations'], applicationId: FILE_KINDS.hubRegistry.applicationId });
  });
});
