import { ListItemNode, ListNode } from '@lexical/list';
import { MarkNode } from '@lexical/mark';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { accordNodes } from '../declaration/nodes';

/**
 * The Lexical node set of a declaration. The window's editor, main's headless seeding and the
 * tests must agree on it, or content one of them writes cannot be read by another. Headings and
 * lists stay registered so that drafts written before paragraph kinds existed still open.
 */
export const declarationNodes: ReadonlyArray<Klass<LexicalNode>> = [HeadingNode, QuoteNode, ListNode, ListItemNode, MarkNode, ...accordNodes];

/** Root of the Lexical content inside a document's Y.Doc (the @lexical/yjs default). */
export const DECLARATION_ROOT = 'root';
