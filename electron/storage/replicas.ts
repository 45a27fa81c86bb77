import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import { replayEdits } from '../../shared/model/replayEdits';
import type { Logger } from './logger';
import type { LogFile } from './logFile';

/** Transaction origin of updates read back from disk, which must not be written again. */
const FROM_DISK = Symbol('from-disk');

export interface Replica {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Set while something in memory has not reached the disk; cleared by the next good write. */
  readonly persistenceError: AccordError | null;
  /** Bytes of the document's log on disk (what a hub's room-size limit counts). */
  readonly storedBytes: number;
}

/**
 * Marks a transaction that threw before it completed: what it integrated so far is neither
 * written to the log nor passed on, and its replica is to be dropped and loaded again from disk.
 */
export const ABANDONED = 'accord:abandoned';

/**
 * Applies an update in a transaction of its own, or leaves nothing of it on disk: Yjs runs a
 * transaction's cleanup (and emits its update) even when integrating throws half-way, which would
 * store and relay a partial change. Returns the error, after which the replica's memory is not to
 * be trusted (see ABANDONED).
 */
export function applyCompletely(doc: Y.Doc, update: Uint8Array, origin: unknown): Error | null {
  let failure: Error | null = null;
  try {
    // Not local, as Y.applyUpdate's own transaction would be: Yjs tells remote changes apart by it.
    Y.transact(
      doc,
      (transaction) => {
        try {
          Y.applyUpdate(doc, update, origin);
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          transaction.meta.set(ABANDONED, true);
        }
      },
      origin,
      false,
    );
  } catch (error) {
    // Thrown by the transaction's cleanup (garbage collection of what it deleted, say), before
    // its update was emitted: nothing was stored, and the doc runs no cleanup from now on.
    failure ??= error instanceof Error ? error : new Error(String(error));
  }
  return failure;
}

/** The words a Yjs update adds, for a person to recognise it by. */
function wordsOf(update: Uint8Array): string {
  const words = Y.decodeUpdate(update)
    .structs.flatMap((struct) => (struct instanceof Y.Item && struct.content instanceof Y.ContentString ? [struct.content.str] : []))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 300 ? `${words.slice(0, 300)}…` : words;
}

class LiveReplica implements Replica {
  readonly awareness: Awareness;
  persistenceError: AccordError | null = null;
  storedBytes = 0;
  refs = 0;
  /** Written since the log was last compacted (or found on load). */
  rowsSinceCompaction = 0;
  bytesSinceCompaction = 0;
  compactionScheduled = false;

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    // Main has no cursor of its own; only windows and peers appear in presence.
    this.awareness.setLocalState(null);
  }
}

export interface CompactionPolicy {
  /** Compact once this many updates, or this many bytes, were written since the last time. */
  maxRows: number;
  maxBytes: number;
}

/** Measured in tests/bench: loading a log this long stays under a few milliseconds. */
export const DEFAULT_COMPACTION: CompactionPolicy = { maxRows: 500, maxBytes: 1024 * 1024 };

export interface ReplicasDeps {
  store: LogFile;
  now: () => number;
  log: Logger;
  compaction?: CompactionPolicy;
  /** Which updates of a document may be merged (see hubSettlement); all, if absent or null. */
  settled?: (docId: string) => ((update: Uint8Array) => boolean) | null;
  /** Runs compaction after the change that called for it, off the path of typing. */
  defer?: (task: () => void) => void;
}

/**
 * Main's local replicas: one Y.Doc per open document, loaded from the update log and writing
 * every change back to it synchronously, whatever its origin (a window, a service, later the hub).
 * The log is compacted now and then, so a document's load time does not grow with its history.
 */
export class Replicas {
  private readonly live = new Map<string, LiveReplica>();
  /**
   * Replicas replaced by a rebuild, still held by whoever had them (a window's stream, until the
   * window reopens the document): what is written to one meanwhile is replayed onto its
   * successor, from `shadow`, its state as last replayed.
   */
  private readonly retired = new Map<LiveReplica, { shadow: Y.Doc; carried: Map<string, string> }>();
  private readonly replacedListeners = new Set<(id: string) => void>();
  private readonly changeListeners = new Set<(id: string) => void>();
  private readonly compaction: CompactionPolicy;
  private readonly defer: (task: () => void) => void;

  constructor(private readonly deps: ReplicasDeps) {
    this.compaction = deps.compaction ?? DEFAULT_COMPACTION;
    this.defer = deps.defer ?? ((task) => setImmediate(task));
  }

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
    const retired = this.retired.get(replica as LiveReplica);
    if (retired) {
      const old = replica as LiveReplica;
      old.refs -= 1;
      if (old.refs > 0) return;
      this.retired.delete(old);
      old.awareness.destroy();
      old.doc.destroy();
      retired.shadow.destroy();
      return;
    }
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

  /**
   * Merges the settled part of a document's log into one update. Safe at any moment: the old
   * rows and the merged one are swapped in a single transaction. Returns the rows before and after.
   */
  compact(id: string): { before: number; after: number } {
    const { store, now, log } = this.deps;
    const rows = store.readUpdateRows(id);
    const isSettled = this.deps.settled?.(id) ?? null;
    let end = isSettled ? rows.findIndex((row) => !isSettled(row.data)) : -1;
    if (end === -1) end = rows.length;
    const live = this.live.get(id);
    if (live) {
      live.rowsSinceCompaction = 0;
      live.bytesSinceCompaction = 0;
    }
    if (end < 2) return { before: rows.length, after: rows.length };
    // A replica in memory already holds the whole log, garbage-collected: its state is the smallest merge.
    const merged =
      end === rows.length && live && !live.persistenceError
        ? Y.encodeStateAsUpdate(live.doc)
        : Y.mergeUpdates(rows.slice(0, end).map((row) => row.data));
    store.compactUpdates(id, rows[end - 1]!.seq, merged, now());
    if (live) live.storedBytes = rows.slice(end).reduce((sum, row) => sum + row.data.byteLength, merged.byteLength);
    log.info('replica.compacted', { id, rows: end, bytes: merged.byteLength });
    return { before: rows.length, after: rows.length - end + 1 };
  }

