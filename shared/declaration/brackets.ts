import { $dfs, $findMatchingParent, mergeRegister } from '@lexical/utils';
import { $getSelection, $isRangeSelection, type ElementNode, type LexicalEditor } from 'lexical';
import { $isAlternativeNode, $isBracketNode, AlternativeNode, type BracketNode, BracketNode as BracketKlass } from './nodes';

/** A bracket as the window shows it, read from the editor (the model holds the same: bracketMarks.ts). */
export interface BracketView {
  bracketId: string;
  key: string;
  alternatives: Array<{ text: string; proposers: string[]; alternativeId: string; key: string }>;
}

export function $readBracket(bracket: BracketNode): BracketView {
  return {
    bracketId: bracket.getBracketId(),
    key: bracket.getKey(),
    alternatives: bracket
      .getChildren()
      .filter($isAlternativeNode)
      .map((alternative) => ({
        alternativeId: alternative.getAlternativeId(),
        key: alternative.getKey(),
        text: alternative.getTextContent(),
        proposers: [...alternative.getProposers()],
      })),
  };
}

export function $findBracket(bracketId: string): BracketNode | null {
  for (const { node } of $dfs()) if ($isBracketNode(node) && node.getBracketId() === bracketId) return node;
  return null;
}

/** The bracket around the caret or selection, if any. */
export function $selectedBracket(): BracketNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const found = $findMatchingParent(selection.anchor.getNode(), $isBracketNode);
  return $isBracketNode(found) ? found : null;
}

/**
 * Keeps brackets well formed whatever editing, pasting or merging does: text typed between two
 * alternatives joins the one before it, text at a bracket's outer edge goes outside it, and an
 * alternative found outside any bracket (pasted on its own) becomes ordinary text.
 */
export function registerBracketRules(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerNodeTransform(BracketKlass, (bracket) => {
      const children = bracket.getChildren();
      const first = children.findIndex($isAlternativeNode);
      const last = children.length - 1 - [...children].reverse().findIndex($isAlternativeNode);
      if (first === -1) return;
      children.forEach((child, index) => {
        if (index < first) bracket.insertBefore(child);
        else if (index > first && index < last && !$isAlternativeNode(child)) children.slice(0, index).reverse().find($isAlternativeNode)!.append(child);
      });
      for (const child of children.slice(last + 1).reverse()) bracket.insertAfter(child);
    }),
    editor.registerNodeTransform(AlternativeNode, (alternative) => {
      if ($isBracketNode(alternative.getParent())) return;
      unwrap(alternative);
    }),
  );
}

function unwrap(element: ElementNode): void {
  for (const child of element.getChildren()) element.insertBefore(child);
  element.remove();
}
