import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import type { Replica } from '../services/replicas';

/** y-websocket's message types, so a window speaks to main exactly as a client speaks to a hub. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export interface SyncSessionEvents {
  send(data: Uint8Array): void;
  /** Everything received so far has been applied and is on disk. */
  saved(received: number): void;
  failed(error: AccordError): void;
  /** A change from a peer that may only read was dropped (it reached nothing). */
  refused?(): void;
}

export interface SyncSessionPolicy {
  /** False for observers: their updates are dropped, their reads and presence still work. */
  canWrite: boolean;
  /** Whether this writer's update may be applied, judged before it is; all, if absent. */
  mayChange?: (update: Uint8Array) => boolean;
  /** Whether this peer may set (or, with null, remove) this presence entry; all, if absent. */
  presence?: (clientId: number, state: Record<string, unknown> | null) => boolean;
}

/** The entries of an awareness update: whose presence it sets, and to what. */
function readAwarenessEntries(update: Uint8Array): Array<{ clientId: number; state: Record<string, unknown> | null }> {
  const decoder = decoding.createDecoder(update);
  const entries: Array<{ clientId: number; state: Record<string, unknown> | null }> = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder); // clock
    const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
    entries.push({ clientId, state: state !== null && typeof state === 'object' ? (state as Record<string, unknown>) : null });
  }
  return entries;
}

/**
 * One window's sync stream on one of main's replicas: the y-protocols exchange (step 1/2, updates,
 * awareness) plus a running count of what has been persisted, so the window can say "Saved".
 */
export class SyncSession {
  private received = 0;
  private readonly awarenessClients = new Set<number>();
  private closed = false;

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.events.send(encoding.toUint8Array(encoder));
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
    private readonly policy: SyncSessionPolicy = { canWrite: true },
  ) {
    replica.doc.on('update', this.onUpdate);
    replica.awareness.on('update', this.onAwareness);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, replica.doc);
    events.send(encoding.toUint8Array(encoder));
    const others = [...replica.awareness.getStates().keys()];
    if (others.length > 0) this.sendAwareness(others);
  }

  receive(data: Uint8Array): void {
    if (this.closed) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC: {
          // Read by hand rather than with readSyncMessage, which logs and swallows a bad update:
          // here a bad update must fail the message, so the peer that sent it can be cut off.
          const kind = decoding.readVarUint(decoder);
          if (kind === syncProtocol.messageYjsSyncStep1) {
            const encoder = encoding.createEncoder();
            encoding.writeVarUint(encoder, MESSAGE_SYNC);
            syncProtocol.readSyncStep1(decoder, encoder, this.replica.doc);
            this.events.send(encoding.toUint8Array(encoder));
          } else if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
            const update = decoding.readVarUint8Array(decoder);
            // Decoding first refuses a malformed update whole; applying it straight away could
            // integrate (and store, and pass on) its first part before failing on the rest.
            const decoded = Y.decodeUpdate(update);
            if (!this.policy.canWrite) {
              // A reader's answer to our sync step 1 holds nothing when it wrote nothing: only an
              // update that would change something is a write, dropped and reported.
              if (decoded.structs.length > 0 || decoded.ds.clients.size > 0) {
                this.events.refused?.();
                return;
              }
              break;
            }
            if (this.policy.mayChange && !this.policy.mayChange(update)) {
              this.events.refused?.();
              return;
            }
            Y.applyUpdate(this.replica.doc, update, this);
          } else {
            throw new Error(`unknown sync message type ${kind}`);
          }
          break;
        }
        case MESSAGE_AWARENESS: {
          const update = decoding.readVarUint8Array(decoder);
          const entries = readAwarenessEntries(update);
          const allowed = this.policy.presence;
          if (allowed && !entries.every((entry) => allowed(entry.clientId, entry.state))) {
            this.events.refused?.();
            return;
          }
          for (const { clientId, state } of entries) {
            if (state === null) this.awarenessClients.delete(clientId);
            else this.awarenessClients.add(clientId);
          }
          awarenessProtocol.applyAwarenessUpdate(this.replica.awareness, update, this);
          break;
        }
        case MESSAGE_QUERY_AWARENESS:
          this.sendAwareness([...this.replica.awareness.getStates().keys()]);
          break;
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (error) {
      this.events.failed(
        new AccordError('invalid_message', `A sync message could not be read and was refused (${String(error)}).`),
      );
      return;
    }
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
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.replica.awareness, clients));
    this.events.send(encoding.toUint8Array(encoder));
  }

}
