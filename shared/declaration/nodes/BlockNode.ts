import { addClassNamesToElement } from '@lexical/utils';
import {
  $applyNodeReplacement,
  type ElementDOMSlot,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  ParagraphNode,
  type RangeSelection,
  type SerializedParagraphNode,
  type Spread,
} from 'lexical';
import { uuidv4 } from 'lib0/random';
import { BlockKind, type ClauseKind, clauseKindOf, nextKindAfter } from '../../model/kinds';
import type { ParagraphFlag } from '../model/paragraphOrder';
import { $createElement, appendElement, setAttribute } from './dom';

export type SerializedBlockNode = Spread<{ blockId: string; kind: BlockKind }, SerializedParagraphNode>;

export function newBlockId(): string {
  return uuidv4();
}

/** The element each kind is drawn as; a kind change to another element redraws the paragraph. */
const TAGS: Partial<Record<BlockKind, string>> = { h1: 'h1', h2: 'h2', h3: 'h3', quote: 'blockquote', bullet: 'ul', number: 'ol' };

/** A list item is drawn as a list of one item, so that it reads as a list item (the words go in the item). */
const isListKind = (kind: BlockKind) => kind === 'bullet' || kind === 'number';

/**
 * Every paragraph of a declaration, whatever part it plays: its kind (title, PP, OP, body text,
 * heading, list item …) is a property, so changing it changes a property here and in the model,
 * and its id is the paragraph's id in the model (shared/declaration/model/shape.ts), which
 * statuses, comments and version comparison hold on to. Lexical's own paragraphs are replaced by
 * this node, so whatever creates a paragraph (Enter, paste) creates one of these.
 */
export class BlockNode extends ParagraphNode {
  __blockId: string;
  __kind: BlockKind;
  /**
   * Shown flagged: words typed into it after it was deleted or merged elsewhere ('revived'), or
   * words brought from a converted declaration's earlier copy. From the model, never saved.
   */
  __flag: ParagraphFlag;

  static override getType(): string {
    return 'accord-block';
  }

  static override clone(node: BlockNode): BlockNode {
    const clone = new BlockNode(node.__kind, node.__blockId, node.__key);
    clone.__flag = node.__flag;
    return clone;
  }

  static override importJSON(json: SerializedBlockNode): BlockNode {
    return $createBlockNode('paragraph').updateFromJSON(json);
  }

  constructor(kind: BlockKind = 'paragraph', blockId: string = newBlockId(), key?: NodeKey) {
    super(key);
    this.__kind = kind;
    this.__blockId = blockId;
    this.__flag = null;
  }

  getBlockId(): string {
    return this.getLatest().__blockId;
  }

  /** A paragraph's clause id is its id: what statuses, comments and comparisons hold on to. */
  getClauseId(): string {
    return this.getBlockId();
  }

  setBlockId(blockId: string): this {
    const writable = this.getWritable();
    writable.__blockId = blockId;
    return writable;
  }

  getKind(): BlockKind {
    return this.getLatest().__kind;
  }

  /** The part this paragraph plays in a declaration's anatomy; null for plain text, headings, lists. */
  getClauseKind(): ClauseKind | null {
    return clauseKindOf(this.getKind());
  }

  setKind(kind: BlockKind): this {
    if (this.getKind() === kind) return this;
    const writable = this.getWritable();
    writable.__kind = kind;
    return writable;
  }

  getFlag(): ParagraphFlag {
    return this.getLatest().__flag;
  }

  setFlag(flag: ParagraphFlag): this {
    if (this.getFlag() === flag) return this;
    const writable = this.getWritable();
    writable.__flag = flag;
    return writable;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const kind = this.__kind;
    const dom = $createElement(TAGS[kind] ?? 'p');
    if (isListKind(kind)) appendElement(dom, $createElement('li'));
    const classes = (config.theme.block as Partial<Record<BlockKind, string>> | undefined)?.[kind];
    if (classes) addClassNamesToElement(dom, classes);
    setAttribute(dom, 'data-kind', kind);
    // The title is read out as the page's top heading, as it looks.
    if (kind === 'title') {
      setAttribute(dom, 'role', 'heading');
      setAttribute(dom, 'aria-level', '1');
    }
    setAttribute(dom, 'data-flag', this.__flag);
    return dom;
  }

  override getDOMSlot(element: HTMLElement): ElementDOMSlot<HTMLElement> {
    const slot = super.getDOMSlot(element);
    const item = isListKind(this.__kind) ? (element as unknown as { firstElementChild: HTMLElement | null }).firstElementChild : null;
    return item ? slot.withElement(item) : slot;
  }

  override updateDOM(prev: this, dom: HTMLElement): boolean {
    // Another kind may mean another element and other classes: drawing it afresh is simplest.
    if (prev.__kind !== this.__kind) return true;
    if (prev.__flag !== this.__flag) setAttribute(dom, 'data-flag', this.__flag);
    return false;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedBlockNode>): this {
    let node = super.updateFromJSON(json);
    if (typeof json.blockId === 'string') node = node.setBlockId(json.blockId);
    const kind = BlockKind.safeParse(json.kind);
    return kind.success ? node.setKind(kind.data) : node;
  }

  override exportJSON(): SerializedBlockNode {
    return { ...super.exportJSON(), type: BlockNode.getType(), blockId: this.getBlockId(), kind: this.getKind() };
  }

  /** Enter at the end: the part a drafter writes next (title → opening → PP …). */
  override insertNewAfter(selection: RangeSelection, restoreSelection = true): ParagraphNode {
    const clause = this.getClauseKind();
    const kind = this.getKind();
    const next = $createBlockNode(clause ? (nextKindAfter[clause] ?? 'paragraph') : kind === 'h1' || kind === 'h2' || kind === 'h3' ? 'paragraph' : kind);
    next.setTextFormat(selection.format);
    next.setTextStyle(selection.style);
    next.setDirection(this.getDirection());
    next.setFormat(this.getFormatType());
    this.insertAfter(next, restoreSelection);
    return next;
  }
}

export function $createBlockNode(kind: BlockKind, blockId?: string): BlockNode {
  return $applyNodeReplacement(new BlockNode(kind, blockId));
}

export function $isBlockNode(node: LexicalNode | null | undefined): node is BlockNode {
  return node instanceof BlockNode;
}

/** A block that plays a part in the declaration's anatomy (not plain text, a heading or a list item). */
export function $isClauseBlock(node: LexicalNode | null | undefined): node is BlockNode {
  return $isBlockNode(node) && node.getClauseKind() !== null;
}
