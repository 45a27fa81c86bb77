import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider, messageAuth, messageSync } from 'y-websocket';
import * as Y from 'yjs';
import type { Logger } from './logger';
import type { Replica } from './replicas';
import type { Store } from './store';
import { covered, reachOf, type StateVector } from './updateReach';

export type RoomState = 'connecting' | 'online' | 'offline' | 'refused';

/** Close codes with which a hub says "do not come back with this code". */
const REFUSALS = new Set([4401, 4403, 4404]);

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

  constructor(
    private readonly deps: { store: Store; log: Logger; onChange(): void },
    readonly replica: Replica,
    hubUrl: string,
    room: string,
    code: string,
  ) {
    const stored = deps.store.hubStateVector(replica.id);
    this.hubState = stored ? Y.decodeStateVector(stored) : new Map();
    this.pending = this.pendingInLog();

    // The code travels in a header: a URL is what proxies and access logs keep.
    const WebSocketWithCode = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { Authorization: `Bearer ${code}` } });
      }
    };
    this.provider = new WebsocketProvider(hubUrl, room, replica.doc, {
      WebSocketPolyfill: WebSocketWithCode as unknown as typeof globalThis.WebSocket,
      awareness: replica.awareness,
      disableBc: true,
      maxBackoffTime: 2500,
      connect: false,
    });
    // y-protocols' permission-denied: the hub refused one of this room's changes (it stays
    // connected). Said in the meeting's status, since the change will never be confirmed.
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) =>
      authProtocol.readAuthMessage(decoder, replica.doc, (_doc, reason) => {
        if (this.deniedReason !== reason) deps.log.error('sync.change-refused', { room, reason });
        this.deniedReason = reason;
        deps.onChange();
      });
    const readSync = this.provider.messageHandlers[messageSync]!;
    this.provider.messageHandlers[messageSync] = (encoder, decoder, provider, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) this.onHubState(decoding.readVarUint8Array(peek));
      readSync(encoder, decoder, provider, emitSynced, type);
    };
    // y-websocket lets a handler's exception escape the socket's message event, which ends the
    // process: a malformed frame (from a broken hub, or anyone posing as one on a venue LAN)
    // must only cost this connection, which then reconnects with backoff.
    this.provider.messageHandlers = this.provider.messageHandlers.map((handler) =>
      handler
        ? (encoder, decoder, provider, emitSynced, type) => {
            try {
              handler(encoder, decoder, provider, emitSynced, type);
            } catch (error) {
              deps.log.error('sync.malformed-from-hub', { room, error: String(error) });
              this.provider.ws?.close();
            }
          }
        : handler,
    );
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
    this.replica.doc.off('update', this.onLocalUpdate);
    this.provider.destroy();
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return;
    const reach = reachOf(update);
    if (reach.size === 0 || covered(reach, this.hubState)) return;
    this.pending.push(reach);
    this.deps.onChange();
  };

  private recheckLog = false;

  /** Whatever the log holds beyond what the hub is known to hold is still the hub's to receive. */
  private pendingInLog(): StateVector[] {
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
