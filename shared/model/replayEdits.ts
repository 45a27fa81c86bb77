import * as Y from 'yjs';

/**
 * Replays, on one doc, the edits another doc's history made between two of its states, as new
 * changes: what a laptop does when the hub refused one of its changes. Its copy of the document
 * is rebuilt from the hub's, without the refused change, and what the user did after it (typing
 * that may sit right after the refused words, in the same paragraph) is carried over.
 *
 * Things are matched by identity, never by reading alike: a character, an array element or a
 * nested map is "the same" when it is the same Yjs item in both docs, or when an earlier replay
 * carried it over (`carried`, ids in the replayed history → ids in the target; pass the same map
 * to replay one history in several steps). So an edit lands where it was made even if the text
 * around it reads differently, and an edit that only touched what the target never had (inside
 * the refused change) has nowhere to go and is left out: it stays in what was set aside.
 */
export function replayEdits(target: Y.Doc, before: Y.Doc, after: Y.Doc, carried: Map<string, string> = new Map()): void {
  const replay = new Replay(target, carried);
  target.transact(() => {
    for (const [name, type] of after.share) {
      const kind = kindOf(type);
      if (kind === null) continue;
      const then = before.share.has(name) ? rootOf(before, name, kind) : null;
      replay.type(rootOf(target, name, kind), then, rootOf(after, name, kind));
    }
  });
}

type Kind = 'map' | 'text' | 'array';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types differ only in their event type
type AnyType = Y.AbstractType<any>;

/** A root's kind, read from what it holds when nobody has asked for it with a type yet. */
function kindOf(type: AnyType): Kind | null {
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Array) return 'array';
  if (type._map.size > 0) return 'map';
  const first = type._start;
  if (!first) return null;
  return first.content instanceof Y.ContentString || first.content instanceof Y.ContentFormat ? 'text' : 'array';
}

function rootOf(doc: Y.Doc, name: string, kind: Kind): AnyType {
  return kind === 'map' ? doc.getMap(name) : kind === 'text' ? doc.getText(name) : doc.getArray(name);
}

const idOf = (id: Y.ID): string => `${id.client}:${id.clock}`;

/** Whether two nested types are the same Yjs item (roots are matched by name, above). */
function sameType(a: unknown, b: unknown): boolean {
  if (!(a instanceof Y.AbstractType) || !(b instanceof Y.AbstractType) || a.constructor !== b.constructor) return false;
  return a._item !== null && b._item !== null && idOf(a._item.id) === idOf(b._item.id);
}

/** One replay: what it carried over so far, by id, so later edits that build on it find it. */
class Replay {
  constructor(
    private readonly target: Y.Doc,
    private readonly carried: Map<string, string>,
  ) {}

  type(target: AnyType, before: AnyType | null, after: AnyType): void {
    if (target instanceof Y.Map && after instanceof Y.Map) this.map(target, before instanceof Y.Map ? before : null, after);
    else if (target instanceof Y.Text && after instanceof Y.Text) this.text(target, before instanceof Y.Text ? before : null, after);
    else if (target instanceof Y.Array && after instanceof Y.Array) this.array(target, before instanceof Y.Array ? before : null, after);
  }

  /** The id a thing of the replayed history has in the target: its own, or that of its carried-over copy. */
  private idHere(id: string): string {
    return this.carried.get(id) ?? id;
  }

  /** Whether `here` (the target's) is `there` (the replayed history's) or its carried-over copy. */
  private same(here: unknown, there: unknown): boolean {
    if (!(here instanceof Y.AbstractType) || !(there instanceof Y.AbstractType) || here.constructor !== there.constructor) return false;
    return here._item !== null && there._item !== null && idOf(here._item.id) === this.idHere(idOf(there._item.id));
  }

  /** Made since `before`, by the history being replayed: never in the target, nor carried over yet. */
  private made(id: string, before: ReadonlySet<string> | ReadonlyMap<string, unknown>): boolean {
    return !before.has(id) && !this.carried.has(id) && isNew(this.target, id);
  }

