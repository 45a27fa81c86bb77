import { MarkNode } from '@lexical/mark';
import type { LexicalNodeConfig } from 'lexical';
import { accordNodes } from './nodes';

/**
 * The Lexical node set of a declaration. The window's editor, main's headless editors and the
 * tests must agree on it, or content one of them writes cannot be read by another.
 */
export const declarationNodes: ReadonlyArray<LexicalNodeConfig> = [MarkNode, ...accordNodes];
