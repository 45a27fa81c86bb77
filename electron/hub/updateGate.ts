import * as Y from 'yjs';

/**
 * What one update may carry. The largest honest updates (a first publication, a restore of 1,000
 * paragraphs, a week of offline work: tests/unit/electron/hub/updateGate.test.ts measures them)
 * stay far below these; a crafted one above them is refused before Yjs reads it.
 */
export interface UpdateLimits {
  /** Bytes of one update. */
  maxBytes: number;
  /** Structs (items, deletions kept as GC, gaps) of one update. */
  maxStructs: number;
  /** Ranges of one update's delete set. */
  maxDeleteRanges: number;
  /**
   * How deep a shared type may sit below its root (root map → entry → its text is 2). Accord's
   * documents nest 4 deep at most; Yjs deletes nested types recursively, so a crafted nesting of
   * thousands overflows the stack inside the room's transaction.
   */
  maxDepth: number;
  /**
   * Items Yjs must place by searching among others (the room holds many items between the place it
   * was typed at and its right neighbour, or it is anchored only to the item typed just after it).
   * Yjs's search is linear in those items, so a few thousand such items against a long text cost
   * seconds (tests/bench). Honest typing anchors each character to the one before it.
   */
  maxSearchedItems: number;
  /** Steps walked to tell whether an item needs such a search. */
  searchSteps: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxStructs: 200_000,
  maxDeleteRanges: 200_000,
  maxDepth: 16,
  maxSearchedItems: 4,
  searchSteps: 256,
};

export type Inspection =
  /** Refused whatever the room holds: the connection that sent it is closed. */
  | { verdict: 'invalid'; reason: string }
  | {
      verdict: 'readable';
      /** Client ids under which it adds structs the room does not hold yet. */
      writers: Set<number>;
      /**
       * Client ids whose items, clocks or deletions it refers to although the room has not seen
       * them. Yjs would hold such an update back in memory and place it whenever they arrive,
       * which is how forgeries anchored to someone's next change get in: it is not applied.
       */
      waitsFor: Set<number>;
      /** Whether it adds or deletes anything at all (an answer to our state vector is often empty). */
      changes: boolean;
    };

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** Depth of a type not reached yet (resolved on demand). */
const UNKNOWN = -1;
/** Refers to something neither the room nor the update holds. */
const MISSING = -2;

