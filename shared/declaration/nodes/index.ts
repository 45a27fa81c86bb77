import type { Klass, LexicalNode } from 'lexical';
import type { ClauseKind } from '../kinds';
import { $createAdoptionNode, AdoptionNode } from './AdoptionNode';
import { AlternativeNode } from './AlternativeNode';
import { BracketNode } from './BracketNode';
import type { ClauseNode } from './ClauseNode';
import { FieldNode } from './FieldNode';
import { $createOpeningNode, OpeningNode } from './OpeningNode';
import { $createOperativeNode, OperativeNode } from './OperativeNode';
import { $createOperativeOpeningNode, OperativeOpeningNode } from './OperativeOpeningNode';
import { $createPreambularNode, PreambularNode } from './PreambularNode';
import { $createSubParagraphNode, SubParagraphNode } from './SubParagraphNode';
import { $createTitleNode, TitleNode } from './TitleNode';

/** Accord's own nodes, registered wherever a declaration is edited or read. */
export const accordNodes: ReadonlyArray<Klass<LexicalNode>> = [
  TitleNode,
  OpeningNode,
  PreambularNode,
  OperativeOpeningNode,
  OperativeNode,
  SubParagraphNode,
  AdoptionNode,
  FieldNode,
  BracketNode,
  AlternativeNode,
];

const factories: Record<ClauseKind, (clauseId?: string) => ClauseNode> = {
  title: $createTitleNode,
  opening: $createOpeningNode,
  pp: $createPreambularNode,
  'operative-opening': $createOperativeOpeningNode,
  op: $createOperativeNode,
  sub: $createSubParagraphNode,
  adoption: $createAdoptionNode,
};

export function $createClauseNode(kind: ClauseKind, clauseId?: string): ClauseNode {
  return factories[kind](clauseId);
}

export { $isClauseNode, ClauseNode } from './ClauseNode';
export { $createFieldNode, $isFieldNode, FieldNode } from './FieldNode';
export { $createBracketNode, $isBracketNode, BracketNode } from './BracketNode';
export { $createAlternativeNode, $isAlternativeNode, AlternativeNode } from './AlternativeNode';
