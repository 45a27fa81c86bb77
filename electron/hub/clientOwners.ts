import type { HubStore } from '../storage/hubTables';

/**
 * Which invitation owns each Yjs client id of a room: the first connection to write structs under
 * an id binds it, the binding is kept in the hub's registry (so a hub restored from backup restores
 * its bindings with its rooms), and nobody else adds structs under that id afterwards.
 */
export class ClientOwners {
  private readonly cache = new Map<string, Map<number, string>>();

  constructor(
    private readonly deps: {
      store: HubStore;
      now: () => number;
      /** Told of every new binding, to publish it to the meeting (hubServer writes it to the secretariat doc). */
      onBound?: (room: string, clientIds: number[], invitationId: string) => void;
    },
  ) {}

  ownerOf(room: string, clientId: number): string | undefined {
    let owners = this.cache.get(room);
    if (!owners) this.cache.set(room, (owners = new Map()));
    let owner = owners.get(clientId);
    if (owner === undefined) {
      owner = this.deps.store.hubTables.clientOwner(room, clientId);
      if (owner !== undefined) owners.set(clientId, owner);
    }
    return owner;
  }

  /** Binds the ids nobody owns yet to this invitation (ids owned already are left as they are). */
  bind(room: string, clientIds: Iterable<number>, invitationId: string): void {
    const unbound = [...clientIds].filter((id) => this.ownerOf(room, id) === undefined);
    if (unbound.length === 0) return;
    this.deps.store.hubTables.bindClients(room, unbound, invitationId, this.deps.now());
    for (const id of unbound) this.cache.get(room)!.set(id, invitationId);
    this.deps.onBound?.(room, unbound, invitationId);
  }

  /** Forgets a room's cache when nobody is in it. */
  forget(room: string): void {
    this.cache.delete(room);
  }
}
