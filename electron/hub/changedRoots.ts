import * as Y from 'yjs';

/** A change whose place could not be found: it refers to items neither the doc nor the update holds. */
export const UNPLACED = Symbol('unplaced');

export type ChangedRoot = string | typeof UNPLACED;

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** Longer than any real nesting; a crafted chain of references stops here as unplaced. */
const MAX_DEPTH = 256;

/**
 * The top-level shared types ('root', 'clauseStatus', 'templates', …) an update would change in
 * `doc`, read from the update before it is applied: items it inserts and items it deletes. An
 * item names its parent only when it has no neighbour; otherwise it shares its left or right
 * neighbour's parent, which may be in the doc or earlier in the same update.
 *
 * A change that refers to items nobody has sent is UNPLACED: Yjs itself cannot integrate it
 * until they arrive, and each of those would be judged on its own when it does.
 */
export function changedRoots(doc: Y.Doc, update: Uint8Array): Set<ChangedRoot> {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, DecodedStruct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }

  const inUpdate = (id: Y.ID): DecodedStruct | undefined =>
    byClient.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);

  const rootOfDocType = (type: Y.AbstractType<unknown>): ChangedRoot => {
    let current = type;
    for (let depth = 0; current._item !== null; depth += 1) {
      if (depth > MAX_DEPTH) return UNPLACED;
      current = current._item.parent as Y.AbstractType<unknown>;
    }
    try {
      return Y.findRootTypeKey(current);
    } catch {
      return UNPLACED;
    }
  };

  const rootOfId = (id: Y.ID, depth: number): ChangedRoot => {
    if (depth > MAX_DEPTH) return UNPLACED;
    if (id.clock < Y.getState(doc.store, id.client)) {
      const struct = Y.getItem(doc.store, id);
      // Garbage-collected content no longer knows its parent; nothing can attach to it either.
      return struct instanceof Y.Item ? rootOfDocType(struct.parent as Y.AbstractType<unknown>) : UNPLACED;
    }
    const decoded = inUpdate(id);
    return decoded instanceof Y.Item ? rootOfDecoded(decoded, depth + 1) : UNPLACED;
  };

  const rootOfDecoded = (item: Y.Item, depth: number): ChangedRoot => {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return parent;
    if (parent instanceof Y.ID) return rootOfId(parent, depth);
    // No parent written: it is the parent of the neighbour it was inserted next to.
    const neighbour = item.origin ?? item.rightOrigin;
    return neighbour ? rootOfId(neighbour, depth) : UNPLACED;
  };

  const roots = new Set<ChangedRoot>();
  for (const struct of structs) {
    if (struct instanceof Y.Item) roots.add(rootOfDecoded(struct, 0));
  }
  // Deletions of the update's own items are already counted with the items.
  for (const [client, ranges] of ds.clients) {
    const known = Y.getState(doc.store, client);
    const docStructs = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (clock < known) {
        for (let i = Y.findIndexSS(docStructs, clock); i < docStructs.length && docStructs[i]!.id.clock < end; i += 1) {
          const struct = docStructs[i]!;
          // Deleting what is already gone changes nothing.
          if (struct instanceof Y.Item && !struct.deleted) roots.add(rootOfDocType(struct.parent as Y.AbstractType<unknown>));
        }
      }
    }
  }
  return roots;
}
