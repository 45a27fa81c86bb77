import { $applyNodeReplacement, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, type SerializedClauseNode } from './ClauseNode';
import { $createPreambularNode } from './PreambularNode';

/** The opening: who declares, where and when ("We, the Governors and Mayors …, gathered in …,"). */
export class OpeningNode extends ClauseNode {
  static override getType(): string {
    return 'accord-opening';
  }

  static override clone(node: OpeningNode): OpeningNode {
    return new OpeningNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): OpeningNode {
    return $createOpeningNode().updateFromJSON(json);
  }

  getKind(): ClauseKind {
    return 'opening';
  }

  protected createNext(): ParagraphNode {
    return $createPreambularNode();
  }
}

export function $createOpeningNode(clauseId?: string): OpeningNode {
  return $applyNodeReplacement(new OpeningNode(clauseId));
}

export function $isOpeningNode(node: LexicalNode | null | undefined): node is OpeningNode {
  return node instanceof OpeningNode;
}
