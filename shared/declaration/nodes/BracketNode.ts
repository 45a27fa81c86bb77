import {
  $applyNodeReplacement,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedElementNode,
  type Spread,
} from 'lexical';
import { uuidv4 } from 'lib0/random';
import { setAttribute } from './dom';
import { InlineGroupNode } from './InlineGroupNode';

export type SerializedBracketNode = Spread<{ bracketId: string }, SerializedElementNode>;

/**
 * Text still under negotiation: "[shall / should]". The square brackets and the slashes are
 * drawn, never typed, so nobody can half-delete one; its children are the alternatives
 * (AlternativeNode), each with the delegations that propose it.
 */
export class BracketNode extends InlineGroupNode {
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
    const dom = this.createSpan(config, 'bracket');
    setAttribute(dom, 'data-bracket-id', this.__bracketId);
    return dom;
  }

  override updateDOM(prev: BracketNode, dom: HTMLElement): boolean {
    if (prev.__bracketId !== this.__bracketId) setAttribute(dom, 'data-bracket-id', this.__bracketId);
    return false;
  }
}

export function $createBracketNode(bracketId?: string): BracketNode {
  return $applyNodeReplacement(new BracketNode(bracketId));
}

export function $isBracketNode(node: LexicalNode | null | undefined): node is BracketNode {
  return node instanceof BracketNode;
}
