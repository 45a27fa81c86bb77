import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import type { Logger } from './logger';
import type { Store } from './store';

/** Transaction origin of updates read back from disk, which must not be written again. */
const FROM_DISK = Symbol('from-disk');

export interface Replica {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Set while something in memory has not reached the disk; cleared by the next good write. */
  readonly persistenceError: AccordError | null;
}

class LiveReplica implements Replica {
  readonly awareness: Awareness;
  persistenceError: AccordError | null = null;
  refs = 0;

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    // Main has no cursor of its own; only windows and peers appear in presence.
    this.awareness.setLocalState(null);
  }
}

/**
 * Main's local replicas: one Y.Doc per open document, loaded from the update log and writing
 * every change back to it synchronously, whatever its origin (a window, a service, later the hub).
 */
export class Replicas {
  private readonly live = new Map<string, LiveReplica>();

  constructor(private readonly deps: { store: Store; now: () => number; log: Logger }) {}

  /** Loads (or shares) a document's replica; pair every acquire with a release. */
  acquire(id: string): Replica {
    let replica = this.live.get(id);
    if (!replica) {
      replica = this.load(id);
      this.live.set(id, replica);
    }
    replica.refs += 1;
    return replica;
  }

  release(replica: Replica): void {
    const live = this.live.get(replica.id);
    if (!live || live !== replica) return;
    live.refs -= 1;
    if (live.refs <= 0) {
      // Last chance for a change that could not be written: one more attempt with the whole state.
      if (live.persistenceError) this.persist(live, Y.encodeStateAsUpdate(live.doc));
      if (live.persistenceError) this.deps.log.error('replica.unsaved-on-close', { id: live.id });
      this.live.delete(live.id);
      live.awareness.destroy();
      live.doc.destroy();
    }
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

  get openCount(): number {
    return this.live.size;
  }

  closeAll(): void {
    for (const replica of this.live.values()) {
      replica.awareness.destroy();
      replica.doc.destroy();
    }
    this.live.clear();
  }

  private load(id: string): LiveReplica {
    const { store, log } = this.deps;
    const doc = new Y.Doc({ gc: true });
    const updates = store.readUpdates(id);
    if (updates.length > 0) {
      try {
        // One transaction, update by update: measured faster than Y.mergeUpdates first, whose
        // merge costs more than it saves on an insert-heavy history (tests/bench).
        doc.transact(() => {
          for (const update of updates) Y.applyUpdate(doc, update, FROM_DISK);
        }, FROM_DISK);
      } catch (error) {
        log.error('replica.load', { id, error: String(error) });
        throw new AccordError(
          'storage_unavailable',
          `The stored history of this document cannot be read (${String(error)}). Nothing has been changed on disk.`,
          store.file,
        );
      }
    }
    const replica = new LiveReplica(id, doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_DISK) return;
      this.persist(replica, update);
    });
    return replica;
  }

  private persist(replica: LiveReplica, update: Uint8Array): void {
    const { store, now, log } = this.deps;
    try {
      // After a failed write the log misses something: write the whole state to heal the gap.
      const data = replica.persistenceError ? Y.encodeStateAsUpdate(replica.doc) : update;
      store.appendUpdate(replica.id, data, now());
      replica.persistenceError = null;
    } catch (error) {
      replica.persistenceError =
        error instanceof AccordError
          ? error
          : new AccordError('storage_failed', `Accord could not save this change: ${String(error)}`, store.file);
      log.error('replica.persist', { id: replica.id, error: replica.persistenceError.message });
    }
  }
}
