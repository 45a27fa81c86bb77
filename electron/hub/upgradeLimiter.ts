import type { Socket } from 'node:net';
import type { HubLimits } from './hubLimits';

/**
 * Connections still sending their upgrade request, counted in all and per address: each holds a
 * socket (a file handle) until its headers arrive, so a flood of half-sent requests is cut off at
 * a limit, and the rest at the headers timeout, before it can starve honest joins.
 */
export class UpgradeLimiter {
  /** Each pending socket, with its address (read at connection: a closed socket forgets it). */
  private readonly pending = new Map<Socket, { address: string; timer: NodeJS.Timeout }>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limits: HubLimits,
    private readonly onRefused: (address: string) => void,
  ) {}

  track(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (this.pending.size >= this.limits.maxPendingUpgrades || fromAddress >= this.limits.maxPendingUpgradesPerAddress) {
      this.onRefused(address);
      socket.destroy();
      return;
    }
    // Node's headers timeout is checked only now and then; this one is per socket.
    const timer = setTimeout(() => socket.destroy(), this.limits.headersTimeoutMs);
    timer.unref();
    this.pending.set(socket, { address, timer });
    this.perAddress.set(address, fromAddress + 1);
    socket.once('close', () => this.settled(socket));
  }

  /** The socket's request arrived whole (an upgrade or a plain request): no longer pending. */
  settled(socket: Socket): void {
    const entry = this.pending.get(socket);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(socket);
    const left = (this.perAddress.get(entry.address) ?? 1) - 1;
    if (left <= 0) this.perAddress.delete(entry.address);
    else this.perAddress.set(entry.address, left);
  }

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.perAddress.clear();
  }
}
