import type { ClientOwner } from '../../shared/model/clientOwners';
import type { InvitationRecord } from '../../shared/model/invitation';
import type { HubStore } from '../storage/hubTables';

/**
 * Which invitation owns each Yjs client id of a room: the first connection to write structs under
 * an id binds it, the binding is kept in the hub's registry (so a hub restored from backup restores
 * its bindings with its rooms), and nobody else adds structs under that id afterwards.
 *
 * A meeting that moved here from another hub brings that hub's record of owners in its secretariat
 * doc (shared/model/clientOwners.ts), which only the secretariat writes. An id this hub has not
 * bound yet but the record names is bound only by an invitation of the role and delegation named:
 * a delegate's words written offline under it keep their author, and nobody else can take the id
 * first and write under a name the record already vouches for.
 */
export class ClientOwners {
  private readonly cache = new Map<string, Map<number, string>>();

  constructor(
    private readonly deps: {
      store: HubStore;
      now: () => number;
      /** Told of every new binding, to publish it to the meeting (hubServer writes it to the secretariat doc). */
      onBound?: (room: string, clientIds: number[], invitationId: string) => void;
      /** The owner the meeting's record names for an id of this room (from the hub it moved from). */
      recorded?: (room: string, clientId: number) => ClientOwner | undefined;
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

  /** Whether this invitation may write under this id: it owns it, or nobody does and the record names nobody else. */
  mayWrite(room: string, clientId: number, invitation: Pick<InvitationRecord, 'id' | 'role' | 'delegation'>): boolean {
    const owner = this.ownerOf(room, clientId);
    if (owner !== undefined) return owner === invitation.id;
    const recorded = this.deps.recorded?.(room, clientId);
    return recorded === undefined || (recorded.role === invitation.role && (recorded.delegation ?? null) === (invitation.delegation ?? null));
  }

  /** Binds to this invitation the ids nobody owns yet that the record does not name for someone else. */
  bind(room: string, clientIds: Iterable<number>, invitation: Pick<InvitationRecord, 'id' | 'role' | 'delegation'>): void {
    const unbound = [...clientIds].filter((id) => this.ownerOf(room, id) === undefined && this.mayWrite(room, id, invitation));
    if (unbound.length === 0) return;
    this.deps.store.hubTables.bindClients(room, unbound, invitation.id, this.deps.now());
    for (const id of unbound) this.cache.get(room)!.set(id, invitation.id);
    this.deps.onBound?.(room, unbound, invitation.id);
  }

  /** Forgets a room's cache when nobody is in it. */
  forget(room: string): void {
    this.cache.delete(room);
  }
}
