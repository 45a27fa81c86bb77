import type { ClientMessage, ServerMessage } from './messages';

/** The one IPC channel between main and the preload, named where both read it. */
export const IPC_CHANNEL = 'accord:message';

/**
 * What Electron's preload exposes to the window as `window.accord`: two named functions on one
 * message channel, never ipcRenderer itself. Main validates every message it receives.
 */
export interface AccordBridge {
  postMessage(message: ClientMessage): void;
  /** Returns a function that stops listening. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
}
