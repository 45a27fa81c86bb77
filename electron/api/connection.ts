import { apiContract, isApiMethod } from '../../shared/api/contract';
import { AccordError, toErrorShape } from '../../shared/api/errors';
import { ClientMessage, type ServerMessage } from '../../shared/api/messages';
import type { Logger } from '../storage/logger';
import type { Replica } from '../storage/replicas';
import { documentNotFound } from '../services/serviceContext';
import type { Services } from '../services/services';
import { SyncSession } from '../sync/syncSession';
import { MeetingListWatch } from './meetingListWatch';
import { MeetingWatch } from './meetingWatch';

export interface Connection {
  /** Takes one message as it arrived from a window; anything malformed is answered, not thrown. */
  receive(raw: unknown): void;
  close(): void;
}

/**
 * One window's connection to the services, independent of the transport carrying it: Electron
 * IPC and the host's WebSocket both create one per window and pass messages through unchanged.
 */
export function createConnection(services: Services, send: (msg: ServerMessage) => void, log: Logger): Connection {
  const streams = new Map<string, { session: SyncSession; replica: Replica; stream: number }>();
  const watches = new Map<string, MeetingWatch>();
  let listWatch: MeetingListWatch | null = null;
  let closed = false;
  // A rebuilt document: the window reopens it. Its stream stays on the old replica until then, so
  // a keystroke on its way is still applied (and carried over, see Replicas.rebuild).
  const stopReplaced = services.replicas?.onReplaced((doc) => {
    const open = streams.get(doc);
    if (open) reply({ t: 'sync-replaced', doc, stream: open.stream });
  });

  const reply = (msg: ServerMessage) => {
    if (!closed) send(msg);
  };

  const closeStream = (doc: string) => {
    const stream = streams.get(doc);
    if (!stream) return;
    streams.delete(doc);
    stream.session.close();
    services.replicas?.release(stream.replica);
  };

  async function call(id: number, method: string, params: unknown): Promise<void> {
    try {
      if (!isApiMethod(method)) throw new AccordError('invalid_request', `Accord has no request called “${method}”.`);
      const parsed = apiContract[method].params.safeParse(params ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        throw new AccordError('invalid_request', `${issue?.message ?? 'Invalid request.'}${where}`);
      }
      const handler = services.handlers[method] as (p: unknown) => unknown;
      const value = await handler(parsed.data);
      reply({ t: 'result', id, ok: true, value });
    } catch (error) {
      if (!(error instanceof AccordError)) log.error('api.call', { method, error: String(error) });
      reply({ t: 'result', id, ok: false, error: toErrorShape(error) });
    }
  }

  function openStream(doc: string, stream: number): void {
    // A window that reloads opens its documents again: the old stream's session (and its count
    // of acknowledged messages) must not carry over to the new page.
    closeStream(doc);
    const replicas = services.replicas;
    let replica: Replica | undefined;
    try {
      if (!replicas) throw new AccordError('storage_unavailable', 'Accord’s database is not available.');
      if (!services.hasDocument(doc)) throw documentNotFound();
      replica = replicas.acquire(doc);
      const session = new SyncSession(replica, {
        send: (data) => reply({ t: 'sync', doc, stream, data }),
        saved: (received) => reply({ t: 'sync-ack', doc, stream, received }),
        failed: (error) => {
          reply({ t: 'sync-error', doc, stream, error: error.toShape() });
          // A stream that sent garbage is closed; one that only failed to save stays open to retry.
          if (error.code === 'invalid_message') closeStream(doc);
        },
      });
      streams.set(doc, { session, replica, stream });
    } catch (error) {
      if (replica) replicas?.release(replica);
      reply({ t: 'sync-error', doc, stream, error: toErrorShape(error) });
    }
  }

  return {
    receive(raw) {
      if (closed) return;
      const parsed = ClientMessage.safeParse(raw);
      if (!parsed.success) {
        log.error('api.malformed', { issues: parsed.error.issues.length });
        const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
        if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
          reply({ t: 'result', id, ok: false, error: { code: 'invalid_message', message: 'The request does not match the Accord API.' } });
        }
        return;
      }
      const msg = parsed.data;
      switch (msg.t) {
        case 'call':
          void call(msg.id, msg.method, msg.params);
          break;
        case 'sync-open':
          openStream(msg.doc, msg.stream);
          break;
        case 'sync': {
          const open = streams.get(msg.doc);
          if (open?.stream === msg.stream) open.session.receive(msg.data);
          else if (!open) reply({ t: 'sync-error', doc: msg.doc, stream: msg.stream, error: { code: 'invalid_request', message: 'This document is not open.' } });
          // Otherwise it belongs to an earlier opening of this document, already closed.
          break;
        }
        case 'sync-close':
          closeStream(msg.doc);
          break;
        case 'watch':
          if (!watches.has(msg.meetingId)) watches.set(msg.meetingId, new MeetingWatch(services, msg.meetingId, (event) => reply({ t: 'event', event })));
          break;
        case 'unwatch':
          watches.get(msg.meetingId)?.close();
          watches.delete(msg.meetingId);
          break;
        case 'watch-meetings':
          listWatch ??= new MeetingListWatch(services, (meetings) => reply({ t: 'meetings', meetings }));
          break;
        case 'unwatch-meetings':
          listWatch?.close();
          listWatch = null;
          break;
      }
    },
    close() {
      stopReplaced?.();
      for (const watch of watches.values()) watch.close();
      watches.clear();
      listWatch?.close();
      listWatch = null;
      for (const doc of [...streams.keys()]) closeStream(doc);
      closed = true;
    },
  };
}
