import { addClassNamesToElement } from '@lexical/utils';
import {
  $applyNodeReplacement,
  type EditorConfig,
  ElementNode,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedElementNode,
  type Spread,
} from 'lexical';
import { uuidv4 } from 'lib0/random';
import { $createElement, setAttribute } from './dom';

export type SerializedBracketNode = Spread<{ bracketId: string }, SerializedElementNode>;

/**
 * Text still under negotiation: "[shall / should]". The square brackets and the slashes are
 * drawn, never typed, so nobody can half-delete one; its children are the alternatives
 * (AlternativeNode), each with the delegations that propose it.
 */
export class BracketNode extends ElementNode {
  __bracketId: string;

  static override getType(): string {
    return 'accord-bracket';
  }

  static override clone(node: BracketNode): BracketNode {
    return new BracketNode(node.__bracketId, node.__key);
  }

  static override importJSON(json: SerializedBracketNode): BracketNode {
    return $createBracketNode().updateFromJSON(json);
  }

  constructor(bracketId: string = uuidv4(), key?: NodeKey) {
    super(key);
    this.__bracketId = bracketId;
  }

  getBracketId(): string {
    return this.getLatest().__bracketId;
  }

  setBracketId(bracketId: string): this {
    const writable = this.getWritable();
    writable.__bracketId = bracketId;
    return writable;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedBracketNode>): this {
    const node = super.updateFromJSON(json);
    return typeof json.bracketId === 'string' ? node.setBracketId(json.bracketId) : node;
  }

  override exportJSON(): SerializedBracketNode {
    return { ...super.exportJSON(), bracketId: this.getBracketId() };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = $createElement('span');
    const classes = config.theme.bracket as string | undefined;
    if (classes) addClassNamesToElement(dom, classes);
    setAttribute(dom, 'data-bracket-id', this.__bracketId);
    return dom;
  }

  override updateDOM(prev: BracketNode, dom: HTMLElement): boolean {
    if (prev.__bracketId !== this.__bracketId) setAttribute(dom, 'data-bracket-id', this.__bracketId);
    return false;
  }

  override isInline(): true {
    return true;
  }

  override canBeEmpty(): false {
    return false;
  }

  // Typing at either edge of a bracket types outside it: a bracket grows only from within.
  override canInsertTextBefore(): false {
    return false;
  }

  override canInsertTextAfter(): false {
    return false;
  }
}

export function $createBracketNode(bracketId?: string): BracketNode {
  return $applyNodeReplacement(new BracketNode(bracketId));
}

export function $isBracketNode(node: LexicalNode | null | undefined): node is BracketNode {
  return node instanceof BracketNode;
}
