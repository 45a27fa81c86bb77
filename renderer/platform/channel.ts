import type { ClientMessage, ServerMessage } from '../../shared/api/messages';

/**
 * `gone`: closed, and the services that served this window are no longer there (stopped, or
 * restarted under a new address and key): reconnecting cannot help, the person must reopen Accord.
 */
export type ChannelState = 'connecting' | 'open' | 'closed' | 'gone';

/**
 * A message pipe between this window and the services, whatever carries it (Electron IPC or the
 * host's WebSocket). Everything above it (calls, sync streams) is transport-blind.
 */
export interface Channel {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
  readonly state: ChannelState;
  onState(listener: (state: ChannelState) => void): () => void;
}

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
}
