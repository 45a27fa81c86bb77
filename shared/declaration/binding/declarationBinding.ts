import { $dfs } from '@lexical/utils';
import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COLLABORATION_TAG,
  type EditorState,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import * as Y from 'yjs';
import { arrange } from '../model/arrange';
import { readProposers } from '../model/bracketMarks';
import { newParagraphId, type Writer } from '../model/operations';
import { flagOf, isVisible, orderEntries, readParagraphs } from '../model/paragraphOrder';
import { type BlockKind, bracketsOf, createTombstone, type ParagraphEntry, paragraphsOf, readEntries, readEntryById } from '../model/shape';
import { applyRuns, readRuns, type Run } from '../model/textRuns';
import { $isAlternativeNode, $isBracketNode } from '../nodes';
import { $createBlockNode, $isBlockNode, type BlockNode } from '../nodes/BlockNode';
import { blockChanges } from './blockChanges';
import { $nodesFromRuns, $runsOfBlock, sameRuns } from './inlineRuns';
import { $blocksById, $modelPointOf, $selectionBetween, type ModelPoint } from './textPoints';

/** Where a remote change leaves the caret: relative positions survive what others insert around them. */
export interface RelativeSelection {
  anchor: Y.RelativePosition;
  focus: Y.RelativePosition;
}

/**
 * Binds a Lexical editor to a declaration's model in its Y.Doc, both ways, without ever deleting
 * a container:
 *
 * - Lexical → model, after each local update: the words of every paragraph the update touched
 *   are compared with the model's and only the difference is written (applyRuns); paragraphs
 *   Lexical added are created, paragraphs it removed become tombstones, paragraphs it reordered
 *   get new keys (arrange), and a changed kind is a property.
 * - model → Lexical, after each change made elsewhere (a peer, main, an undo, a structural
 *   command): the paragraphs that changed are redrawn from the model, and the caret is carried
 *   across as relative positions.
 *
 * Structural commands (Enter, Backspace at a boundary, moves, kinds …) are model operations run
 * through `command()`; see declarationCommands.ts.
 */
export class DeclarationBinding {
  /** How Lexical's own updates write: not drawn back into Lexical. */
  readonly lexical: Writer & { create: object; change: object };
  /** How structural commands write: drawn into Lexical like a peer's change. */
  readonly commands: Writer & { create: object; change: object };
  readonly newId: () => string;

  private readonly paragraphs: Y.Map<unknown>;
  private readonly brackets: Y.Map<unknown>;
  private pendingIds = new Set<string>();
  private pendingStructure = false;
  private pendingProposers = false;
  private savedSelection: RelativeSelection | null = null;
  private inCommand = false;
  private readonly commandListeners = new Set<() => void>();
  /** The caret as it was before the local change being written, for undo to put back. */
  caretBeforeLocalChange: RelativeSelection | null = null;
  private readonly unregister: () => void;

  constructor(
    readonly editor: LexicalEditor,
    readonly doc: Y.Doc,
    options: Pick<Writer, 'newId' | 'random'> = {},
  ) {
    this.newId = options.newId ?? (() => newParagraphId());
    this.lexical = { create: { from: 'lexical/create' }, change: { from: 'lexical' }, newId: this.newId, random: options.random };
    this.commands = { create: { from: 'command/create' }, change: { from: 'command' }, newId: this.newId, random: options.random };
    this.paragraphs = paragraphsOf(doc);
    this.brackets = bracketsOf(doc);
    this.paragraphs.observeDeep(this.onParagraphs);
    this.brackets.observeDeep(this.onBrackets);
    doc.on('beforeTransaction', this.onBeforeTransaction);
    doc.on('afterTransaction', this.onAfterTransaction);
    this.unregister = editor.registerUpdateListener(({ editorState, prevEditorState, dirtyElements, dirtyLeaves }) =>
      this.syncToModel(editorState, prevEditorState, dirtyElements, dirtyLeaves),
    );
    // Whatever the editor held before, it now shows the model.
    editor.update(() => this.$drawAll(), { discrete: true, tag: COLLABORATION_TAG });
  }

  destroy(): void {
    this.unregister();
    this.paragraphs.unobserveDeep(this.onParagraphs);
    this.brackets.unobserveDeep(this.onBrackets);
    this.doc.off('beforeTransaction', this.onBeforeTransaction);
    this.doc.off('afterTransaction', this.onAfterTransaction);
  }

