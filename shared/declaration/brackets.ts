import { $dfs, $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import {
  $createAlternativeNode,
  $createBracketNode,
  $isAlternativeNode,
  $isBracketNode,
  AlternativeNode,
  type BracketNode,
  BracketNode as BracketKlass,
} from './nodes';

export interface Proposal {
  text: string;
  proposers: string[];
}

export type BracketRefusal = 'empty' | 'several-paragraphs' | 'already-bracketed' | 'no-proposers';
export type BracketResult = { ok: true; bracketId: string; alternatives: Proposal[] } | { ok: false; reason: BracketRefusal };

/**
 * Puts the selected words in a bracket proposed by `proposers`, with any further alternatives
 * ("[shall / should]"). The words stay the same nodes (so a concurrent edit of them by another
 * delegation is kept); only a bracket and an alternative are put around them.
 */
export function $bracketSelection(proposers: ReadonlyArray<string>, alternatives: ReadonlyArray<Proposal> = []): BracketResult {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || selection.isCollapsed() || selection.getTextContent().trim() === '') return { ok: false, reason: 'empty' };
  if (proposers.length === 0 || alternatives.some((a) => a.proposers.length === 0)) return { ok: false, reason: 'no-proposers' };
  const block = selection.anchor.getNode().getTopLevelElement();
  if (!block || block !== selection.focus.getNode().getTopLevelElement()) return { ok: false, reason: 'several-paragraphs' };
  if (insideBracket(selection.anchor.getNode()) || insideBracket(selection.focus.getNode())) return { ok: false, reason: 'already-bracketed' };

  // Compared by key: extracting splits text, so the paragraph is a newer version of `block` by now.
  const blockKey = block.getKey();
  const covered: LexicalNode[] = [];
  for (const node of selection.extract()) {
    const child = node.getKey() === blockKey ? null : $findMatchingParent(node, (candidate) => candidate.getParent()?.getKey() === blockKey);
    if (child && !covered.some((seen) => seen.getKey() === child.getKey())) covered.push(child);
  }
  if (covered.length === 0) return { ok: false, reason: 'empty' };
  if (covered.some((node) => $isBracketNode(node) || $dfs(node).some(({ node: inner }) => $isBracketNode(inner)))) return { ok: false, reason: 'already-bracketed' };

  const bracket = $createBracketNode();
  const first = $createAlternativeNode(proposers);
  covered[0]!.insertBefore(bracket);
  bracket.append(first);
  first.append(...covered);
  for (const alternative of alternatives) {
    if (alternative.text.trim() === '') continue;
    bracket.append($createAlternativeNode(alternative.proposers).append($createTextNode(alternative.text)));
  }
  bracket.selectNext(0, 0);
  return { ok: true, bracketId: bracket.getBracketId(), alternatives: $readBracket(bracket).alternatives };
}

function insideBracket(node: LexicalNode): boolean {
  return $findMatchingParent(node, $isBracketNode) !== null;
}

export interface BracketView {
  bracketId: string;
  key: string;
  alternatives: Array<Proposal & { alternativeId: string; key: string }>;
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

export interface AgreedBracket {
  bracketId: string;
  kept: Proposal | null;
  dropped: Proposal[];
}

/**
 * Agreement: the bracket goes and the chosen wording stays as ordinary text (null: the words
 * are dropped). One change, which the caller records in the negotiation log.
 */
export function $agreeBracket(bracketId: string, keepAlternativeId: string | null): AgreedBracket | null {
  const bracket = $findBracket(bracketId);
  if (!bracket) return null;
  const view = $readBracket(bracket);
  const keep = bracket.getChildren().find((child) => $isAlternativeNode(child) && child.getAlternativeId() === keepAlternativeId);
  if (keepAlternativeId !== null && !keep) return null;
  if ($isAlternativeNode(keep)) for (const child of keep.getChildren()) bracket.insertBefore(child);
  bracket.remove();
  const strip = ({ text, proposers }: Proposal): Proposal => ({ text, proposers });
  return {
    bracketId,
    kept: view.alternatives.filter((a) => a.alternativeId === keepAlternativeId).map(strip)[0] ?? null,
    dropped: view.alternatives.filter((a) => a.alternativeId !== keepAlternativeId).map(strip),
  };
}

export function $addAlternative(bracketId: string, proposal: Proposal): boolean {
  const bracket = $findBracket(bracketId);
  if (!bracket || proposal.text.trim() === '' || proposal.proposers.length === 0) return false;
  bracket.append($createAlternativeNode(proposal.proposers).append($createTextNode(proposal.text)));
  return true;
}

export function $setProposers(alternativeId: string, proposers: ReadonlyArray<string>): boolean {
  if (proposers.length === 0) return false;
  for (const { node } of $dfs()) {
    if ($isAlternativeNode(node) && node.getAlternativeId() === alternativeId) {
      node.setProposers(proposers);
      return true;
    }
  }
  return false;
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
