import {
  $createRangeSelection,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type PointType,
  type RangeSelection,
  type TextNode,
} from 'lexical';
import { $isBlockNode, type BlockNode } from '../nodes/BlockNode';

/**
 * Converting between Lexical's points (a node and an offset in it) and the model's (a paragraph
 * id and a character offset in its text), counted the way the model counts: every character of
 * a text node, one for a line break, nothing for the elements around them.
 */
export interface ModelPoint {
  id: string;
  offset: number;
}

function leafSize(node: LexicalNode): number {
  if ($isTextNode(node)) return node.getTextContentSize();
  if ($isLineBreakNode(node)) return 1;
  return $isElementNode(node) ? 0 : node.getTextContentSize();
}

/** The leaves of a paragraph in reading order (text, line breaks, anything not an element). */
export function $leavesOf(element: ElementNode): LexicalNode[] {
  const leaves: LexicalNode[] = [];
  const visit = (node: LexicalNode) => {
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
    else leaves.push(node);
  };
  for (const child of element.getChildren()) visit(child);
  return leaves;
}

/** The top-level paragraph holding a node, if it is one of the declaration's blocks. */
export function $blockOfNode(node: LexicalNode | null | undefined): BlockNode | null {
  if (!node) return null;
  const top = node.getKey() === 'root' ? null : node.getTopLevelElement();
  return $isBlockNode(top) ? top : null;
}

/** Characters of `block` before `node` (a leaf, or an element whose first leaf it counts to). */
function $offsetBefore(block: ElementNode, target: LexicalNode): number {
  let offset = 0;
  let found = false;
  const visit = (node: LexicalNode): void => {
    if (found) return;
    if (node.is(target)) {
      found = true;
      return;
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
    else offset += leafSize(node);
  };
  for (const child of block.getChildren()) visit(child);
  return offset;
}

export function $modelPointOf(point: PointType): ModelPoint | null {
  const node = point.getNode();
  const block = $isBlockNode(node) && node.getParent()?.getKey() === 'root' ? node : $blockOfNode(node);
  if (!block) return null;
  if (point.type === 'text') return { id: block.getBlockId(), offset: $offsetBefore(block, node) + point.offset };
  const element = node as ElementNode;
  const child = element.getChildAtIndex(point.offset);
  if (child) return { id: block.getBlockId(), offset: $offsetBefore(block, child) };
  // After the last child of `element`: everything up to the end of its last leaf.
  const last = $isElementNode(element) ? element.getLastDescendant() : null;
  return { id: block.getBlockId(), offset: last ? $offsetBefore(block, last) + leafSize(last) : element.is(block) ? 0 : $offsetBefore(block, element) };
}

/** Sets a point at a character offset of a paragraph: in a text node where there is one. */
export function $setPointAt(point: PointType, block: ElementNode, offset: number): void {
  let at = 0;
  let lastText: TextNode | null = null;
  for (const leaf of $leavesOf(block)) {
    const size = leafSize(leaf);
    if ($isTextNode(leaf)) {
      // A token (a template's blank) holds the caret only at its edges.
      const inside = leaf.isToken() ? (offset - at <= 0 ? 0 : size) : offset - at;
      if (offset <= at + size) {
        point.set(leaf.getKey(), Math.max(0, Math.min(size, inside)), 'text');
        return;
      }
      lastText = leaf;
    } else if (offset <= at) {
      const parent = leaf.getParentOrThrow();
      point.set(parent.getKey(), leaf.getIndexWithinParent(), 'element');
      return;
    }
    at += size;
  }
  if (lastText) point.set(lastText.getKey(), lastText.getTextContentSize(), 'text');
  else point.set(block.getKey(), block.getChildrenSize(), 'element');
}

/** A range selection between two model points, or null when a paragraph is not in the editor. */
export function $selectionBetween(anchor: ModelPoint, focus: ModelPoint, blocks: (id: string) => BlockNode | null): RangeSelection | null {
  const anchorBlock = blocks(anchor.id);
  const focusBlock = blocks(focus.id);
  if (!anchorBlock || !focusBlock) return null;
  const selection = $createRangeSelection();
  $setPointAt(selection.anchor, anchorBlock, anchor.offset);
  $setPointAt(selection.focus, focusBlock, focus.offset);
  return selection;
}

/** Every top-level block by its id (the first of any that share one). */
export function $blocksById(): Map<string, BlockNode> {
  const blocks = new Map<string, BlockNode>();
  for (const child of $getRoot().getChildren()) if ($isBlockNode(child) && !blocks.has(child.getBlockId())) blocks.set(child.getBlockId(), child);
  return blocks;
}
