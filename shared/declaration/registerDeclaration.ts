import { mergeRegister } from '@lexical/utils';
import type { LexicalEditor } from 'lexical';
import { registerBracketRules } from './brackets';
import { registerLeadWords } from './leadWordTransform';

/**
 * The rules a declaration keeps whoever edits it: a window, a headless editor in main, a test.
 * Registered on every editor bound to a declaration, so content written anywhere has one shape.
 */
export function registerDeclarationRules(editor: LexicalEditor): () => void {
  return mergeRegister(registerLeadWords(editor), registerBracketRules(editor));
}