  /** Whether a transaction came from this editor's own typing (and is already in Lexical). */
  isLocal(origin: unknown): boolean {
    return origin === this.lexical.change || origin === this.lexical.create;
  }

  /**
   * Runs a model operation for a structural command, inside a Lexical update, and draws its
   * result at once so the caller can place the caret in it.
   */
  $command<T>(operation: (writer: DeclarationBinding['commands']) => T): T {
    this.$flushSelectionBlocks();
    for (const listener of this.commandListeners) listener();
    this.caretBeforeLocalChange = this.$relativeSelection();
    this.inCommand = true;
    try {
      return operation(this.commands);
    } finally {
      this.inCommand = false;
      this.caretBeforeLocalChange = null;
      this.$drawPending();
      for (const listener of this.commandListeners) listener();
    }
  }

  /** Called as a structural command starts and ends: undo keeps it a step of its own. */
  onStructuralCommand(listener: () => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  relativePosition(point: ModelPoint): Y.RelativePosition | null {
    const entry = readEntryById(this.doc, point.id);
    return entry ? Y.createRelativePositionFromTypeIndex(entry.text, Math.min(point.offset, entry.text.length)) : null;
  }

  /**
   * Where the editor no longer shows exactly what the model holds (null when it does): the
   * paragraphs in the model's order, their kinds and their words with their attributes.
   */
  drift(): string | null {
    const model = readParagraphs(this.doc);
    return this.editor.getEditorState().read(() => {
      const blocks = $getRoot().getChildren();
      if (blocks.length !== model.length) return `the editor shows ${blocks.length} paragraphs, the model holds ${model.length}`;
      for (let i = 0; i < blocks.length; i += 1) {
        const block = blocks[i]!;
        const paragraph = model[i]!;
        if (!$isBlockNode(block) || block.getBlockId() !== paragraph.id) return `paragraph ${i + 1} is another paragraph in the editor than in the model`;
        if (block.getKind() !== paragraph.kind) return `paragraph ${i + 1} is a ${block.getKind()} in the editor, a ${paragraph.kind} in the model`;
        if (!sameRuns($runsOfBlock(block), readRuns(paragraph.text))) return `paragraph ${i + 1} reads ${JSON.stringify(block.getTextContent())} in the editor, ${JSON.stringify(paragraph.text.toString())} in the model`;
      }
      return null;
    });
  }

  /** Draws every paragraph afresh from the model. */
  redraw(): void {
    this.editor.update(() => this.$drawStructure(true), { discrete: true, tag: COLLABORATION_TAG });
  }

  /** The paragraph node for an id, in the current update or read. */
  $block(id: string): BlockNode | null {
    return $blocksById().get(id) ?? null;
  }

  $select(anchor: ModelPoint, focus: ModelPoint = anchor): void {
    const selection = $selectionBetween(anchor, focus, (id) => this.$block(id));
    if (selection) $setSelection(selection);
  }

  // ---- model → Lexical -------------------------------------------------------------------

  private readonly onBeforeTransaction = (transaction: Y.Transaction) => {
    if (this.isLocal(transaction.origin) || this.savedSelection !== null || this.inCommand) return;
    this.savedSelection = this.editor.getEditorState().read(() => this.$relativeSelection());
  };

  private readonly onParagraphs = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    if (this.isLocal(transaction.origin)) return;
    for (const event of events) {
      const [id, field] = event.path as Array<string | number>;
      if (id === undefined) {
        for (const key of event.keys.keys()) this.pendingIds.add(key);
        this.pendingStructure = true;
        continue;
      }
      this.pendingIds.add(String(id));
      if (field === undefined) this.pendingStructure = true;
      else if (readEntryById(this.doc, String(id))?.deleted) this.pendingStructure = true;
    }
  };

  private readonly onBrackets = (_events: unknown, transaction: Y.Transaction) => {
    if (this.isLocal(transaction.origin)) return;
    this.pendingProposers = true;
  };

  /**
   * Draws once every observer of a remote transaction has noted what it changed. Drawing from
   * inside one observer (the brackets') could mark a paragraph dirty whose new words another
   * observer (the paragraphs') had not noted yet: Lexical's stale words would then be written
   * back over them.
   */
  private readonly onAfterTransaction = (transaction: Y.Transaction) => {
    if (this.isLocal(transaction.origin)) return;
    if (this.pendingIds.size > 0 || this.pendingStructure || this.pendingProposers) this.schedule();
  };

