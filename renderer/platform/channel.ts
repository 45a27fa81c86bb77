import type { ClientMessage, ServerMessage } from '../../shared/api/messages';

export type ChannelState = 'connecting' | 'open' | 'closed';

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
