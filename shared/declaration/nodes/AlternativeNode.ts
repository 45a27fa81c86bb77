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

export type SerializedAlternativeNode = Spread<{ alternativeId: string; proposers: string[] }, SerializedElementNode>;

/**
 * One wording inside a bracket, with the delegations proposing it. The proposers live on the
 * node itself, so they move, copy, undo and sync together with the words they propose.
 */
export class AlternativeNode extends InlineGroupNode {
  __alternativeId: string;
  __proposers: ReadonlyArray<string>;

  static override getType(): string {
    return 'accord-alternative';
  }

  static override clone(node: AlternativeNode): AlternativeNode {
    return new AlternativeNode(node.__proposers, node.__alternativeId, node.__key);
  }

  static override importJSON(json: SerializedAlternativeNode): AlternativeNode {
    return $createAlternativeNode([]).updateFromJSON(json);
  }

  constructor(proposers: ReadonlyArray<string> = [], alternativeId?: string, key?: NodeKey) {
    super(key);
    this.__proposers = proposers;
    this.__alternativeId = alternativeId ?? uuidv4();
  }

  getAlternativeId(): string {
    return this.getLatest().__alternativeId;
  }

  getProposers(): ReadonlyArray<string> {
    // A peer's data arrives untyped: only strings count as delegations.
    const proposers = this.getLatest().__proposers;
    return Array.isArray(proposers) ? proposers.filter((p): p is string => typeof p === 'string') : [];
  }

  setProposers(proposers: ReadonlyArray<string>): this {
    const writable = this.getWritable();
    writable.__proposers = [...new Set(proposers)];
    return writable;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedAlternativeNode>): this {
    let node = super.updateFromJSON(json);
    if (typeof json.alternativeId === 'string') node.getWritable().__alternativeId = json.alternativeId;
    if (Array.isArray(json.proposers)) node = node.setProposers(json.proposers.filter((p): p is string => typeof p === 'string'));
    return node;
  }

  override exportJSON(): SerializedAlternativeNode {
    return { ...super.exportJSON(), alternativeId: this.getAlternativeId(), proposers: [...this.getProposers()] };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = this.createSpan(config, 'alternative');
    setAttribute(dom, 'data-proposers', this.getProposers().join(', '));
    return dom;
  }

  override updateDOM(prev: AlternativeNode, dom: HTMLElement): boolean {
    if (prev.__proposers !== this.__proposers) setAttribute(dom, 'data-proposers', this.getProposers().join(', '));
    return false;
  }
}

export function $createAlternativeNode(proposers: ReadonlyArray<string>, alternativeId?: string): AlternativeNode {
  return $applyNodeReplacement(new AlternativeNode([...new Set(proposers)], alternativeId));
}

export function $isAlternativeNode(node: LexicalNode | null | undefined): node is AlternativeNode {
  return node instanceof AlternativeNode;
}
