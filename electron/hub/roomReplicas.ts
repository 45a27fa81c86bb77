import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AccordError } from '../../shared/api/errors';
import { EntityId } from '../../shared/model/meeting';
import type { Logger } from '../storage/logger';
import { type CompactionPolicy, type Replica, Replicas } from '../storage/replicas';
import { RoomFile } from '../storage/roomFile';
import type { HubRegistry } from '../storage/hubRegistry';

interface OpenRoom {
  readonly store: RoomFile;
  readonly replicas: Replicas;
  /** The replica handed out while the room is open (Replicas shares one per id). */
  replica: Replica | null;
  /** Acquires not yet released. */
  refs: number;
}

export interface RoomReplicasDeps {
  /** hub.sqlite: which rooms exist, and whether each is a meeting or a document. */
  registry: HubRegistry;
  /** The folder of the room files, `<dataDir>/rooms`. */
  folder: string;
  now: () => number;
  log: Logger;
  /** Opens a room's file: RoomFile.open, unless a caller wants to watch its writes (the bench times them). */
  openStore?: (file: string) => RoomFile;
  compaction?: CompactionPolicy;
}

/**
 * The hub's replicas, one SQLite file per room: a room's RoomFile and Replicas are opened on its
 * first acquire and closed on its last release, so a room nobody is in holds no file handle and
 * no page cache, and a damaged file costs only its own room.
 */
export class RoomReplicas {
  private readonly rooms = new Map<string, OpenRoom>();
  private readonly openStore: (file: string) => RoomFile;
  private readonly folder: string;

  constructor(private readonly deps: RoomReplicasDeps) {
    this.folder = resolve(deps.folder);
    this.openStore = deps.openStore ?? ((file) => RoomFile.open(file));
    mkdirSync(this.folder, { recursive: true });
  }

  /** The file a room's log lives in. */
  fileOf(id: string): string {
    // Room ids are [a-z0-9-] today, so they cannot name a path; checked again on the result in
    // case ids ever loosen, since a room name comes from whoever connects.
    const file = resolve(this.folder, `${id}.sqlite`);
    if (!EntityId.safeParse(id).success || dirname(file) !== this.folder) {
      throw new AccordError('invalid_request', `“${id}” is not a room name this hub can store.`);
    }
    return file;
  }

  /** Loads (or shares) a room's replica, opening its file; pair every acquire with a release. */
  acquire(id: string): Replica {
    const room = this.open(id);
    try {
      room.replica = room.replicas.acquire(id);
      room.refs += 1;
      return room.replica;
    } finally {
      // A file whose log cannot be read is not kept open by the failed attempt.
      if (room.refs === 0) this.close(id, room);
    }
  }

  release(replica: Replica): void {
    const room = this.rooms.get(replica.id);
    // A replica of an earlier opening of the room (released twice, say) must not close this one.
    if (!room || room.replica !== replica) return;
    room.replicas.release(replica);
    room.refs -= 1;
    if (room.refs <= 0) this.close(replica.id, room);
  }

  /** Runs `fn` on a replica held just for the call. */
  with<T>(id: string, fn: (replica: Replica) => T): T {
    const replica = this.acquire(id);
    try {
      return fn(replica);
    } finally {
      this.release(replica);
    }
  }

  /** Rooms in memory, each with its file open. */
  get openCount(): number {
    return this.rooms.size;
  }

  closeAll(): void {
    for (const room of this.rooms.values()) {
      room.replicas.closeAll();
      room.store.close();
    }
    this.rooms.clear();
  }

  /**
   * Moves the room logs a hub.sqlite from before room files still holds out to each room's file.
   * A room's rows are written to its file in one transaction before they are deleted from the
   * registry: a crash in between leaves them in both, and the next start moves them again, which
   * is harmless (a Yjs update applied twice changes nothing). Runs before any room is open, since
   * rows written under a live replica would not reach its document.
   */
  moveLogsFromRegistry(): { moved: string[]; failed: string[] } {
    const { registry, now, log } = this.deps;
    if (this.rooms.size > 0) throw new Error('Room logs are moved before the hub serves any room.');
    const moved: string[] = [];
    const failed: string[] = [];
    for (const doc of [...registry.listDocs('meeting'), ...registry.listDocs('declaration')]) {
      const rows = registry.legacyLogRows(doc.id);
      if (rows.length === 0) continue;
      try {
        const room = this.open(doc.id);
        try {
          room.store.transaction(() => {
            for (const row of rows) room.store.appendUpdate(doc.id, row.data, now());
          });
        } finally {
          this.close(doc.id, room);
        }
        registry.deleteLegacyLogThrough(doc.id, rows[rows.length - 1]!.seq);
        moved.push(doc.id);
        log.info('hub.room-moved', { room: doc.id, rows: rows.length });
      } catch (error) {
        // The rows stay in hub.sqlite, so nothing is lost: the move is tried again at the next start.
        failed.push(doc.id);
        log.error('hub.room-move', { room: doc.id, file: error instanceof AccordError ? error.file : undefined, error: String(error) });
      }
    }
    return { moved, failed };
  }

  private open(id: string): OpenRoom {
    const existing = this.rooms.get(id);
    if (existing) return existing;
    const known = this.deps.registry.getDoc(id);
    // Only an admitted room gets a file: a name alone, from whoever connects, creates nothing.
    if (!known) throw new AccordError('not_found', `This hub has no room “${id}” yet: it is created when a participant is admitted to it.`);
    const store = this.openStore(this.fileOf(id));
    try {
      // The log's rows reference the room's row in docs (a foreign key). Its meeting is the
      // registry's to say: naming it here would need a row for the meeting in this file too.
      if (!store.getDoc(id)) store.ensureDoc({ id, kind: known.kind, meetingId: null, now: this.deps.now() });
    } catch (error) {
      store.close();
      throw error;
    }
    const { now, log, compaction } = this.deps;
    const room: OpenRoom = { store, replicas: new Replicas({ store, now, log, compaction }), replica: null, refs: 0 };
    this.rooms.set(id, room);
    return room;
  }

  private close(id: string, room: OpenRoom): void {
    if (this.rooms.get(id) === room) this.rooms.delete(id);
    room.replicas.closeAll();
    room.store.close();
  }
}
