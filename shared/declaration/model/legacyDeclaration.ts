import * as Y from 'yjs';

/**
 * Reads a declaration as the current release stores it: the Y.Doc layout written by Lexical's
 * Yjs binding (`@lexical/yjs` "v1") under the root name 'root'. The new declaration model is
 * built from what this returns, so it must keep working after @lexical/yjs and Lexical's node
 * classes are gone from declarations: it depends on nothing but `yjs`.
 *
 * The layout, as the binding writes it:
 * - An element node (paragraph, clause, list, bracket, mark, …) is a `Y.XmlText` embedded in its
 *   parent's XmlText, its node properties stored as attributes under their field names
 *   (`__type`, `__clauseId`, `__tag`, `__listType`, `__ids`, `__proposers`, …).
 * - A text node (text, accord-field, tab) is a `Y.Map` of its properties (`__type`, `__format`,
 *   …) embedded in the parent, followed by its characters in the parent's own text.
 * - A line break is a `Y.Map` holding only `__type: 'linebreak'`, with no characters.
 * - A decorator would be a `Y.XmlElement`; declarations have none.
 *
 * Peers write this doc, so nothing in it is trusted: every value is checked before it is used,
 * anything unknown reads as plain paragraphs or plain text, and characters are never dropped,
 * even where Lexical itself would drop them (characters not preceded by a text node's map).
 *
 * Runs are merged when they are adjacent in one block and read the same, except a field's run:
 * two blanks side by side stay two blanks.
 */

export interface LegacyBracketRef {
  bracketId: string;
  alternativeId: string;
  proposers: string[];
}

export interface LegacyRun {
  /** The characters; a line break is '\n' and a tab '\t', each as a run (or part of one) of its own. */
  text: string;
  /** Lexical's text format bitmask (bold 1, italic 2, …), 0 for line breaks. */
  format: number;
  /** True for a template blank (accord-field token). */
  field: boolean;
  /** Comment thread ids of every mark the run is inside, sorted, deduplicated. */
  marks: string[];
  /** The bracket alternative the run is inside, if any (an alternative outside a bracket is plain text). */
  bracket: LegacyBracketRef | null;
}

export type LegacyBlockKind =
  | 'title'
  | 'opening'
  | 'pp'
  | 'operative-opening'
  | 'op'
  | 'sub'
  | 'adoption'
  | 'paragraph'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'quote'
  | 'bullet'
  | 'number';

export interface LegacyBlock {
  kind: LegacyBlockKind;
  clauseId: string | null;
  runs: LegacyRun[];
}

/** Root of the Lexical content in a declaration's Y.Doc (the @lexical/yjs default). */
const LEGACY_ROOT = 'root';

/**
 * True when the doc holds content written by the @lexical/yjs v1 binding under 'root': its root
 * holds at least one node or character. A fresh doc, or one holding only other shared types, has
 * none.
 */
export function hasLegacyDeclaration(doc: Y.Doc): boolean {
  const root = legacyRoot(doc);
  return root !== null && contentOf(root).some((item) => typeof item === 'string' || item instanceof Y.AbstractType);
}

/**
 * The declaration's blocks in reading order; [] for a doc with no legacy content. Never throws on
 * malformed or hostile content: unknown types read as plain paragraphs/text, nothing that holds
 * characters is dropped.
 */
export function readLegacyDeclaration(doc: Y.Doc): LegacyBlock[] {
  const root = legacyRoot(doc);
  return root === null ? [] : new LegacyReader(false).read(root);
}

/** A block with what names it across edits of the old layout. */
export interface KeyedLegacyBlock extends LegacyBlock {
  /**
   * The Yjs id of the element the block was read from (with `#n` for the n-th further block read
   * from the same element): the same in every state of the doc that still holds that element, so
   * a paragraph keeps its name while its words change. Null for stray content outside any element.
   */
  key: string | null;
}

/** As readLegacyDeclaration, each block with its key. */
export function readKeyedLegacyDeclaration(doc: Y.Doc): KeyedLegacyBlock[] {
  const root = legacyRoot(doc);
  return root === null ? [] : (new LegacyReader(true).read(root) as KeyedLegacyBlock[]);
}

// ---------------------------------------------------------------------------------------------
// Reaching the root without changing the doc

