import { ParagraphNode, type Klass, type LexicalNode, type LexicalNodeReplacement } from 'lexical';
import { AlternativeNode } from './AlternativeNode';
import { $createBlockNode, BlockNode } from './BlockNode';
import { BracketNode } from './BracketNode';
import { FieldNode } from './FieldNode';

/**
 * Accord's own nodes, registered wherever a declaration is edited or read. Lexical's paragraph is
 * replaced by the declaration's block, so every paragraph anything creates has a kind and an id.
 */
export const accordNodes: ReadonlyArray<Klass<LexicalNode> | LexicalNodeReplacement> = [
  BlockNode,
  { replace: ParagraphNode, with: () => $createBlockNode('paragraph'), withKlass: BlockNode },
  FieldNode,
  BracketNode,
  AlternativeNode,
];

export { $createBlockNode, $createBlockNode as $createClauseNode, $isBlockNode, $isClauseBlock as $isClauseNode, BlockNode, newBlockId } from './BlockNode';
export { $createFieldNode, $createFieldText, $isFieldNode, FieldNode } from './FieldNode';
export { $createBracketNode, $isBracketNode, BracketNode } from './BracketNode';
export { $createAlternativeNode, $isAlternativeNode, AlternativeNode } from './AlternativeNode';
