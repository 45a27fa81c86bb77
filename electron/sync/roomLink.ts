import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Logger } from '../storage/logger';
import type { Replica, Replicas } from '../storage/replicas';
import type { AppStore } from '../storage/appStore';
import { messageHandlers, type SyncEndpoint } from '../../shared/sync/messages';
import { covered, reachOf, type StateVector } from './updateReach';

export type RoomState = 'connecting' | 'online' | 'offline' | 'refused';

/** Close codes with which a hub says "do not come back with this code". */
const REFUSALS = new Set([4401, 4403, 4404]);
/** The close code with which a hub refuses an update it will never apply (hub/roomAdmission.ts). */
const UPDATE_REFUSED = 4400;

/** A WebSocket that carries the invitation code in a header: a URL is what proxies and access logs keep. */
function webSocketWithCode(code: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Authorization: `Bearer ${code}` } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

/** The hub's whole copy of a room, read over a connection of its own that writes nothing. */
export function fetchRoomState(hubUrl: string, room: string, code: string, timeoutMs: number): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(hubUrl, room, doc, { WebSocketPolyfill: webSocketWithCode(code), awareness, disableBc: true, connect: false });
  return new Promise<Uint8Array>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the hub did not send its copy within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      const state = Y.encodeStateAsUpdate(doc);
      provider.destroy();
      awareness.destroy();
      doc.destroy();
      if (error) reject(error);
      else resolve(state);
    };
    provider.on('sync', (synced: boolean) => synced && finish(null));
    provider.connect();
  });
}

/** What a link needs besides its room: where it stores, logs and reports, and how it rebuilds. */
export interface RoomLinkDeps {
  store: AppStore;
  log: Logger;
  replicas: Replicas;
  onChange(): void;
  /** The hub refused a change and the replica was rebuilt from the hub's copy (Replicas.rebuild). */
  setAside(notice: { reason: string; words: string }): void;
}

/**
 * One replica's link to its room on a hub: a stock y-websocket client on main's Y.Doc and
 * awareness, plus the count of local changes the hub has not yet confirmed (learned from the
 * state vector the hub sends in sync step 1, after connecting and after storing changes).
 */
export class RoomLink {
  private readonly provider: WebsocketProvider;
  private hubState: StateVector;
  private pending: StateVector[];
  private refusedReason: string | null = null;
  private deniedReason: string | null = null;
  private recovering = false;
  private destroyed = false;

  constructor(
    private readonly deps: RoomLinkDeps,
    readonly replica: Replica,
    private readonly hubUrl: string,
    private readonly room: string,
    private readonly code: string,
    /**
     * A room this invitation reads but may not write (the secretariat's, for a delegate): nothing
     * here is ever the hub's to receive. What this laptop holds that the hub lacks came from another
     * hub (the meeting moved; that hub recorded owners there after the secretariat left it), and the
     * hub's refusal of it is expected, not a change of this user's to set aside.
     */
    private readonly readOnly = false,
  ) {
    const stored = deps.store.hubStateVector(replica.id);
    this.hubState = stored ? Y.decodeStateVector(stored) : new Map();
    this.pending = this.pendingInLog();

    this.provider = new WebsocketProvider(hubUrl, room, replica.doc, {
      WebSocketPolyfill: webSocketWithCode(code),
      awareness: replica.awareness,
      disableBc: true,
      maxBackoffTime: 2500,
      connect: false,
    });
    // The shared message table reads what the hub sends, as it reads every side's: the hub's state
    // vector says which of our changes it holds, and its permission-denied that it refused one
    // (the change will never be confirmed, and every later one may build on it).
    const provider = this.provider;
    const endpoint: SyncEndpoint = {
      doc: replica.doc,
      awareness: replica.awareness,
      update: (update, answer) => {
        Y.applyUpdate(replica.doc, update, provider);
        if (answer && !provider.synced) provider.synced = true;
      },
      presence: (update) => awarenessProtocol.applyAwarenessUpdate(replica.awareness, update, provider),
      peerState: (stateVector) => this.onHubState(stateVector),
      denied: (reason) => this.changeRefused(reason),
    };
    // y-websocket lets a handler's exception escape the socket's message event, which ends the
    // process: a malformed frame (from a broken hub, or anyone posing as one on a venue LAN)
    // must only cost this connection, which then reconnects with backoff.
    provider.messageHandlers = messageHandlers.map((handler) => (encoder, decoder) => {
      try {
        handler(decoder, encoder, endpoint);
      } catch (error) {
        deps.log.error('sync.malformed-from-hub', { room, error: String(error) });
        provider.ws?.close();
      }
    });
    this.provider.on('status', (event: { status: string }) => {
      // A hub may have lost what it held (restored from an older backup, say): the first state it
      // reports on each connection is checked against the whole log, not only recent changes.
      if (event.status === 'connected') this.recheckLog = true;
      deps.onChange();
    });
    this.provider.on('sync', () => deps.onChange());
    this.provider.on('connection-close', (event) => {
      const close = event as { code?: number; reason?: string } | null;
      if (close?.code !== undefined && REFUSALS.has(close.code)) {
        this.refusedReason = close.reason || 'The hub refused this invitation code.';
        deps.log.error('sync.refused', { room, code: close.code, reason: this.refusedReason });
      }
      // Sent away for an update: it would be sent again, and refused again, at every reconnection.
      if (close?.code === UPDATE_REFUSED) this.changeRefused(close.reason || 'The hub refused an update from this laptop.');
      deps.onChange();
    });
    replica.doc.on('update', this.onLocalUpdate);
    this.provider.connect();
  }

