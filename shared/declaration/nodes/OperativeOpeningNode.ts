import { $applyNodeReplacement, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, type SerializedClauseNode } from './ClauseNode';
import { $createOperativeNode } from './OperativeNode';

/** The words that open the commitments ("Hereby agree to:"). */
export class OperativeOpeningNode extends ClauseNode {
  static override getType(): string {
    return 'accord-operative-opening';
  }

  static override clone(node: OperativeOpeningNode): OperativeOpeningNode {
    return new OperativeOpeningNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): OperativeOpeningNode {
    return $createOperativeOpeningNode().updateFromJSON(json);
  }

  getKind(): ClauseKind {
    return 'operative-opening';
  }

  protected createNext(): ParagraphNode {
    return $createOperativeNode();
  }
}

export function $createOperativeOpeningNode(clauseId?: string): OperativeOpeningNode {
  return $applyNodeReplacement(new OperativeOpeningNode(clauseId));
}

export function $isOperativeOpeningNode(node: LexicalNode | null | undefined): node is OperativeOpeningNode {
  return node instanceof OperativeOpeningNode;
}
