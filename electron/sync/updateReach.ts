import * as Y from 'yjs';
import type { AppStore } from '../storage/appStore';

export type StateVector = Map<number, number>;

/**
 * The clocks an update reaches, per client: it is confirmed once the hub's clocks reach them too.
 * (Not encodeStateVectorFromUpdate: it leaves out every client whose structs do not start at 0.)
 */
export const reachOf = (update: Uint8Array): StateVector => Y.parseUpdateMeta(update).to;

export const covered = (reach: StateVector, hub: StateVector): boolean =>
  [...reach].every(([client, clock]) => (hub.get(client) ?? 0) >= clock);

/**
 * For compaction: which stored updates a document's hub is known to hold. Null when the document
 * syncs with no hub, so everything in its log is settled. Updates the hub has not confirmed stay
 * apart in the log, so the count of unconfirmed changes read from it stays true.
 */
export function hubSettlement(store: AppStore): (docId: string) => ((update: Uint8Array) => boolean) | null {
  return (docId) => {
    const stored = store.getDoc(docId);
    const meetingId = stored?.kind === 'meeting' ? stored.id : stored?.meetingId;
    if (!meetingId || !store.getRemote(meetingId)) return null;
    const encoded = store.hubStateVector(docId);
    const hub: StateVector = encoded ? Y.decodeStateVector(encoded) : new Map();
    return (update) => covered(reachOf(update), hub);
  };
}
