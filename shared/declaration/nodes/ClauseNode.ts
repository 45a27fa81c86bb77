import { addClassNamesToElement } from '@lexical/utils';
import {
  $createParagraphNode,
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
import type { ClauseKind } from '../kinds';
import { setAttribute } from './dom';

export type SerializedClauseNode = Spread<{ clauseId: string }, SerializedParagraphNode>;

export function newClauseId(): string {
  return uuidv4();
}

/**
 * A paragraph of a declaration with a part to play (title, PP, OP, …), one subclass per kind.
 * Its clause id is what status, comments and version comparison hold on to: it travels with the
 * paragraph through edits, moves, undo and sync (@lexical/yjs carries `__` properties).
 */
export abstract class ClauseNode extends ParagraphNode {
  __clauseId: string;

  constructor(clauseId: string = newClauseId(), key?: NodeKey) {
    super(key);
    this.__clauseId = clauseId;
  }

  abstract getKind(): ClauseKind;

  /** The paragraph Enter starts after this one. */
  protected abstract createNext(): ParagraphNode;

  getClauseId(): string {
    return this.getLatest().__clauseId;
  }

  setClauseId(clauseId: string): this {
    const writable = this.getWritable();
    writable.__clauseId = clauseId;
    return writable;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    const classes = (config.theme.clause as Partial<Record<ClauseKind, string>> | undefined)?.[this.getKind()];
    if (classes) addClassNamesToElement(dom, classes);
    setAttribute(dom, 'data-kind', this.getKind());
    return dom;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedClauseNode>): this {
    const node = super.updateFromJSON(json);
    return typeof json.clauseId === 'string' ? node.setClauseId(json.clauseId) : node;
  }

  override exportJSON(): SerializedClauseNode {
    return { ...super.exportJSON(), clauseId: this.getClauseId() };
  }

  override insertNewAfter(selection: RangeSelection, restoreSelection = true): ParagraphNode {
    const next = this.createNext();
    next.setTextFormat(selection.format);
    next.setTextStyle(selection.style);
    next.setDirection(this.getDirection());
    next.setFormat(this.getFormatType());
    this.insertAfter(next, restoreSelection);
    return next;
  }
}

export function $isClauseNode(node: LexicalNode | null | undefined): node is ClauseNode {
  return node instanceof ClauseNode;
}

export function $plainParagraph(): ParagraphNode {
  return $createParagraphNode();
}
