import { $applyNodeReplacement, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, type SerializedClauseNode } from './ClauseNode';
import { $createSubParagraphNode, $isSubParagraphNode } from './SubParagraphNode';

/** An operative paragraph (OP): a numbered commitment opening with a verb ("*Encourage* …;"). */
export class OperativeNode extends ClauseNode {
  static override getType(): string {
    return 'accord-op';
  }

  static override clone(node: OperativeNode): OperativeNode {
    return new OperativeNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): OperativeNode {
    return $createOperativeNode().updateFromJSON(json);
  }

  getKind(): ClauseKind {
    return 'op';
  }

  /** Enter at the end of an OP that has sub-paragraphs starts a new first one, "(a)". */
  protected createNext(): ParagraphNode {
    const next = this.getNextSibling();
    return $isSubParagraphNode(next) ? $createSubParagraphNode() : $createOperativeNode();
  }
}

export function $createOperativeNode(clauseId?: string): OperativeNode {
  return $applyNodeReplacement(new OperativeNode(clauseId));
}

export function $isOperativeNode(node: LexicalNode | null | undefined): node is OperativeNode {
  return node instanceof OperativeNode;
}