  private schedule(): void {
    if (this.inCommand) return;
    this.editor.update(() => this.$drawPending(), { discrete: true, tag: COLLABORATION_TAG });
  }

  private $drawPending(): void {
    const ids = this.pendingIds;
    const structure = this.pendingStructure;
    const proposers = this.pendingProposers;
    const saved = this.savedSelection;
    this.pendingIds = new Set();
    this.pendingStructure = false;
    this.pendingProposers = false;
    this.savedSelection = null;
    if (ids.size === 0 && !structure && !proposers) return;
    // The caret is taken out while paragraphs are redrawn (it would point into nodes that go) and
    // put back where it was in the words: from relative positions taken before the change came,
    // else from where it stood in the model, within what is there now.
    const selection = $getSelection();
    const before = $isRangeSelection(selection) ? { anchor: $modelPointOf(selection.anchor), focus: $modelPointOf(selection.focus) } : null;
    if (before) $setSelection(null);
    const drawn = structure ? this.$drawStructure() : new Set<string>();
    const blocks = $blocksById();
    for (const id of ids) {
      if (drawn.has(id)) continue;
      const block = blocks.get(id);
      const entry = readEntryById(this.doc, id);
      if (block && entry) this.$drawBlock(block, entry);
    }
    if (proposers) this.$drawProposers();
    if (!before) return;
    if (saved) this.$restoreSelection(saved);
    if (!$getSelection() && before.anchor && before.focus) this.$select(before.anchor, before.focus);
  }

  private $drawAll(): void {
    this.pendingIds.clear();
    this.pendingStructure = false;
    this.$drawStructure(true);
  }

  /**
   * Puts the paragraphs in the model's order, creating those Lexical lacks and removing those the
   * model no longer shows. Returns the ids of paragraphs drawn from scratch.
   */
  private $drawStructure(redrawAll = false): Set<string> {
    const drawn = new Set<string>();
    const root = $getRoot();
    const existing = new Map<string, BlockNode>();
    for (const child of root.getChildren()) {
      if ($isBlockNode(child) && !existing.has(child.getBlockId())) existing.set(child.getBlockId(), child);
    }
    const keep = new Set<string>();
    let previous: BlockNode | null = null;
    for (const paragraph of readParagraphs(this.doc)) {
      let node = existing.get(paragraph.id);
      if (!node) {
        node = $createBlockNode(paragraph.kind, paragraph.id);
        node.append(...$nodesFromRuns(readRuns(paragraph.text), this.proposersOf));
        node.setFlag(flagOf(paragraph));
        drawn.add(paragraph.id);
      } else if (redrawAll) {
        this.$drawBlock(node, paragraph);
        drawn.add(paragraph.id);
      } else {
        if (node.getKind() !== paragraph.kind) node.setKind(paragraph.kind);
        node.setFlag(flagOf(paragraph));
      }
      keep.add(node.getKey());
      const expected: LexicalNode | null = previous ? previous.getNextSibling() : root.getFirstChild();
      if (!expected || !expected.is(node)) {
        if (previous) previous.insertAfter(node);
        else if (root.getFirstChild()) root.getFirstChild()!.insertBefore(node);
        else root.append(node);
      }
      previous = node;
    }
    for (const child of root.getChildren()) if (!keep.has(child.getKey())) child.remove();
    return drawn;
  }

  private $drawBlock(block: BlockNode, entry: ParagraphEntry): void {
    if (block.getKind() !== entry.kind) block.setKind(entry.kind);
    block.setFlag(flagOf(entry));
    const runs = readRuns(entry.text);
    if (sameRuns(runs, $runsOfBlock(block))) return;
    block.clear();
    block.append(...$nodesFromRuns(runs, this.proposersOf));
  }

  private $drawProposers(): void {
    for (const { node } of $dfs()) {
      if (!$isAlternativeNode(node)) continue;
      const bracket = node.getParent();
      if (!$isBracketNode(bracket)) continue;
      const proposers = readProposers(this.doc, bracket.getBracketId(), node.getAlternativeId());
      if (proposers.join('\n') !== node.getProposers().join('\n')) node.setProposers(proposers);
    }
  }

  private readonly proposersOf = (bracketId: string, alternativeId: string) => readProposers(this.doc, bracketId, alternativeId);

