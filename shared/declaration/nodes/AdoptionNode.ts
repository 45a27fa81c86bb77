import { $applyNodeReplacement, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, $plainParagraph, type SerializedClauseNode } from './ClauseNode';

/** The adoption formula ("Adopted in …, on …"). */
export class AdoptionNode extends ClauseNode {
  static override getType(): string {
    return 'accord-adoption';
  }

  static override clone(node: AdoptionNode): AdoptionNode {
    return new AdoptionNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): AdoptionNode {
    return $createAdoptionNode().updateFromJSON(json);
  }

  getKind(): ClauseKind {
    return 'adoption';
  }

  protected createNext(): ParagraphNode {
    return $plainParagraph();
  }
}

export function $createAdoptionNode(clauseId?: string): AdoptionNode {
  return $applyNodeReplacement(new AdoptionNode(clauseId));
}

export function $isAdoptionNode(node: LexicalNode | null | undefined): node is AdoptionNode {
  return node instanceof AdoptionNode;
}