/**
 * The root XmlText, or null when the doc has none. `doc.get('root', Y.XmlText)` cannot be used on
 * the doc itself: with no root it would create one, and a root that arrived in an update before
 * anyone asked for it is held untyped, so asking would retype it in place (a later
 * `doc.getMap('root')` would then throw, and observers of the untyped root would go quiet).
 * A root already typed XmlText (a bound editor asked for it) is read as it is; otherwise the
 * root is read from a private copy of the doc, where typing it disturbs nobody.
 */
function legacyRoot(doc: Y.Doc): Y.XmlText | null {
  const shared = doc.share.get(LEGACY_ROOT);
  if (shared === undefined) return null;
  if (shared instanceof Y.XmlText) return shared;
  // Only read: collecting the copy's deleted content would be work for nothing.
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy.get(LEGACY_ROOT, Y.XmlText);
}

// ---------------------------------------------------------------------------------------------
// What a shared type says

/** The types that hold content in order: what the binding writes for elements, and what else a peer could embed. */
type Sequence = Y.Text | Y.XmlFragment | Y.Array<unknown>;
type Attributes = Readonly<Record<string, unknown>>;

function isSequence(value: unknown): value is Sequence {
  return value instanceof Y.Text || value instanceof Y.XmlFragment || value instanceof Y.Array;
}

/** A node's properties: attributes of an element's XmlText (or of a stray Text or XmlElement). */
function attributesOf(type: Sequence): Attributes {
  if (type instanceof Y.Text || type instanceof Y.XmlElement) return type.getAttributes() as Attributes;
  return {};
}

/**
 * What a type holds in order: characters (strings) and embeds. Besides the XmlText the binding
 * writes, peers could embed other sequence types; what those hold is read the same way, so their
 * characters are kept too.
 */
function contentOf(type: Sequence): readonly unknown[] {
  // toDelta() without a snapshot only reads (with one it would split items in a transaction).
  if (type instanceof Y.Text) return (type.toDelta() as Array<{ insert?: unknown }>).map((op) => op.insert);
  return type.toArray();
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The strings of an array property, in order, without repeats; anything else reads as none. */
function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((item): item is string => typeof item === 'string'))];
}

