import { $isHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $isParagraphNode, type ElementNode } from 'lexical';
import type { ClauseKind } from './kinds';
import { $createClauseNode, $isClauseNode } from './nodes';
import { $kindOf } from './outline';

/**
 * Gives a paragraph another kind (null: plain text). Its text, formatting, brackets and clause
 * id stay; only the node around them changes, which Yjs sees as that paragraph replaced. Lists
 * and quotes are left alone: they hold paragraphs of their own.
 */
export function $setParagraphKind(block: ElementNode, kind: ClauseKind | null): ElementNode {
  if ($kindOf(block) === kind && (kind !== null || ($isParagraphNode(block) && !$isClauseNode(block)))) return block;
  if (!($isParagraphNode(block) || $isHeadingNode(block))) return block;
  const next = kind === null ? $createParagraphNode() : $createClauseNode(kind, $isClauseNode(block) ? block.getClauseId() : undefined);
  next.setFormat(block.getFormatType());
  next.setDirection(block.getDirection());
  // `true` moves the children (keys and all), so the caret stays where it was.
  return block.replace(next, true);
}
