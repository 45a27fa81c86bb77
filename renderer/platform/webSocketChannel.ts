import type { ServerMessage } from '../../shared/api/messages';
import { decodeServerFrame, encodeClientFrame } from '../../shared/api/wire';
import { type Channel, type ChannelState, Listeners } from './channel';

const RETRY_MS = [250, 500, 1000, 2000, 4000];
/** Failed attempts after which the host is asked whether it is still the one that served this page. */
const PROBE_AFTER = 3;

/**
 * Whether the host that served this page still answers it. A restarted host has a new name and
 * key, so it refuses this page's requests, or nothing listens at its address at all.
 */
async function hostStillThere(url: string): Promise<boolean> {
  try {
    const page = new URL(url);
    page.protocol = page.protocol === 'wss:' ? 'https:' : 'http:';
    page.pathname = '/';
    const response = await fetch(page, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The channel in a plain browser: one WebSocket to the host that served this page (the session
 * cookie it set authenticates it). Reconnects on its own if the host comes back.
 */
export function webSocketChannel(url: string): Channel {
  const messages = new Listeners<ServerMessage>();
  const states = new Listeners<ChannelState>();
  let state: ChannelState = 'connecting';
  let socket: WebSocket;
  let attempt = 0;

  const setState = (next: ChannelState) => {
    if (next === state) return;
    state = next;
    states.emit(next);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      attempt = 0;
      setState('open');
    };
    socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      try {
        messages.emit(decodeServerFrame(typeof event.data === 'string' ? event.data : new Uint8Array(event.data)));
      } catch (error) {
        console.error('Accord: ignored a malformed message from the host', error);
      }
    };
    socket.onclose = () => {
      if (state !== 'gone') setState('closed');
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
      attempt += 1;
      if (attempt >= PROBE_AFTER && state !== 'gone') {
        void hostStillThere(url).then((there) => {
          if (!there && state !== 'open') setState('gone');
        });
      }
      // Retried even when gone: a host restarted at the same address and key (Electron's) comes back.
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    get state() {
      return state;
    },
    send(message) {
      if (socket.readyState !== WebSocket.OPEN) return;
      // lib0 always allocates plain ArrayBuffers, never shared ones.
      socket.send(encodeClientFrame(message) as string | Uint8Array<ArrayBuffer>);
    },
    onMessage: (listener) => messages.add(listener),
    onState: (listener) => states.add(listener),
  };
}
