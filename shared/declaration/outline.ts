import { $getRoot, type ElementNode, type LexicalNode } from 'lexical';
import type { ClauseKind } from '../model/kinds';
import type { ParagraphFlag } from './model/paragraphOrder';
import { $isBlockNode } from './nodes';
import { type ClauseNumber, numberDeclaration } from './numbering';

export interface OutlineItem extends ClauseNumber {
  key: string;
  kind: ClauseKind | null;
  /** The paragraph's id in the model (null only for a node that is not one of the declaration's blocks). */
  clauseId: string | null;
  /** Words typed after it was deleted or joined elsewhere, or brought from an earlier copy: see BlockNode. */
  flag: ParagraphFlag;
}

export function $kindOf(node: LexicalNode | null | undefined): ClauseKind | null {
  return $isBlockNode(node) ? node.getClauseKind() : null;
}

/** The declaration's top-level paragraphs with their derived numbers, in order. */
export function $readOutline(): OutlineItem[] {
  const blocks = $getRoot().getChildren();
  const entries = blocks.map((node) => ({ kind: $kindOf(node) }));
  const numbers = numberDeclaration(entries);
  return blocks.map((node, index) => ({
    key: node.getKey(),
    kind: entries[index]!.kind,
    clauseId: $isBlockNode(node) ? node.getBlockId() : null,
    flag: $isBlockNode(node) ? node.getFlag() : null,
    ...numbers[index]!,
  }));
}

/** The top-level paragraph holding `node`, or null outside the declaration's body. */
export function $blockOf(node: LexicalNode | null | undefined): ElementNode | null {
  const block = node ? (node.getKey() === 'root' ? null : node.getTopLevelElement()) : null;
  return $isBlockNode(block) ? block : null;
}