/**
 * Reads an update once, before it is applied to `doc`, in time linear in its size (the doc's side
 * is looked up by binary search, and each type's depth walked at most `maxDepth` steps, memoised):
 * its size, how deep its types would nest, and whether everything it refers to is there.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits = DEFAULT_UPDATE_LIMITS): Inspection {
  if (update.byteLength > limits.maxBytes) return { verdict: 'invalid', reason: `update of ${update.byteLength} bytes (limit ${limits.maxBytes})` };
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { verdict: 'invalid', reason: `unreadable update (${String(error)})` };
  }
  const { structs, ds } = decoded;
  if (structs.length > limits.maxStructs) return { verdict: 'invalid', reason: `${structs.length} structs (limit ${limits.maxStructs})` };
  let deleteRanges = 0;
  for (const ranges of ds.clients.values()) deleteRanges += ranges.length;
  if (deleteRanges > limits.maxDeleteRanges) return { verdict: 'invalid', reason: `${deleteRanges} deleted ranges (limit ${limits.maxDeleteRanges})` };

  // The update's structs of each client, in clock order, for lookups by id.
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  const known = (client: number) => Y.getState(doc.store, client);

  const writers = new Set<number>();
  // The clients whose changes are missing (a gap in their clocks, an anchor nobody sent).
  const waitsFor = new Set<number>();
  // Each client's structs must follow on from what the room holds, without a gap.
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    let next = known(client);
    for (const struct of list) {
      if (struct.id.clock > next) {
        waitsFor.add(client);
        break;
      }
      const end = struct.id.clock + struct.length;
      if (end > next) {
        next = end;
        writers.add(client);
      }
    }
  }

  const inUpdate = (id: Y.ID): Struct | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };

  // Depth of a type held by the room: its ancestors walked up, at most maxDepth + 1 of them.
  const docTypeDepth = new Map<Y.AbstractType<unknown>, number>();
  const depthInDoc = (type: Y.AbstractType<unknown>): number => {
    const path: Y.AbstractType<unknown>[] = [];
    let current = type;
    let depth: number;
    for (;;) {
      const cached = docTypeDepth.get(current);
      if (cached !== undefined) {
        depth = cached;
        break;
      }
      const item: Y.Item | null = current._item;
      if (!item) {
        depth = 0;
        docTypeDepth.set(current, 0);
        break;
      }
      path.push(current);
      // Too deep already: how much deeper does not matter.
      if (path.length > limits.maxDepth) return limits.maxDepth + 1;
      current = item.parent as Y.AbstractType<unknown>;
    }
    for (let i = path.length - 1; i >= 0; i -= 1) {
      depth += 1;
      docTypeDepth.set(path[i]!, depth);
    }
    return depth;
  };

  /** The depth of the type a struct of the update sits in, 0 for a root's own entries. */
  const containerDepth = new Map<Struct, number>();
  /** The depth of the type inside an item at `id` (the item's container + 1), or MISSING. */
  const typeDepthAt = (id: Y.ID, resolveInUpdate: (s: Struct) => number): number => {
    if (id.clock < known(id.client)) {
      const item = Y.getItem(doc.store, id);
      // A collected item holds no type: what is placed in it is discarded by Yjs.
      if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentType)) return 0;
      return depthInDoc(item.content.type as Y.AbstractType<unknown>);
    }
    const struct = inUpdate(id);
    if (!struct) {
      waitsFor.add(id.client);
      return MISSING;
    }
    const depth = resolveInUpdate(struct);
    return depth < 0 ? depth : depth + 1;
  };
  /** The depth of the container a neighbour at `id` sits in, or MISSING. */
  const neighbourDepthAt = (id: Y.ID, resolveInUpdate: (s: Struct) => number): number => {
    if (id.clock < known(id.client)) {
      const item = Y.getItem(doc.store, id);
      if (!(item instanceof Y.Item)) return 0;
      const parent = item.parent as Y.AbstractType<unknown> | null;
      return parent ? depthInDoc(parent) : 0;
    }
    const struct = inUpdate(id);
    if (struct) return resolveInUpdate(struct);
    waitsFor.add(id.client);
    return MISSING;
  };

  // Resolves depths without recursion: a chain of items each anchored to the next one in the
  // update (the shape of a crafted quadratic update) is walked once, iteratively.
  /** The struct of the update the last depthOf call found unresolved, if any. */
  let pending: Struct | undefined;
  const lookup = (s: Struct): number => {
    const depth = containerDepth.get(s);
    if (depth !== undefined) return depth;
    pending = s;
    return UNKNOWN;
  };
  const depthOf = (struct: Struct): number => {
    pending = undefined;
    let depth: number;
    if (!(struct instanceof Y.Item) || typeof struct.parent === 'string') depth = 0;
    else if (struct.parent instanceof Y.ID) depth = typeDepthAt(struct.parent, lookup);
    else {
      // No parent written: it sits where the neighbour it was inserted beside sits.
      const neighbour = struct.origin ?? struct.rightOrigin;
      if (neighbour) depth = neighbourDepthAt(neighbour, lookup);
      else {
        // Nothing places it: Yjs cannot integrate it, and nobody can send what would.
        waitsFor.add(struct.id.client);
        return MISSING;
      }
    }
    // Its own anchors must exist too, or Yjs holds it back.
    if (depth !== MISSING && struct instanceof Y.Item) {
      const { origin, rightOrigin } = struct;
      if (origin && origin.clock >= known(origin.client) && !inUpdate(origin)) {
        waitsFor.add(origin.client);
        depth = MISSING;
      }
      if (rightOrigin && rightOrigin.clock >= known(rightOrigin.client) && !inUpdate(rightOrigin)) {
        waitsFor.add(rightOrigin.client);
        depth = MISSING;
      }
    }
    return depth;
  };

  // Resolves depths without recursion: a chain of items each anchored to the next one in the
  // update is walked once, iteratively. Most structs resolve at once, without the stack.
  const resolve = (start: Struct): number => {
    const done = containerDepth.get(start);
    if (done !== undefined) return done;
    const direct = depthOf(start);
    if (direct !== UNKNOWN || !pending) {
      containerDepth.set(start, direct);
      return direct;
    }
    const stack: Struct[] = [start];
    const onStack = new Set<Struct>([start]);
    while (stack.length > 0) {
      const struct = stack[stack.length - 1]!;
      if (containerDepth.has(struct)) {
        stack.pop();
        onStack.delete(struct);
        continue;
      }
      let depth = depthOf(struct);
      const waitingOn = pending as Struct | undefined;
      if (depth === UNKNOWN && waitingOn) {
        if (onStack.has(waitingOn)) {
          waitsFor.add(struct.id.client);
          depth = MISSING;
        } else {
          stack.push(waitingOn);
          onStack.add(waitingOn);
          continue;
        }
      }
      containerDepth.set(struct, depth);
      stack.pop();
      onStack.delete(struct);
    }
    return containerDepth.get(start)!;
  };

  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) return { verdict: 'invalid', reason: 'a subdocument (Accord uses none)' };
    const depth = resolve(struct);
    if (depth === MISSING) continue;
    const typeDepth = struct instanceof Y.Item && struct.content instanceof Y.ContentType ? depth + 1 : depth;
    if (typeDepth > limits.maxDepth) return { verdict: 'invalid', reason: `types nested deeper than ${limits.maxDepth}` };
  }

  const searched = countSearchedItems(doc, structs, known, limits);
  if (searched > limits.maxSearchedItems) {
    return { verdict: 'invalid', reason: `more than ${limits.maxSearchedItems} items Yjs would have to search a place for` };
  }

  // Deletions aimed at clocks neither the room nor the update holds are kept by Yjs until those
  // items arrive, and then delete them: someone's future changes, deleted in advance.
  let deletes = false;
  for (const [client, ranges] of ds.clients) {
    const list = byClient.get(client);
    const last = list?.[list.length - 1];
    const reach = Math.max(known(client), last ? last.id.clock + last.length : 0);
    const held = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      if (clock + len > reach) waitsFor.add(client);
      // Every sync step 2 carries the sender's whole delete set: only deleting what the room still
      // shows is a change (what the update itself adds is counted with its writers).
      if (deletes || clock >= known(client)) continue;
      for (let i = Y.findIndexSS(held, clock); i < held.length && held[i]!.id.clock < clock + len; i += 1) {
        if (!held[i]!.deleted) {
          deletes = true;
          break;
        }
      }
    }
  }
  return { verdict: 'readable', writers, waitsFor, changes: writers.size > 0 || deletes };
}

