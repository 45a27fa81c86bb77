import { $applyNodeReplacement, type EditorConfig, type LexicalNode, type ParagraphNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { ClauseNode, type SerializedClauseNode } from './ClauseNode';
import { setAttribute } from './dom';
import { $createOpeningNode } from './OpeningNode';

/** The declaration's title, e.g. "Phnom Penh Declaration". */
export class TitleNode extends ClauseNode {
  static override getType(): string {
    return 'accord-title';
  }

  static override clone(node: TitleNode): TitleNode {
    return new TitleNode(node.__clauseId, node.__key);
  }

  static override importJSON(json: SerializedClauseNode): TitleNode {
    return $createTitleNode().updateFromJSON(json);
  }

  /** Read out as the page's top heading, as it looks. */
  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    setAttribute(dom, 'role', 'heading');
    setAttribute(dom, 'aria-level', '1');
    return dom;
  }

  getKind(): ClauseKind {
    return 'title';
  }

  protected createNext(): ParagraphNode {
    return $createOpeningNode();
  }
}

export function $createTitleNode(clauseId?: string): TitleNode {
  return $applyNodeReplacement(new TitleNode(clauseId));
}

export function $isTitleNode(node: LexicalNode | null | undefined): node is TitleNode {
  return node instanceof TitleNode;
}