/** A text format bitmask; a peer's value that is not one reads as no formatting. */
function formatOf(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

// ---------------------------------------------------------------------------------------------
// What a node type means

const CLAUSE_KINDS: Readonly<Record<string, LegacyBlockKind>> = {
  'accord-title': 'title',
  'accord-opening': 'opening',
  'accord-pp': 'pp',
  'accord-operative-opening': 'operative-opening',
  'accord-op': 'op',
  'accord-sub': 'sub',
  'accord-adoption': 'adoption',
};

/** h4–h6 have no kind of their own; a missing or unknown tag is HeadingNode's default, h1. */
function headingKind(tag: unknown): LegacyBlockKind {
  if (tag === 'h2' || tag === 'h3') return tag;
  if (tag === 'h4' || tag === 'h5' || tag === 'h6') return 'h3';
  return 'h1';
}

type ListKind = 'bullet' | 'number';

/** A check list reads as bullets; anything unknown is ListNode's default, a numbered list. */
function listKind(listType: unknown): ListKind {
  return listType === 'bullet' || listType === 'check' || listType === 'ul' ? 'bullet' : 'number';
}

interface InlineContext {
  /** Thread ids of the enclosing marks, sorted, without repeats. */
  readonly marks: readonly string[];
  /** The innermost enclosing bracket's id; null outside brackets and inside one without an id. */
  readonly bracketId: string | null;
  readonly bracket: LegacyBracketRef | null;
}

const PLAIN: InlineContext = { marks: [], bracketId: null, bracket: null };

function insideMark(context: InlineContext, attributes: Attributes): InlineContext {
  const marks = [...new Set([...context.marks, ...stringList(attributes.__ids)])].sort();
  return { ...context, marks };
}

/** A bracket without a usable id cannot be referred to: what it holds reads as plain text. */
function insideBracket(context: InlineContext, attributes: Attributes): InlineContext {
  return { ...context, bracketId: stringOrNull(attributes.__bracketId), bracket: null };
}

function insideAlternative(context: InlineContext, attributes: Attributes): InlineContext {
  const alternativeId = stringOrNull(attributes.__alternativeId);
  if (context.bracketId === null || alternativeId === null) return context;
  const bracket = { bracketId: context.bracketId, alternativeId, proposers: stringList(attributes.__proposers) };
  return { ...context, bracket };
}

type ElementRole =
  | { role: 'block'; kind: LegacyBlockKind; clauseId: string | null }
  | { role: 'list'; kind: ListKind }
  | { role: 'inline'; context: InlineContext };

// ---------------------------------------------------------------------------------------------
// The walk

/** A block element being read: its kind, and its clause id until a block of it is emitted. */
interface BlockOwner {
  readonly kind: LegacyBlockKind;
  /** The element's Yjs id; null for one not integrated (which a doc's content never is). */
  readonly key: string | null;
  /** How many blocks it has emitted. */
  emitted: number;
  clauseId: string | null;
  /** Whether it has emitted a block or held a nested one; if neither, it still emits an empty block. */
  produced: boolean;
}

interface TextNodeProps {
  readonly format: number;
  readonly field: boolean;
}

interface Frame {
  readonly items: readonly unknown[];
  next: number;
  /** container: the root or a list; block: a paragraph-like element; inline: anything inside one. */
  readonly level: 'container' | 'block' | 'inline';
  readonly inline: InlineContext;
  /** A list's kind, for the items in it. */
  readonly listKind: ListKind | null;
  readonly owner: BlockOwner | null;
  /** The text node whose characters come next in this sequence; null where characters are stray. */
  textNode: TextNodeProps | null;
}

/** The block being filled: a stretch of one block element, or stray inline content in a container. */
interface Segment {
  readonly owner: BlockOwner | null;
  readonly kind: LegacyBlockKind;
  readonly runs: LegacyRun[];
}

/**
 * Walks the tree with a stack of its own rather than by recursion: a peer can nest types
 * arbitrarily deep, and running out of call stack would lose the whole declaration.
 *
 * A block element nested in another (a list in a list item, or anything a peer nests) ends the
 * outer block's current stretch; the outer block's content after it continues in a new block of
 * the same kind. Only the first block emitted for an element carries its clause id.
 */
class LegacyReader {
  private readonly blocks: Array<LegacyBlock | KeyedLegacyBlock> = [];
  private readonly stack: Frame[] = [];
  private segment: Segment | null = null;

  constructor(private readonly withKeys: boolean) {}

  read(root: Sequence): Array<LegacyBlock | KeyedLegacyBlock> {
    this.stack.push(frameOf(contentOf(root), 'container', PLAIN, null, null));
    for (let frame = this.top(); frame !== undefined; frame = this.top()) {
      if (frame.next < frame.items.length) this.visit(frame, frame.items[frame.next++]);
      else this.leave(this.stack.pop()!);
    }
    return this.blocks;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private visit(frame: Frame, item: unknown): void {
    if (typeof item === 'string') {
      this.addRun(frame, item, frame.textNode?.format ?? 0, frame.textNode?.field ?? false);
    } else if (item instanceof Y.Map) {
      frame.textNode = this.nodeMap(frame, item);
    } else {
      // Characters after an element (or an embedded JSON value, which holds none) are stray.
      frame.textNode = null;
      if (isSequence(item)) this.enter(frame, item);
    }
  }

  /** A line break is emitted at once; a text node's map describes the characters after it. */
  private nodeMap(frame: Frame, map: Y.Map<unknown>): TextNodeProps | null {
    const type = map.get('__type');
    if (type === 'linebreak') {
      this.addRun(frame, '\n', 0, false);
      return null;
    }
    return { format: formatOf(map.get('__format')), field: type === 'accord-field' };
  }

  private enter(parent: Frame, type: Sequence): void {
    const role = this.roleOf(parent, attributesOf(type));
    const items = contentOf(type);
    if (role.role === 'inline') {
      this.stack.push(frameOf(items, 'inline', role.context, null, null));
    } else if (role.role === 'list') {
      this.beginBlockLevel();
      this.stack.push(frameOf(items, 'container', PLAIN, role.kind, null));
    } else {
      this.beginBlockLevel();
      const id = type._item?.id;
      const owner: BlockOwner = { kind: role.kind, key: id ? `${id.client}:${id.clock}` : null, emitted: 0, clauseId: role.clauseId, produced: false };
      this.stack.push(frameOf(items, 'block', PLAIN, null, owner));
      this.segment = { owner, kind: owner.kind, runs: [] };
    }
  }

  private roleOf(parent: Frame, attributes: Attributes): ElementRole {
    const type = attributes.__type;
    const clauseKind = typeof type === 'string' && Object.hasOwn(CLAUSE_KINDS, type) ? CLAUSE_KINDS[type] : undefined;
    if (clauseKind !== undefined) return { role: 'block', kind: clauseKind, clauseId: stringOrNull(attributes.__clauseId) };
    switch (type) {
      case 'paragraph':
        return { role: 'block', kind: 'paragraph', clauseId: null };
      case 'heading':
        return { role: 'block', kind: headingKind(attributes.__tag), clauseId: null };
      case 'quote':
        return { role: 'block', kind: 'quote', clauseId: null };
      case 'list':
        return { role: 'list', kind: listKind(attributes.__listType) };
      case 'listitem':
        return { role: 'block', kind: this.enclosingListKind(), clauseId: null };
      case 'mark':
        return { role: 'inline', context: insideMark(parent.inline, attributes) };
      case 'accord-bracket':
        return { role: 'inline', context: insideBracket(parent.inline, attributes) };
      case 'accord-alternative':
        return { role: 'inline', context: insideAlternative(parent.inline, attributes) };
      default:
        // Unknown: a paragraph where blocks go, otherwise text that reads as its surroundings.
        return parent.level === 'container' ? { role: 'block', kind: 'paragraph', clauseId: null } : { role: 'inline', context: parent.inline };
    }
  }

  /** The kind of the list an item is in; an item outside any list reads as a bullet. */
  private enclosingListKind(): ListKind {
    return this.nearestNonInline()?.listKind ?? 'bullet';
  }

  private nearestNonInline(): Frame | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      if (frame.level !== 'inline') return frame;
    }
    return undefined;
  }

  /** A block or list starts: what was being filled ends, and an enclosing block has held one. */
  private beginBlockLevel(): void {
    this.closeSegment();
    const enclosing = this.nearestNonInline()?.owner;
    if (enclosing) enclosing.produced = true;
  }

  private leave(frame: Frame): void {
    if (frame.level === 'inline') return;
    this.closeSegment();
    const owner = frame.owner;
    // An element with nothing in it is still a paragraph (an empty one), unless it only held
    // other blocks, as a list item does that holds a nested list.
    if (owner && !owner.produced) this.emit(owner, owner.kind, []);
  }

  private addRun(frame: Frame, text: string, format: number, field: boolean): void {
    if (text === '') return;
    const segment = (this.segment ??= this.openSegment());
    const { marks, bracket } = frame.inline;
    const run: LegacyRun = { text, format, field, marks: [...marks], bracket: bracket && { ...bracket, proposers: [...bracket.proposers] } };
    const last = segment.runs[segment.runs.length - 1];
    if (last !== undefined && canMerge(last, run)) last.text += run.text;
    else segment.runs.push(run);
  }

  /** Inline content with no open block: the rest of the enclosing block, or stray content in a container. */
  private openSegment(): Segment {
    const owner = this.nearestNonInline()?.owner ?? null;
    return { owner, kind: owner?.kind ?? 'paragraph', runs: [] };
  }

  private closeSegment(): void {
    const segment = this.segment;
    this.segment = null;
    if (segment !== null && segment.runs.length > 0) this.emit(segment.owner, segment.kind, segment.runs);
  }

  private emit(owner: BlockOwner | null, kind: LegacyBlockKind, runs: LegacyRun[]): void {
    const clauseId = owner?.clauseId ?? null;
    let key: string | null = null;
    if (owner) {
      owner.clauseId = null;
      owner.produced = true;
      key = owner.key === null ? null : owner.emitted === 0 ? owner.key : `${owner.key}#${owner.emitted}`;
      owner.emitted += 1;
    }
    this.blocks.push(this.withKeys ? { kind, clauseId, runs, key } : { kind, clauseId, runs });
  }
}

function frameOf(items: readonly unknown[], level: Frame['level'], inline: InlineContext, kind: ListKind | null, owner: BlockOwner | null): Frame {
  return { items, next: 0, level, inline, listKind: kind, owner, textNode: null };
}

function canMerge(a: LegacyRun, b: LegacyRun): boolean {
  return !a.field && !b.field && a.format === b.format && sameStrings(a.marks, b.marks) && sameBracket(a.bracket, b.bracket);
}

function sameBracket(a: LegacyBracketRef | null, b: LegacyBracketRef | null): boolean {
  if (a === null || b === null) return a === b;
  return a.bracketId === b.bracketId && a.alternativeId === b.alternativeId && sameStrings(a.proposers, b.proposers);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
