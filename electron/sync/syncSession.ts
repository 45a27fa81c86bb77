import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import { awarenessMessage, readMessage, type SyncEndpoint, syncStep1Message, updateMessage } from '../../shared/sync/messages';
import { ABANDONED, applyCompletely, type Replica } from '../storage/replicas';

export interface SyncSessionEvents {
  send(data: Uint8Array): void;
  /** Everything received so far has been applied and is on disk. */
  saved(received: number): void;
  failed(error: AccordError): void;
  /** A presence update beyond what the policy allows was dropped. */
  refused?(): void;
  /**
   * Applying an update threw half-way: nothing of it was stored or passed on, but the replica's
   * memory holds part of it and must be dropped and loaded again from disk.
   */
  abandoned?(error: Error): void;
}

export interface SyncSessionPolicy {
  /**
   * Judges an update before it is applied: the update to apply (the same, or a part of it), or
   * null to apply nothing (the policy answers the peer itself). All are applied, if absent.
   * `answer` is true for a sync step 2, the peer's answer to our state vector.
   */
  admit?: (update: Uint8Array, answer: boolean) => Uint8Array | null;
  /**
   * Whether this peer may set (or, with null, remove) this presence entry (`bytes` of JSON): apply
   * it, skip it silently (an echo of someone else's entry, which stock clients send back), or
   * refuse the message; all are applied, if absent.
   */
  presence?: (clientId: number, state: Record<string, unknown> | null, bytes: number, clock: number) => 'apply' | 'skip' | 'refuse';
}

/** The entries of an awareness update: whose presence it sets, and to what. */
interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
  state: Record<string, unknown> | null;
}

function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const state = JSON.parse(json) as unknown;
    entries.push({ clientId, clock, json, state: state !== null && typeof state === 'object' ? (state as Record<string, unknown>) : null });
  }
  return entries;
}

function writeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * One window's sync stream on one of main's replicas: the y-protocols exchange (step 1/2, updates,
 * awareness) plus a running count of what has been persisted, so the window can say "Saved".
 */
export class SyncSession {
  private received = 0;
  private readonly awarenessClients = new Set<number>();
  private closed = false;

  private readonly onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin === this || transaction.meta.has(ABANDONED)) return;
    this.events.send(updateMessage(update));
  };

  private readonly onAwareness = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this) return;
    const clients = [...changes.added, ...changes.updated, ...changes.removed];
    this.sendAwareness(clients);
  };

  constructor(
    private readonly replica: Replica,
    private readonly events: SyncSessionEvents,
    private readonly policy: SyncSessionPolicy = {},
  ) {
    // What this session does with what its peer sends, read by the shared message table.
    this.endpoint = {
      doc: replica.doc,
      awareness: replica.awareness,
      update: (received, answer) => {
        // Decoding first refuses a malformed update whole (a policy reads it anyway): applying it
        // straight away could integrate its first part before failing on the rest.
        if (!this.policy.admit) Y.decodeUpdate(received);
        const update = this.policy.admit ? this.policy.admit(received, answer) : received;
        if (update === null) return;
        const failure = applyCompletely(this.replica.doc, update, this);
        if (!failure) return;
        if (!this.events.abandoned) throw failure;
        this.abandoned = true;
        this.events.abandoned(failure);
      },
      presence: (update) => {
        let entries = readAwarenessEntries(update);
        const judge = this.policy.presence;
        if (judge) {
          const verdicts = entries.map((entry) => judge(entry.clientId, entry.state, entry.json.length, entry.clock));
          if (verdicts.includes('refuse')) {
            this.refusedPresence = true;
            return this.events.refused?.();
          }
          entries = entries.filter((_, i) => verdicts[i] === 'apply');
          if (entries.length === 0) return;
        }
        for (const { clientId, state } of entries) {
          if (state === null) this.awarenessClients.delete(clientId);
          else this.awarenessClients.add(clientId);
        }
        awarenessProtocol.applyAwarenessUpdate(this.replica.awareness, judge ? writeAwarenessEntries(entries) : update, this);
      },
    };
    replica.doc.on('update', this.onUpdate);
    replica.awareness.on('update', this.onAwareness);
    events.send(syncStep1Message(replica.doc));
    const others = [...replica.awareness.getStates().keys()];
    if (others.length > 0) this.sendAwareness(others);
  }

  private readonly endpoint: SyncEndpoint;
  private abandoned = false;
  private refusedPresence = false;

  receive(data: Uint8Array): void {
    if (this.closed) return;
    this.abandoned = false;
    this.refusedPresence = false;
    try {
      const answer = readMessage(this.endpoint, data);
      if (answer) this.events.send(answer);
    } catch (error) {
      this.events.failed(
        new AccordError('invalid_message', `A sync message could not be read and was refused (${String(error)}).`),
      );
      return;
    }
    // Nothing of an abandoned update was stored, and a refused presence message is not counted.
    if (this.abandoned || this.refusedPresence) return;
    this.received += 1;
    const persistenceError = this.replica.persistenceError;
    if (persistenceError) return this.events.failed(persistenceError);
    // An update that depends on one not yet received waits in memory, unwritten: it is not saved
    // until what it waits for arrives (that message's acknowledgement then covers it too).
    const store = this.replica.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) return;
    this.events.saved(this.received);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.replica.doc.off('update', this.onUpdate);
    this.replica.awareness.off('update', this.onAwareness);
    // A window that goes away takes its cursor with it.
    awarenessProtocol.removeAwarenessStates(this.replica.awareness, [...this.awarenessClients], this);
  }

  private sendAwareness(clients: number[]): void {
    if (clients.length === 0) return;
    this.events.send(awarenessMessage(this.replica.awareness, clients));
  }

}
