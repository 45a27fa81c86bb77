import { $getRoot, $isElementNode, type ElementNode, type LexicalNode } from 'lexical';
import type { ClauseKind } from './kinds';
import { $isClauseNode } from './nodes';
import { type ClauseNumber, numberDeclaration } from './numbering';

export interface OutlineItem extends ClauseNumber {
  key: string;
  kind: ClauseKind | null;
  clauseId: string | null;
}

export function $kindOf(node: LexicalNode | null | undefined): ClauseKind | null {
  return $isClauseNode(node) ? node.getKind() : null;
}

/** The declaration's top-level paragraphs with their derived numbers, in order. */
export function $readOutline(): OutlineItem[] {
  const blocks = $getRoot().getChildren();
  const entries = blocks.map((node) => ({ kind: $kindOf(node) }));
  const numbers = numberDeclaration(entries);
  return blocks.map((node, index) => ({
    key: node.getKey(),
    kind: entries[index]!.kind,
    clauseId: $isClauseNode(node) ? node.getClauseId() : null,
    ...numbers[index]!,
  }));
}

/** The top-level paragraph holding `node`, or null outside the declaration's body. */
export function $blockOf(node: LexicalNode | null | undefined): ElementNode | null {
  const block = node ? node.getTopLevelElement() : null;
  return $isElementNode(block) ? block : null;
}
