import { apiContract, type ApiMethod, type ApiParams, type ApiResult } from '../../shared/api/contract';
import { AccordError, type ApiErrorShape } from '../../shared/api/errors';
import type { ClientMessage, MeetingEvent, ServerMessage } from '../../shared/api/messages';
import type { MeetingListEntry } from '../../shared/model/meeting';
import type { Channel, ChannelState } from './channel';

export interface SyncStreamHandlers {
  /** A y-protocols message from main. */
  data(data: Uint8Array): void;
  /** Main has applied and stored `received` messages of this stream. */
  ack(received: number): void;
  error(error: AccordError): void;
  /** The stream (re)opened on a fresh connection: start the sync handshake again. */
  open(): void;
  /** The connection dropped; nothing sent now reaches main. */
  down(): void;
  /** Main rebuilt the document (see the `sync-replaced` message): open it again, on a new Y.Doc. */
  replaced(): void;
}

export interface SyncStream {
  send(data: Uint8Array): void;
  close(): void;
}

interface Pending {
  method: ApiMethod;
  resolve(value: unknown): void;
  reject(error: AccordError): void;
}

const connectionLost = () =>
  new AccordError('internal', 'The connection to Accord was lost before it answered. Try again in a moment.');

/** Typed calls and sync streams over any channel; results are validated before anyone sees them. */
export class ApiClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly streams = new Map<string, { handlers: SyncStreamHandlers; stream: number }>();
  private nextStream = 1;
  private readonly queue: ClientMessage[] = [];
  /** Meetings this window watches: their listeners, and the last event, for a listener added later. */
  private readonly watched = new Map<string, { listeners: Set<(event: MeetingEvent) => void>; last: MeetingEvent | null }>();
  /** Listeners to the list of meetings, and the last list main sent, for a listener added later. */
  private readonly listWatch = { listeners: new Set<(meetings: MeetingListEntry[]) => void>(), last: null as MeetingListEntry[] | null };

  constructor(private readonly channel: Channel) {
    channel.onMessage((message) => this.dispatch(message));
    channel.onState((state) => this.handleState(state));
  }

  get state(): ChannelState {
    return this.channel.state;
  }

  onStateChange(listener: (state: ChannelState) => void): () => void {
    return this.channel.onState(listener);
  }

  private handleState(state: ChannelState): void {
    if (state === 'open') {
      for (const message of this.queue.splice(0)) this.channel.send(message);
      for (const [doc, open] of this.streams) {
        // A new connection is a new opening: main numbers nothing from before it.
        open.stream = this.nextStream++;
        this.channel.send({ t: 'sync-open', doc, stream: open.stream });
        open.handlers.open();
      }
      // Main forgets what a connection watched when it drops: asked again on the new one.
      for (const meetingId of this.watched.keys()) this.channel.send({ t: 'watch', meetingId });
      if (this.listWatch.listeners.size > 0) this.channel.send({ t: 'watch-meetings' });
    } else if (state === 'closed' || state === 'gone') {
      for (const pending of this.pending.values()) pending.reject(connectionLost());
      this.pending.clear();
      for (const open of this.streams.values()) open.handlers.down();
    }
  }

  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const id = this.nextId++;
    return new Promise<ApiResult<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
      this.post({ t: 'call', id, method, params });
    });
  }

  /**
   * Listens to what main tells of a meeting (MeetingEvent): its hub link, who is there, its
   * documents, now and at each change. Main pushes; nothing here asks again. Returns a function
   * that stops listening.
   */
  watchMeeting(meetingId: string, listener: (event: MeetingEvent) => void): () => void {
    let watch = this.watched.get(meetingId);
    if (!watch) {
      this.watched.set(meetingId, (watch = { listeners: new Set(), last: null }));
      if (this.channel.state === 'open') this.channel.send({ t: 'watch', meetingId });
    }
    watch.listeners.add(listener);
    if (watch.last) listener(watch.last);
    const current = watch;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || this.watched.get(meetingId) !== current) return;
      this.watched.delete(meetingId);
      if (this.channel.state === 'open') this.channel.send({ t: 'unwatch', meetingId });
    };
  }

  /**
   * Listens to the list of meetings as main tells it (what `meetings.list` answers), now and at each
   * change of any meeting on it. Returns a function that stops listening.
   */
  watchMeetingList(listener: (meetings: MeetingListEntry[]) => void): () => void {
    const watch = this.listWatch;
    if (watch.listeners.size === 0) {
      // A list from an earlier watch may be out of date: main sends a fresh one.
      watch.last = null;
      if (this.channel.state === 'open') this.channel.send({ t: 'watch-meetings' });
    }
    watch.listeners.add(listener);
    if (watch.last) listener(watch.last);
    return () => {
      if (!watch.listeners.delete(listener) || watch.listeners.size > 0) return;
      if (this.channel.state === 'open') this.channel.send({ t: 'unwatch-meetings' });
    };
  }

  openSync(doc: string, handlers: SyncStreamHandlers): SyncStream {
    const open = { handlers, stream: this.nextStream++ };
    this.streams.set(doc, open);
    // Opened on the next tick, so the caller holds the returned stream before `open` fires.
    queueMicrotask(() => {
      if (this.streams.get(doc) !== open || this.channel.state !== 'open') return;
      this.channel.send({ t: 'sync-open', doc, stream: open.stream });
      handlers.open();
    });
    return {
      send: (data) => {
        if (this.streams.get(doc) === open) this.post({ t: 'sync', doc, stream: open.stream, data });
      },
      close: () => {
        if (this.streams.get(doc) !== open) return;
        this.streams.delete(doc);
        this.post({ t: 'sync-close', doc });
      },
    };
  }

  /** The handlers of a stream message, unless it belongs to an earlier opening of the document. */
  private current(message: { doc: string; stream: number }): SyncStreamHandlers | undefined {
    const open = this.streams.get(message.doc);
    return open?.stream === message.stream ? open.handlers : undefined;
  }

  private post(message: ClientMessage): void {
    if (this.channel.state === 'open') this.channel.send(message);
    else if (message.t === 'call') this.queue.push(message);
    // Sync messages are not queued: the handshake on reconnect carries whatever they held.
  }

  private dispatch(message: ServerMessage): void {
    switch (message.t) {
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (!message.ok) return pending.reject(AccordError.fromShape(message.error));
        const parsed = apiContract[pending.method].result.safeParse(message.value);
        if (parsed.success) pending.resolve(parsed.data);
        else pending.reject(new AccordError('invalid_message', 'Accord sent an answer this window does not understand.'));
        return;
      }
      case 'sync':
        this.current(message)?.data(message.data);
        return;
      case 'sync-ack':
        this.current(message)?.ack(message.received);
        return;
      case 'sync-error':
        this.current(message)?.error(AccordError.fromShape(message.error satisfies ApiErrorShape));
        return;
      case 'sync-replaced':
        this.current(message)?.replaced();
        return;
      case 'event': {
        const watch = this.watched.get(message.event.meetingId);
        if (!watch) return;
        watch.last = message.event;
        for (const listener of watch.listeners) listener(message.event);
        return;
      }
      case 'meetings': {
        if (this.listWatch.listeners.size === 0) return;
        this.listWatch.last = message.meetings;
        for (const listener of this.listWatch.listeners) listener(message.meetings);
        return;
      }
    }
  }
}