  private map(target: Y.Map<unknown>, before: Y.Map<unknown> | null, after: Y.Map<unknown>): void {
    for (const [key, value] of after.entries()) {
      const then = before?.has(key) ? before.get(key) : undefined;
      if (value instanceof Y.AbstractType) {
        const now = target.get(key);
        if (sameType(value, then)) {
          if (this.same(now, value)) this.type(now as AnyType, then as AnyType, value);
        } else if (!this.same(now, value)) {
          // Made after the refusal: a copy of it, since the original's id belongs to a history the hub does not take.
          const copy = copyOf(value);
          if (copy === undefined) continue;
          target.set(key, copy);
          this.carry(value, copy);
        }
      } else if (!(before?.has(key) ?? false) || !sameValue(value, then)) {
        if (!target.has(key) || !sameValue(value, target.get(key))) target.set(key, value);
      }
    }
    if (!before) return;
    for (const [key, then] of before.entries()) {
      if (after.has(key) || !target.has(key)) continue;
      const now = target.get(key);
      // Deleted since: gone from the target too, unless the target's value is another one altogether.
      if (then instanceof Y.AbstractType ? this.same(now, then) : sameValue(then, now)) target.delete(key);
    }
  }

  /** Records the ids of a copy (just integrated) against those of its original, throughout. */
  private carry(original: AnyType, copy: AnyType): void {
    if (original._item && copy._item) this.carried.set(idOf(original._item.id), idOf(copy._item.id));
    if (original instanceof Y.Text && copy instanceof Y.Text) {
      const copied = liveChars(copy);
      liveChars(original).forEach((c, i) => copied[i] && this.carried.set(c.id, copied[i].id));
    } else if (original instanceof Y.Map && copy instanceof Y.Map) {
      for (const [key, value] of original.entries()) {
        const inner = copy.get(key);
        if (value instanceof Y.AbstractType && inner instanceof Y.AbstractType) this.carry(value, inner);
      }
    } else if (original instanceof Y.Array && copy instanceof Y.Array) {
      const copied = liveElements(copy);
      liveElements(original).forEach((e, i) => {
        const inner = copied[i];
        if (!inner) return;
        this.carried.set(e.id, inner.id);
        if (e.value instanceof Y.AbstractType && inner.value instanceof Y.AbstractType) this.carry(e.value, inner.value);
      });
    }
  }

  private text(target: Y.Text, before: Y.Text | null, after: Y.Text): void {
    const then = before ? liveChars(before) : [];
    const now = liveChars(after);
    const thenIndex = indexById(then);
    const nowIndex = indexById(now);

    // Deleted since: deleted in the target too, from the end, so the indices still to do stay right.
    const deleted = new Set(then.filter((c) => !nowIndex.has(c.id)).map((c) => this.idHere(c.id)));
    let here = liveChars(target);
    for (let end = here.length; end > 0; ) {
      if (!deleted.has(here[end - 1]!.id)) {
        end -= 1;
        continue;
      }
      let start = end - 1;
      while (start > 0 && deleted.has(here[start - 1]!.id)) start -= 1;
      target.delete(start, end - start);
      end = start;
    }

    // Formatted since: the same change of attributes on the same characters.
    here = liveChars(target);
    const hereIndex = indexById(here);
    for (const c of now) {
      const old = thenIndex.has(c.id) ? then[thenIndex.get(c.id)!]! : null;
      const at = hereIndex.get(this.idHere(c.id));
      if (!old || at === undefined || sameAttributes(old.attributes, c.attributes)) continue;
      target.format(at, 1, formatChange(old.attributes, c.attributes));
    }

    // Typed since: each stretch goes after the nearest character before it that the target has.
    let anchor: string | null = null;
    for (let i = 0; i < now.length; ) {
      if (!this.made(now[i]!.id, thenIndex)) {
        if (hereIndex.has(this.idHere(now[i]!.id))) anchor = this.idHere(now[i]!.id);
        i += 1;
        continue;
      }
      const start = i;
      while (i < now.length && this.made(now[i]!.id, thenIndex)) i += 1;
      here = liveChars(target);
      const at: number = anchor === null ? 0 : here.findIndex((h) => h.id === anchor) + 1;
      let offset = at;
      for (let run = start; run < i; ) {
        let end = run + 1;
        while (end < i && sameAttributes(now[end]!.attributes, now[run]!.attributes)) end += 1;
        const words = now
          .slice(run, end)
          .map((c) => c.char)
          .join('');
        target.insert(offset, words, now[run]!.attributes);
        offset += words.length;
        run = end;
      }
      // What was just inserted is the target's own: the next stretch follows it, and a later
      // replay of the same history finds it under the ids it had there.
      const inserted = liveChars(target).slice(at, offset);
      inserted.forEach((c, k) => this.carried.set(now[start + k]!.id, c.id));
      anchor = inserted.at(-1)!.id;
      for (const c of inserted) hereIndex.set(c.id, -1);
    }
  }

