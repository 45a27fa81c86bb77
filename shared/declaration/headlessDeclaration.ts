import { createHeadlessEditor } from '@lexical/headless';
import { mergeRegister } from '@lexical/utils';
import type { LexicalCommand, LexicalEditor } from 'lexical';
import type * as Y from 'yjs';
import { DeclarationBinding } from './binding/declarationBinding';
import { registerDeclarationCommands } from './binding/declarationCommands';
import { registerDeclarationHistory } from './binding/declarationHistory';
import { registerDeclarationRules } from './registerDeclaration';
import { declarationNodes } from './declarationNodes';

export interface HeadlessDeclaration {
  readonly editor: LexicalEditor;
  readonly binding: DeclarationBinding;
  /** Runs `fn` as one Lexical update and waits until it has reached the Y.Doc. */
  update(fn: () => void): void;
  /** Dispatches a command (a structural edit, undo …) as the window's toolbar or keys would. */
  dispatch<P>(command: LexicalCommand<P>, payload: P): boolean;
  dispose(): void;
}

/**
 * A Lexical editor without a DOM bound to a declaration's Y.Doc exactly as the window's editor is
 * (the same nodes, rules, binding and commands). Used to read and write a declaration as a window
 * would from outside one: main, the CLI, tests and benchmarks.
 */
export function openHeadlessDeclaration(doc: Y.Doc, options: { history?: boolean; newId?: () => string; random?: () => number } = {}): HeadlessDeclaration {
  const editor = createHeadlessEditor({
    namespace: 'accord-declaration',
    nodes: [...declarationNodes],
    onError: (error) => {
      throw error;
    },
  });
  const unregisterRules = registerDeclarationRules(editor);
  const binding = new DeclarationBinding(editor, doc, { newId: options.newId, random: options.random });
  const unregister = mergeRegister(
    unregisterRules,
    registerDeclarationCommands(editor, binding),
    options.history ? registerDeclarationHistory(binding) : () => undefined,
    () => binding.destroy(),
  );
  return {
    editor,
    binding,
    update(fn) {
      editor.update(fn, { discrete: true });
    },
    dispatch(command, payload) {
      let handled = false;
      editor.update(
        () => {
          handled = editor.dispatchCommand(command, payload);
        },
        { discrete: true },
      );
      return handled;
    },
    dispose: unregister,
  };
}
