import { $isElementNode, type ElementNode, type LexicalNode } from 'lexical';
import { $kindOf } from './outline';

/**
 * A paragraph with what belongs to it: an OP (or any paragraph) and the sub-paragraphs
 * directly after it. A sub-paragraph on its own is a block of one.
 */
export function $blockWithSubParagraphs(start: ElementNode): LexicalNode[] {
  const nodes: LexicalNode[] = [start];
  if ($kindOf(start) === 'sub') return nodes;
  for (let next = start.getNextSibling(); next && $kindOf(next) === 'sub'; next = next.getNextSibling()) nodes.push(next);
  return nodes;
}

/** Where the block before `start` begins: a paragraph above, or the OP of the subs above. */
function $previousBlockStart(start: ElementNode): LexicalNode | null {
  let previous = start.getPreviousSibling();
  if (!previous || $kindOf(start) === 'sub') return previous;
  while (previous && $kindOf(previous) === 'sub') {
    const before: LexicalNode | null = previous.getPreviousSibling();
    if (!before) break;
    previous = before;
  }
  return previous;
}

/**
 * Moves a paragraph (an OP with its sub-paragraphs) above the block before it, or below the
 * block after it. A sub-paragraph moves one place, and may so pass under another OP. Numbers
 * follow by themselves. Returns false at the top or bottom. In Yjs a move is a delete and an
 * insert of the moved paragraphs (a limit of @lexical/yjs), so the window warns collaborators.
 */
export function $moveBlock(start: ElementNode, direction: 'up' | 'down'): boolean {
  const block = $blockWithSubParagraphs(start);
  if (direction === 'up') {
    const target = $previousBlockStart(start);
    if (!target) return false;
    for (const node of block) target.insertBefore(node);
    return true;
  }
  const after = block[block.length - 1]!.getNextSibling();
  if (!after || !$isElementNode(after)) return false;
  const nextBlock = $kindOf(start) === 'sub' ? [after] : $blockWithSubParagraphs(after);
  let anchor: LexicalNode = nextBlock[nextBlock.length - 1]!;
  for (const node of block) {
    anchor.insertAfter(node);
    anchor = node;
  }
  return true;
}
