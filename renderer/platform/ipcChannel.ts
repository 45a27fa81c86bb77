import type { AccordBridge } from '../../shared/api/bridge';
import { ServerMessage } from '../../shared/api/messages';
import { type Channel, type ChannelState, Listeners } from './channel';

/** The channel inside Electron: the preload's bridge, always open while the window lives. */
export function ipcChannel(bridge: AccordBridge): Channel {
  const messages = new Listeners<ServerMessage>();
  bridge.onMessage((raw) => {
    const parsed = ServerMessage.safeParse(raw);
    if (parsed.success) messages.emit(parsed.data);
    else console.error('Accord: ignored a malformed message from main', parsed.error.issues);
  });
  return {
    state: 'open' satisfies ChannelState,
    send: (message) => bridge.postMessage(message),
    onMessage: (listener) => messages.add(listener),
    onState: () => () => undefined,
  };
}
