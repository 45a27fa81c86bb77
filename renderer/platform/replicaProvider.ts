import { Observable } from 'lib0/observable';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AccordError } from '../../shared/api/errors';
import { awarenessMessage, readMessage, type SyncEndpoint, syncStep1Message, updateMessage } from '../../shared/sync/messages';
import type { ApiClient, SyncStream } from './apiClient';

/** What the window may truthfully say about the document on screen. */
export type SaveState =
  | { kind: 'loading' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; error: AccordError }
  | { kind: 'offline' };

/**
 * The window's Yjs provider: syncs its Y.Doc with main's replica of the same document through
 * y-protocols messages over whatever channel the ApiClient has, and counts main's
 * acknowledgements so that "Saved" is only shown once main has the change on disk.
 */
export class ReplicaProvider extends Observable<string> {
  readonly awareness: awarenessProtocol.Awareness;
  private stream: SyncStream | null = null;
  private sent = 0;
  private acked = 0;
  private synced = false;
  private failure: AccordError | null = null;
  private online = false;
  private saveState: SaveState = { kind: 'loading' };

  constructor(
    private readonly client: ApiClient,
    private readonly docId: string,
    readonly doc: Y.Doc,
  ) {
    super();
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.endpoint = {
      doc,
      awareness: this.awareness,
      update: (update, answer) => {
        Y.applyUpdate(doc, update, this);
        if (answer && !this.synced) {
          this.synced = true;
          this.emit('sync', [true]);
          performance.mark('accord:synced');
        }
      },
      presence: (update) => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, this),
    };
  }

  get state(): SaveState {
    return this.saveState;
  }

  /** Whether main's copy of the document has arrived (the editor binds to the doc only then). */
  get isSynced(): boolean {
    return this.synced;
  }

  /**
   * Starts syncing with main. Called as soon as the document's address is known, before any
   * editor exists: the editor's binding draws whatever the doc holds when it binds, so nothing
   * that arrives before it is missed.
   */
  connect(): void {
    if (this.stream) return;
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.openStream();
  }

  private openStream(): void {
    performance.mark('accord:sync-open');
    this.stream = this.client.openSync(this.docId, {
      open: () => this.onOpen(),
      data: (data) => this.onData(data),
      ack: (received) => {
        this.acked = received;
        if (this.acked >= this.sent) this.failure = null;
        this.refresh();
      },
      error: (error) => {
        this.failure = error;
        this.refresh();
      },
      down: () => {
        this.online = false;
        this.emit('status', [{ status: 'disconnected' }]);
        this.refresh();
      },
      replaced: () => this.emit('replaced', []),
    });
  }

  disconnect(): void {
    if (!this.stream) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'window closed');
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.stream.close();
    this.stream = null;
    this.online = false;
    this.emit('status', [{ status: 'disconnected' }]);
  }

  override destroy(): void {
    this.disconnect();
    this.awareness.destroy();
    super.destroy();
  }

  private onOpen(): void {
    // Main starts counting afresh for every stream it opens.
    this.sent = 0;
    this.acked = 0;
    this.online = true;
    this.emit('status', [{ status: 'connected' }]);
    this.send(syncStep1Message(this.doc));
    if (this.awareness.getLocalState() !== null) this.sendAwareness([this.doc.clientID]);
    this.refresh();
  }

  /** What the window does with what main sends, read by the shared message table. */
  private readonly endpoint: SyncEndpoint;

  private onData(data: Uint8Array): void {
    const answer = readMessage(this.endpoint, data);
    if (answer) this.send(answer);
    this.refresh();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    this.send(updateMessage(update));
    this.refresh();
  };

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this) return;
    this.sendAwareness([...changes.added, ...changes.updated, ...changes.removed]);
  };

  private sendAwareness(clients: number[]): void {
    this.send(awarenessMessage(this.awareness, clients));
  }

  private send(data: Uint8Array): void {
    if (!this.stream || !this.online) return;
    this.sent += 1;
    this.stream.send(data);
  }

  private refresh(): void {
    const next: SaveState = this.failure
      ? { kind: 'failed', error: this.failure }
      : !this.online
        ? this.synced
          ? { kind: 'offline' }
          : { kind: 'loading' }
        : !this.synced
          ? { kind: 'loading' }
          : this.acked < this.sent
            ? { kind: 'saving' }
            : { kind: 'saved' };
    if (next.kind === this.saveState.kind && next.kind !== 'failed') return;
    this.saveState = next;
    this.emit('save-state', [next]);
  }
}