  /**
   * Rebuilds a document from a hub's state after the hub refused one of its changes: the refused
   * change, with whatever else of this laptop's the hub lacks, is set aside (kept on disk, with its
   * words for a person to see), and the edits made since `base` (the replica's state when the
   * refusal arrived: typing that went on meanwhile) are replayed as new changes. The old replica
   * is retired: holders are told through onReplaced and acquire the new one; what they still write
   * to the old one is replayed too. Returns the new replica, held for the caller, and the words
   * set aside. Throws (changing nothing) if the disk cannot take it.
   */
  rebuild(id: string, hubState: Uint8Array, base: Uint8Array, reason: string): { replica: Replica; words: string } {
    const old = this.live.get(id);
    if (!old) throw new AccordError('internal', 'Only an open document can be rebuilt.');
    const hub = new Y.Doc();
    const then = new Y.Doc();
    try {
      Y.applyUpdate(hub, hubState);
      Y.applyUpdate(then, base);
      const aside = Y.encodeStateAsUpdate(then, Y.encodeStateVector(hub));
      const words = wordsOf(aside);
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, hubState);
      const carried = new Map<string, string>();
      replayEdits(doc, then, old.doc, carried);
      const state = Y.encodeStateAsUpdate(doc);
      this.deps.store.rebuildLog(id, state, { reason, words, data: aside }, this.deps.now());
      this.deps.log.error('replica.rebuilt', { id, reason, setAsideBytes: aside.byteLength });

      const replica = new LiveReplica(id, doc);
      replica.storedBytes = state.byteLength;
      replica.refs = 1;
      this.persistChanges(replica);
      this.live.set(id, replica);
      const shadow = new Y.Doc({ gc: false });
      Y.applyUpdate(shadow, Y.encodeStateAsUpdate(old.doc));
      this.retired.set(old, { shadow, carried });
      for (const listener of this.replacedListeners) listener(id);
      return { replica, words };
    } finally {
      hub.destroy();
      then.destroy();
    }
  }

  /**
   * Called with a document's id when its content or its presence (who is there) changed, whoever
   * changed it: what lets main tell the windows instead of being asked.
   */
  onChanged(listener: (id: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Called with a document's id when its replica was rebuilt: acquire it again. */
  onReplaced(listener: (id: string) => void): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
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
    // Replicas a rebuild retired that someone still held: nothing more will be written to them.
    for (const [replica, { shadow }] of this.retired) {
      replica.awareness.destroy();
      replica.doc.destroy();
      shadow.destroy();
    }
    this.retired.clear();
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
    replica.rowsSinceCompaction = updates.length;
    replica.bytesSinceCompaction = updates.reduce((sum, update) => sum + update.byteLength, 0);
    replica.storedBytes = replica.bytesSinceCompaction;
    this.compactWhenDue(replica);
    this.persistChanges(replica);
    return replica;
  }

  private persistChanges(replica: LiveReplica): void {
    const changed = () => {
      for (const listener of this.changeListeners) listener(replica.id);
    };
    // 'change', not 'update': presence renewed unchanged every few seconds is no news.
    replica.awareness.on('change', changed);
    replica.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (origin === FROM_DISK || transaction.meta.has(ABANDONED)) return;
      const retired = this.retired.get(replica);
      if (!retired) {
        this.persist(replica, update);
        return changed();
      }
      // Written to a replica a rebuild replaced (a window's keystroke on its way): carried over.
      const successor = this.live.get(replica.id);
      if (successor) replayEdits(successor.doc, retired.shadow, replica.doc, retired.carried);
      Y.applyUpdate(retired.shadow, update);
    });
  }

  private persist(replica: LiveReplica, update: Uint8Array): void {
    const { store, now, log } = this.deps;
    try {
      // After a failed write the log misses something: write the whole state to heal the gap.
      const data = replica.persistenceError ? Y.encodeStateAsUpdate(replica.doc) : update;
      store.appendUpdate(replica.id, data, now());
      replica.persistenceError = null;
      replica.rowsSinceCompaction += 1;
      replica.bytesSinceCompaction += data.byteLength;
      replica.storedBytes += data.byteLength;
      this.compactWhenDue(replica);
    } catch (error) {
      replica.persistenceError =
        error instanceof AccordError
          ? error
          : new AccordError('storage_failed', `Accord could not save this change: ${String(error)}`, store.file);
      log.error('replica.persist', { id: replica.id, error: replica.persistenceError.message });
    }
  }

  private compactWhenDue(replica: LiveReplica): void {
    const due =
      replica.rowsSinceCompaction >= this.compaction.maxRows || replica.bytesSinceCompaction >= this.compaction.maxBytes;
    if (!due || replica.compactionScheduled) return;
    replica.compactionScheduled = true;
    this.defer(() => {
      replica.compactionScheduled = false;
      if (this.live.get(replica.id) !== replica) return;
      try {
        this.compact(replica.id);
      } catch (error) {
        // The log is as it was (one transaction): compaction is retried after the next writes.
        this.deps.log.error('replica.compact', { id: replica.id, error: String(error) });
      }
    });
  }
}
