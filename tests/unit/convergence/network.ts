import * as Y from 'yjs';
import { seededRandom } from '../../support/random';

/**
 * What the convergence and loss fuzz run on: seeded randomness, and an in-memory network between
 * replicas whose links can be cut and healed, delivering what was sent as y-websocket would.
 */

// ---------------------------------------------------------------------------------------------
// Randomness

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  word(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let out = this.chance(0.2) ? ' ' : '';
    const length = this.int(1, 4);
    for (let i = 0; i < length; i++) out += letters[this.int(0, letters.length - 1)];
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Settling

/**
 * Remote Yjs changes reach Lexical as a non-discrete update whose commit, and any update that
 * commit schedules, run as microtasks; one macrotask turn drains them all.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------
// Network

/**
 * - `queue`: a link that is down keeps what was sent and delivers it in order once it is up.
 * - `resync`: a link that is down loses what was sent; on reconnect both ends send what the other
 *   lacks, as y-protocols' sync step 2 does (`encodeStateAsUpdate(doc, encodeStateVector(other))`).
 */
export type NetworkMode = 'queue' | 'resync';

export interface NetworkOptions {
  mode: NetworkMode;
  /**
   * Forward what arrives from one peer to the others, as main does between the hub and its
   * windows. With FIFO links this delivers every update after the ones it depends on.
   */
  relay: boolean;
}

interface Link {
  up: boolean;
  /** Messages on their way from the key's replica to the other end, in send order. */
  inFlight: Map<number, Uint8Array[]>;
}

interface NetworkOrigin {
  readonly network: true;
  readonly from: number;
}

/** An in-memory network between Y.Docs with one partitionable link per pair of replicas. */
export class Network {
  private readonly links = new Map<string, Link>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly docs: readonly Y.Doc[],
    private readonly options: NetworkOptions,
  ) {
    for (const [a, b] of this.pairs()) this.links.set(linkKey(a, b), { up: true, inFlight: new Map([[a, []], [b, []]]) });
    docs.forEach((doc, from) => {
      const onUpdate = (update: Uint8Array, origin: unknown) => this.send(from, update, origin);
      doc.on('update', onUpdate);
      this.unsubscribe.push(() => doc.off('update', onUpdate));
    });
  }

  pairs(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let a = 0; a < this.docs.length; a++) for (let b = a + 1; b < this.docs.length; b++) out.push([a, b]);
    return out;
  }

  isUp(a: number, b: number): boolean {
    return this.link(a, b).up;
  }

  partition(a: number, b: number): void {
    const link = this.link(a, b);
    link.up = false;
    if (this.options.mode === 'resync') for (const queue of link.inFlight.values()) queue.length = 0;
  }

  async heal(a: number, b: number): Promise<void> {
    const link = this.link(a, b);
    if (link.up) return;
    link.up = true;
    if (this.options.mode === 'resync') await this.exchange(a, b);
  }

  /** Sync step 2 both ways: each side sends exactly what the other's state vector lacks. */
  async exchange(a: number, b: number): Promise<void> {
    const docA = this.doc(a);
    const docB = this.doc(b);
    const forB = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
    const forA = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
    await this.apply(b, forB, a);
    await this.apply(a, forA, b);
  }

  /**
   * Delivers up to `limit` messages, each from a randomly chosen direction of a link that is up
   * (FIFO within a direction), so different senders' messages interleave differently per seed.
   */
  async deliver(rng: Rng, limit = Infinity): Promise<void> {
    for (let count = 0; count < limit; count++) {
      const ready = this.deliverable();
      if (ready.length === 0) return;
      const [from, to] = rng.pick(ready);
      const update = this.link(from, to).inFlight.get(from)?.shift();
      if (update) await this.apply(to, update, from);
    }
  }

  inFlightCount(): number {
    let n = 0;
    for (const link of this.links.values()) for (const queue of link.inFlight.values()) n += queue.length;
    return n;
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private doc(index: number): Y.Doc {
    const doc = this.docs[index];
    if (!doc) throw new Error(`no replica ${index}`);
    return doc;
  }

  private link(a: number, b: number): Link {
    const link = this.links.get(linkKey(a, b));
    if (!link) throw new Error(`no link ${a}-${b}`);
    return link;
  }

  private send(from: number, update: Uint8Array, origin: unknown): void {
    const cameFrom = isNetworkOrigin(origin) ? origin.from : null;
    if (cameFrom !== null && !this.options.relay) return;
    for (let to = 0; to < this.docs.length; to++) {
      if (to === from || to === cameFrom) continue;
      const link = this.link(from, to);
      if (!link.up && this.options.mode === 'resync') continue;
      link.inFlight.get(from)?.push(update);
    }
  }

  private deliverable(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const [a, b] of this.pairs()) {
      const link = this.link(a, b);
      if (!link.up) continue;
      if ((link.inFlight.get(a)?.length ?? 0) > 0) out.push([a, b]);
      if ((link.inFlight.get(b)?.length ?? 0) > 0) out.push([b, a]);
    }
    return out;
  }

  /** In the window each message is its own task (one IPC or WebSocket event): so here too. */
  private async apply(to: number, update: Uint8Array, from: number): Promise<void> {
    const origin: NetworkOrigin = { network: true, from };
    Y.applyUpdate(this.doc(to), update, origin);
    await settle();
  }
}

function linkKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

function isNetworkOrigin(origin: unknown): origin is NetworkOrigin {
  return typeof origin === 'object' && origin !== null && (origin as Partial<NetworkOrigin>).network === true;
}

