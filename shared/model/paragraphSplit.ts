import { $isHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $getSelection, $isParagraphNode, $isRangeSelection } from 'lexical';

/**
 * Enter at the very start of a paragraph: insert an empty paragraph before it, instead of
 * Lexical's default of moving the paragraph's content into a new one. In Yjs a move is a delete
 * and an insert, so a delegate's concurrent edit inside that content (formatting it, typing in
 * it) would be lost on merge; inserting before leaves the content where it is. The caret stays
 * at the start of the same text, as with Lexical's own behaviour.
 * Returns false (Lexical then handles Enter) anywhere else.
 */
export function $insertParagraphBeforeAtStart(): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
  const { anchor } = selection;
  const block = anchor.getNode().getTopLevelElement();
  if (!block || !($isParagraphNode(block) || $isHeadingNode(block)) || block.isEmpty()) return false;
  const first = block.getFirstDescendant();
  const atStart =
    (anchor.type === 'element' && anchor.key === block.getKey() && anchor.offset === 0) ||
    (anchor.type === 'text' && anchor.offset === 0 && first !== null && anchor.key === first.getKey());
  if (!atStart) return false;
  block.insertBefore($createParagraphNode());
  return true;
}