  get state(): RoomState {
    if (this.refusedReason) return 'refused';
    if (this.provider.wsconnected && this.provider.synced) return 'online';
    return this.provider.wsconnecting || this.provider.wsconnected ? 'connecting' : 'offline';
  }

  get refusal(): string | null {
    return this.refusedReason;
  }

  /** Why the hub last refused one of this room's changes, while any change is still unconfirmed. */
  get refusedChange(): string | null {
    return this.pending.length > 0 ? this.deniedReason : null;
  }

  get unconfirmed(): number {
    return this.pending.length;
  }

  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.provider.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.provider.off('sync', onSync);
        resolve(value);
      };
      const onSync = (synced: boolean) => synced && done(true);
      this.provider.on('sync', onSync);
    });
  }

  destroy(): void {
    this.destroyed = true;
    this.replica.doc.off('update', this.onLocalUpdate);
    this.provider.destroy();
  }

  private changeRefused(reason: string): void {
    if (this.readOnly) return;
    if (this.deniedReason !== reason) this.deps.log.error('sync.change-refused', { room: this.room, reason });
    this.deniedReason = reason;
    this.deps.onChange();
    if (this.pending.length > 0 && !this.recovering) void this.recover(reason);
  }

  /**
   * Recovers from a refused change: stops sending it, reads the hub's copy of the room over a
   * connection of its own, and rebuilds the replica from it (Replicas.rebuild): the refused change
   * is set aside, edits made since are replayed as new changes, and the meeting's links are made
   * again on the new replica. If the hub's copy cannot be read, the link resumes as before and
   * the next refusal tries again.
   */
  private async recover(reason: string): Promise<void> {
    this.recovering = true;
    this.provider.disconnect();
    try {
      const hubState = await fetchRoomState(this.hubUrl, this.room, this.code, 10_000);
      if (this.destroyed) return;
      const rebuilt = this.deps.replicas.rebuild(this.replica.id, hubState, this.refusedState(reachOf(hubState)), reason);
      // Its holders have acquired the new replica (onReplaced) by now: the rebuild's hold goes.
      this.deps.replicas.release(rebuilt.replica);
      this.deps.setAside({ reason, words: rebuilt.words });
    } catch (error) {
      this.deps.log.error('sync.recover', { room: this.room, error: String(error) });
      if (this.destroyed) return;
      this.recovering = false;
      this.provider.connect();
    }
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider || this.readOnly) return;
    const reach = reachOf(update);
    if (reach.size === 0 || covered(reach, this.hubState)) return;
    this.pending.push(reach);
    this.deps.onChange();
  };

  private recheckLog = false;

  /**
   * The replica as it was just after the change the hub refused: the first in its log that the
   * hub lacks (unconfirmed changes stay apart in the log, see hubSettlement). What the log holds
   * after it is what the user did next, replayed onto the hub's copy; the refused change is set
   * aside. Without such a change (a refused deletion) everything the hub lacks is set aside.
   */
  private refusedState(hub: StateVector): Uint8Array {
    const rows = this.deps.store.readUpdates(this.replica.id);
    const at = rows.findIndex((row) => {
      const reach = reachOf(row);
      return reach.size > 0 && !covered(reach, hub);
    });
    return at === -1 ? Y.encodeStateAsUpdate(this.replica.doc) : Y.mergeUpdates(rows.slice(0, at + 1));
  }

  /** Whatever the log holds beyond what the hub is known to hold is still the hub's to receive. */
  private pendingInLog(): StateVector[] {
    if (this.readOnly) return [];
    return this.deps.store
      .readUpdates(this.replica.id)
      .map(reachOf)
      .filter((reach) => reach.size > 0 && !covered(reach, this.hubState));
  }

  private onHubState(encoded: Uint8Array): void {
    this.hubState = Y.decodeStateVector(encoded);
    if (this.recheckLog) {
      this.recheckLog = false;
      this.pending = this.pendingInLog();
    }
    this.pending = this.pending.filter((reach) => !covered(reach, this.hubState));
    try {
      this.deps.store.setHubStateVector(this.replica.id, encoded);
    } catch (error) {
      this.deps.log.error('sync.hub-state', { error: String(error) });
    }
    this.deps.onChange();
  }
}
