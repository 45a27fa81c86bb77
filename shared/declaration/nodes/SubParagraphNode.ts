import { $applyNodeReplacement, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, type SerializedClauseNode } from './ClauseNode';

/** A sub-paragraph of the operative paragraph above it, lettered (a), (b), …. */
export class SubParagraphNode extends ClauseNode {
  static override getType(): string {
    return 'accord-sub';
  }

  static override clone(node: SubParagraphNode): SubParagraphNode {
    return new SubParagraphNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): SubParagraphNode {
    return $createSubParagraphNode().updateFromJSON(json);
  }

  getKind(): ClauseKind {
    return 'sub';
  }

  protected createNext(): ParagraphNode {
    return $createSubParagraphNode();
  }
}

export function $createSubParagraphNode(clauseId?: string): SubParagraphNode {
  return $applyNodeReplacement(new SubParagraphNode(clauseId));
}

export function $isSubParagraphNode(node: LexicalNode | null | undefined): node is SubParagraphNode {
  return node instanceof SubParagraphNode;
}