  private array(target: Y.Array<unknown>, before: Y.Array<unknown> | null, after: Y.Array<unknown>): void {
    const then = before ? liveElements(before) : [];
    const now = liveElements(after);
    const thenById = new Map(then.map((e) => [e.id, e.value]));
    const gone = new Set(then.filter((e) => !now.some((n) => n.id === e.id)).map((e) => this.idHere(e.id)));
    const here = liveElements(target);
    for (let i = here.length - 1; i >= 0; i -= 1) if (gone.has(here[i]!.id)) target.delete(i, 1);

    let current = liveElements(target);
    let anchor: string | null = null;
    for (const element of now) {
      const id = this.idHere(element.id);
      const at = current.findIndex((e) => e.id === id);
      if (at !== -1) {
        anchor = id;
        const old = thenById.get(element.id);
        if (element.value instanceof Y.AbstractType && sameType(element.value, old)) this.type(current[at]!.value as AnyType, old as AnyType, element.value);
        continue;
      }
      if (!this.made(element.id, thenById)) continue;
      const value = element.value instanceof Y.AbstractType ? copyOf(element.value) : element.value;
      if (value === undefined) continue;
      const index = anchor === null ? 0 : current.findIndex((e) => e.id === anchor) + 1;
      target.insert(index, [value]);
      current = liveElements(target);
      anchor = current[index]!.id;
      this.carried.set(element.id, anchor);
      if (element.value instanceof Y.AbstractType && value instanceof Y.AbstractType) this.carry(element.value, value);
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new type holding what `type` holds (a prelim, integrated when set into a doc). */
function copyOf(type: AnyType): AnyType | undefined {
  if (type instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    for (const [key, value] of type.entries()) {
      const inner = value instanceof Y.AbstractType ? copyOf(value) : value;
      if (inner !== undefined) copy.set(key, inner);
    }
    return copy;
  }
  if (type instanceof Y.Text) {
    const copy = new Y.Text();
    copy.applyDelta(type.toDelta());
    return copy;
  }
  if (type instanceof Y.Array) {
    const copy = new Y.Array<unknown>();
    copy.push(type.toArray().flatMap((value) => (value instanceof Y.AbstractType ? (copyOf(value) ?? []) : [value])));
    return copy;
  }
  return undefined;
}

/** One character a Y.Text shows, with the id Yjs gave it and the attributes in force there. */
export interface LiveChar {
  id: string;
  char: string;
  attributes: Record<string, unknown>;
}

/** Attributes without the keys that mean "not set". */
function setAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== null && value !== undefined && value !== false) set[key] = value;
  return set;
}

/** The characters a Y.Text shows, each with its item id: the same character has the same id in every copy of the doc. */
export function liveChars(text: Y.Text): LiveChar[] {
  const chars: LiveChar[] = [];
  let attributes: Record<string, unknown> = {};
  for (let item = text._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentFormat) {
      if (!item.deleted) attributes = setAttributes({ ...attributes, [item.content.key]: item.content.value });
      continue;
    }
    if (item.deleted || !item.countable) continue;
    const content = item.content instanceof Y.ContentString ? item.content.str : '\uFFFC';
    for (let i = 0; i < content.length; i += 1) chars.push({ id: `${item.id.client}:${item.id.clock + i}`, char: content[i]!, attributes });
  }
  return chars;
}

function sameAttributes(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}

/** What to pass to Y.Text.format to turn attributes `from` into `to`. */
function formatChange(from: Record<string, unknown>, to: Record<string, unknown>): Record<string, unknown> {
  const change: Record<string, unknown> = { ...to };
  for (const key of Object.keys(from)) if (!(key in to)) change[key] = null;
  return change;
}

function indexById(chars: ReadonlyArray<LiveChar>): Map<string, number> {
  return new Map(chars.map((c, i) => [c.id, i]));
}

/** A character (or element) the target has never held: one made in the history being replayed. */
function isNew(target: Y.Doc, id: string): boolean {
  const [client, clock] = id.split(':').map(Number) as [number, number];
  return Y.getState(target.store, client) <= clock;
}

/** The elements an array shows, each with its item id. */
function liveElements(array: Y.Array<unknown>): Array<{ id: string; value: unknown }> {
  const elements: Array<{ id: string; value: unknown }> = [];
  for (let item = array._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const values = item.content.getContent();
    for (let i = 0; i < values.length; i += 1) elements.push({ id: `${item.id.client}:${item.id.clock + i}`, value: values[i] });
  }
  return elements;
}

