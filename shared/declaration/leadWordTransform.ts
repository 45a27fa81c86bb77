import { $isTextNode, type LexicalEditor, type TextNode } from 'lexical';
import { leadWordLength } from './leadWords';
import { BlockNode } from './nodes/BlockNode';

/**
 * The inline style that marks a run as a clause's lead words. A style rather than the italic
 * format: Accord sets and clears it as the words change, without ever touching italics a
 * delegate applied, and text typed after the lead words is split off it at once.
 */
export const LEAD_STYLE = 'font-style: italic; --accord-lead: 1;';

export function $isLeadWords(node: TextNode): boolean {
  return node.getStyle() === LEAD_STYLE;
}

/**
 * Keeps the lead words of every PP, OP and sub-paragraph ("*Recognizing*", "*Strongly
 * encourage*") in runs of their own with LEAD_STYLE, and nothing else so styled. Only changes
 * styles and splits runs, so the caret and concurrent edits are untouched. The style is how this
 * window draws them, never part of the model (the binding ignores styles): every window, and the
 * export, derives the lead words from the words and the kind.
 */
export function registerLeadWords(editor: LexicalEditor): () => void {
  return editor.registerNodeTransform(BlockNode, $shapeLeadWords);
}

export function $shapeLeadWords(paragraph: BlockNode): void {
  const leading: TextNode[] = [];
  for (const child of paragraph.getChildren()) {
    if (!$isTextNode(child)) break;
    leading.push(child);
  }
  const length = leadWordLength(leading.map((node) => node.getTextContent()).join(''), paragraph.getClauseKind());
  let offset = 0;
  for (const node of paragraph.getAllTextNodes()) {
    const size = node.getTextContentSize();
    const inLeading = leading.includes(node);
    if (inLeading && offset < length) {
      // Split off what runs past the lead words, then style the part within them.
      const [head, tail] = offset + size > length ? node.splitText(length - offset) : [node];
      if (head && !$isLeadWords(head)) head.setStyle(LEAD_STYLE);
      if (tail && $isLeadWords(tail)) tail.setStyle('');
    } else if ($isLeadWords(node)) {
      node.setStyle('');
    }
    offset += inLeading ? size : 0;
  }
}