/**
 * How many of the update's new items Yjs would place by a search through the room's items (its
 * conflict resolution), counted until the limit is passed. An item anchored to an item of the same
 * update that precedes it (ordinary typing) is placed directly; one anchored only on its right to
 * such an item, or to room items with many items between them, is searched.
 */
function countSearchedItems(doc: Y.Doc, structs: Struct[], known: (client: number) => number, limits: UpdateLimits): number {
  let searched = 0;
  const inRoom = (id: Y.ID | null) => id === null || id.clock < known(id.client);
  // Ids outside the room (items of this update, or missing ones) hold nothing to search through.
  const itemAt = (id: Y.ID): Y.Item | null => {
    if (!inRoom(id)) return null;
    const struct = Y.getItem(doc.store, id);
    return struct instanceof Y.Item ? struct : null;
  };
  /** Items of this update placed without a search, by id, for the items anchored to them. */
  const placedDirectly = new Map<string, Y.Item>();
  const key = (client: number, clock: number) => `${client}:${clock}`;
  // A right anchor names the first character of the item typed after: that item's own id.
  const placedAt = (id: Y.ID): Y.Item | undefined => placedDirectly.get(key(id.client, id.clock));
  for (const struct of structs) {
    if (searched > limits.maxSearchedItems) break;
    if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= known(struct.id.client)) continue;
    const direct = () => placedDirectly.set(key(struct.id.client, struct.id.clock), struct);
    // Typed after an item of this update: placed right after it.
    if (!inRoom(struct.origin)) {
      direct();
      continue;
    }
    if (!inRoom(struct.rightOrigin)) {
      // Typed before an item of this update: as cheap as that item was, if both sit in one gap.
      const right = placedAt(struct.rightOrigin!);
      if (right && sameId(right.origin, struct.origin)) direct();
      else searched += 1;
      continue;
    }
    const right = struct.rightOrigin ? itemAt(struct.rightOrigin) : null;
    let steps = 0;
    if (struct.parentSub !== null) {
      // A map entry set without naming the value it replaces is searched among all earlier ones.
      if (struct.origin !== null) continue;
      const parent = typeof struct.parent === 'string' ? doc.share.get(struct.parent) : struct.parent instanceof Y.ID ? typeInside(itemAt(struct.parent)) : null;
      for (let o = parent?._map.get(struct.parentSub) ?? null; o !== null && steps <= limits.searchSteps; o = o.left) steps += 1;
    } else {
      let start: Y.Item | null;
      if (struct.origin) start = itemAt(struct.origin)?.right ?? null;
      else {
        const parent =
          typeof struct.parent === 'string'
            ? doc.share.get(struct.parent)
            : struct.parent instanceof Y.ID
              ? typeInside(itemAt(struct.parent))
              : ((right?.parent as Y.AbstractType<unknown> | null) ?? null);
        start = parent?._start ?? null;
      }
      for (let o = start; o !== null && o !== right && steps <= limits.searchSteps; o = o.right) steps += 1;
    }
    if (steps > limits.searchSteps) searched += 1;
    else direct();
  }
  return searched;
}

const sameId = (a: Y.ID | null, b: Y.ID | null) => (a === null ? b === null : b !== null && a.client === b.client && a.clock === b.clock);

function typeInside(item: Y.Item | null): Y.AbstractType<unknown> | null {
  return item && item.content instanceof Y.ContentType ? (item.content.type as Y.AbstractType<unknown>) : null;
}