  $relativeSelection(): RelativeSelection | null {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return null;
    const anchor = $modelPointOf(selection.anchor);
    const focus = $modelPointOf(selection.focus);
    if (!anchor || !focus) return null;
    const a = this.relativePosition(anchor);
    const f = this.relativePosition(focus);
    return a && f ? { anchor: a, focus: f } : null;
  }

  $restoreSelection(saved: RelativeSelection): void {
    const anchor = this.absolutePoint(saved.anchor);
    const focus = this.absolutePoint(saved.focus);
    if (anchor && focus) this.$select(anchor, focus);
  }

  /** A relative position as a paragraph and offset, if the paragraph is still shown. */
  absolutePoint(position: Y.RelativePosition): ModelPoint | null {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, this.doc);
    if (!absolute) return null;
    const map = absolute.type.parent;
    const key = map?._item?.parentSub;
    if (!(map instanceof Y.Map) || typeof key !== 'string' || map._item?.parent !== this.paragraphs) return null;
    return { id: key, offset: absolute.index };
  }

  // ---- Lexical → model -------------------------------------------------------------------

  /** Writes what Lexical changed. Runs after every commit, Lexical's own or a redraw's (then a no-op). */
  private syncToModel(editorState: EditorState, prevEditorState: EditorState, dirtyElements: Map<string, boolean>, dirtyLeaves: Set<string>): void {
    if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
    const structural = blockChanges(prevEditorState, editorState, dirtyElements).order;
    const plan = editorState.read(() => this.$planSync(structural, dirtyElements, dirtyLeaves, prevEditorState));
    if (!plan) return;
    this.caretBeforeLocalChange = prevEditorState.read(() => this.$relativeSelection());
    const { order, removed, created, blocks, renamed } = plan;
    if (created.length > 0) {
      // Created as placed, empty tombstones first, outside what undo tracks: undoing their
      // creation then makes them tombstones again, never deletes them (see operations.ts).
      this.doc.transact(() => {
        for (const { id, kind } of created) createTombstone(this.doc, id, kind);
        const visible = orderEntries(readEntries(this.doc)).filter(isVisible);
        arrange(this.doc, placeAmong(order ?? [], visible.map((e) => e.id), new Set(created.map((c) => c.id))), this.lexical.random);
      }, this.lexical.create);
    }
    this.doc.transact(() => {
      for (const id of removed) {
        const entry = readEntryById(this.doc, id);
        if (!entry) continue;
        if (entry.text.length > 0) entry.text.delete(0, entry.text.length);
        if (!entry.deleted) entry.map.set('deleted', true);
      }
      for (const { id, kind, runs, cursor, absorbing } of blocks) {
        const entry = readEntryById(this.doc, id);
        if (!entry) continue;
        const wasCreated = created.some((c) => c.id === id);
        const changed = applyRuns(entry.text, runs, cursor, { keepEnd: !absorbing });
        if (entry.kind !== kind) entry.map.set('kind', kind);
        // A new paragraph, or words typed into a revived one (which so adopts it), is live.
        if (entry.deleted && (wasCreated || changed)) entry.map.set('deleted', false);
        if (entry.mergedInto !== null && (wasCreated || changed)) entry.map.delete('mergedInto');
      }
      if (order) arrange(this.doc, order, this.lexical.random);
    }, this.lexical.change);
    this.caretBeforeLocalChange = null;
    if (renamed.size > 0) {
      // Copies (a paste of a paragraph already there) took new ids in the model; so do their nodes.
      this.editor.update(
        () => {
          for (const [key, id] of renamed) {
            const node = $getNodeByKey(key);
            if ($isBlockNode(node)) node.setBlockId(id);
          }
        },
        { discrete: true, tag: COLLABORATION_TAG },
      );
    }
  }

  /**
   * What a commit changed, against the model (a commit may be the binding's own drawing of the
   * model, which then changes nothing): paragraphs Lexical has that the model lacks, paragraphs the
   * model still shows that Lexical removed, another order, and the words of every paragraph touched.
   */
  private $planSync(structural: boolean, dirtyElements: Map<string, boolean>, dirtyLeaves: Set<string>, prevEditorState: EditorState) {
    const root = $getRoot();
    const touched = new Set<string>();
    for (const key of [...dirtyLeaves, ...dirtyElements.keys()]) {
      if (key === 'root') continue;
      const node = $getNodeByKey(key);
      const top = node && node.isAttached() ? node.getTopLevelElement() : null;
      if (top) touched.add(top.getKey());
    }
    const renamed = new Map<string, string>();
    const created: Array<{ id: string; kind: BlockKind }> = [];
    let order: string[] | null = null;
    let removed: string[] = [];
    const absorbing = new Set<string>();
    const idOf = new Map<string, string>();
    if (structural) {
      const seen = new Set<string>();
      order = [];
      for (const child of root.getChildren()) {
        if (!$isBlockNode(child)) continue;
        let id = child.getBlockId();
        if (seen.has(id)) {
          id = this.newId();
          renamed.set(child.getKey(), id);
        }
        seen.add(id);
        idOf.set(child.getKey(), id);
        order.push(id);
        const entry = readEntryById(this.doc, id);
        if (!entry) {
          created.push({ id, kind: child.getKind() });
          touched.add(child.getKey());
        } else if (!isVisible(entry)) touched.add(child.getKey());
      }
      const before = prevEditorState.read(() => $getRoot().getChildren().flatMap((c) => ($isBlockNode(c) ? [c.getBlockId()] : [])));
      const shown = readParagraphs(this.doc).map((p) => p.id);
      const shownSet = new Set(shown);
      // What a redraw took away the model no longer shows; what Lexical took away, it still does.
      removed = before.filter((id) => !seen.has(id) && shownSet.has(id));
      const removedSet = new Set(removed);
      // The paragraph before each removed one took its remaining words in, if any (a selection
      // deleted across paragraphs): see applyRuns' keepEnd.
      for (let i = 0; i < before.length; i += 1) {
        if (!removedSet.has(before[i]!)) continue;
        for (let j = i - 1; j >= 0; j -= 1) {
          if (seen.has(before[j]!)) {
            absorbing.add(before[j]!);
            break;
          }
        }
      }
      if (sameOrder(order, shown) && created.length === 0 && removed.length === 0) order = null;
    }
    // Where the caret is, in each paragraph it is in: the edit ends there (see applyRuns).
    const cursors = new Map<string, number>();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) {
      const focus = $modelPointOf(selection.focus);
      if (focus) cursors.set(focus.id, focus.offset);
    }
    const blocks: Array<{ id: string; kind: BlockKind; runs: Run[]; cursor: number | undefined; absorbing: boolean }> = [];
    for (const key of touched) {
      const node = $getNodeByKey(key);
      if (!$isBlockNode(node)) continue;
      const id = idOf.get(key) ?? node.getBlockId();
      blocks.push({ id, kind: node.getKind(), runs: $runsOfBlock(node), cursor: cursors.get(node.getBlockId()), absorbing: absorbing.has(id) });
    }
    if (!order && removed.length === 0 && blocks.length === 0) return null;
    return { order, removed, created, blocks, renamed };
  }

  /**
   * Before a command reads the caret's paragraph from the model, that paragraph's latest words
   * must be there: an update still pending (a composition, a key repeat) is written first.
   */
  private $flushSelectionBlocks(): void {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    for (const node of [selection.anchor.getNode(), selection.focus.getNode()]) {
      const top = node.getKey() === 'root' ? null : node.getTopLevelElement();
      if (!$isBlockNode(top)) continue;
      const entry = readEntryById(this.doc, top.getBlockId());
      if (!entry) continue;
      const runs = $runsOfBlock(top);
      this.doc.transact(() => applyRuns(entry.text, runs), this.lexical.change);
    }
  }
}

function sameOrder(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * The model's current order with the new paragraphs put in: each after the paragraph it follows
 * in Lexical's order, so creating them moves nothing else (moves are the tracked change's job).
 */
function placeAmong(lexicalOrder: ReadonlyArray<string>, modelOrder: ReadonlyArray<string>, created: ReadonlySet<string>): string[] {
  const result = modelOrder.filter((id) => !created.has(id));
  // Runs of new paragraphs by the paragraph they follow (null: at the start), in Lexical's order.
  const after = new Map<string | null, string[]>();
  let previous: string | null = null;
  const inModel = new Set(result);
  for (const id of lexicalOrder) {
    if (created.has(id)) {
      const run = after.get(previous);
      if (run) run.push(id);
      else after.set(previous, [id]);
    } else if (inModel.has(id)) previous = id;
  }
  return [...(after.get(null) ?? []), ...result.flatMap((id) => [id, ...(after.get(id) ?? [])])];
}

