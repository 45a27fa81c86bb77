import { $applyNodeReplacement, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, type SerializedClauseNode } from './ClauseNode';

/** A preambular paragraph (PP): the considerations, opening with a participle ("*Recognizing* …,"). */
export class PreambularNode extends ClauseNode {
  static override getType(): string {
    return 'accord-pp';
  }

  static override clone(node: PreambularNode): PreambularNode {
    return new PreambularNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): PreambularNode {
    return $createPreambularNode().updateFromJSON(json);
  }

  getKind(): ClauseKind {
    return 'pp';
  }

  protected createNext(): ParagraphNode {
    return $createPreambularNode();
  }
}

export function $createPreambularNode(clauseId?: string): PreambularNode {
  return $applyNodeReplacement(new PreambularNode(clauseId));
}

export function $isPreambularNode(node: LexicalNode | null | undefined): node is PreambularNode {
  return node instanceof PreambularNode;
}
