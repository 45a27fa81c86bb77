import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND } from 'lexical';
import { useEffect } from 'react';
import { MOVE_PARAGRAPH_COMMAND, SET_PARAGRAPH_KIND_COMMAND } from '../../shared/declaration/binding/declarationCommands';
import type { BlockKind } from '../../shared/model/kinds';
import { $isFieldNode } from '../../shared/declaration/nodes';
import { registerDeclarationRules } from '../../shared/declaration/registerDeclaration';

/** Ctrl+Alt+digit: the paragraph kinds in reading order; 0 is plain text. */
export const KIND_SHORTCUTS: ReadonlyArray<[string, BlockKind]> = [
  ['1', 'title'],
  ['2', 'opening'],
  ['3', 'pp'],
  ['4', 'operative-opening'],
  ['5', 'op'],
  ['6', 'sub'],
  ['7', 'adoption'],
  ['0', 'paragraph'],
];

/**
 * The declaration's rules (lead words, well-formed brackets) and its keys: Ctrl+Alt+digit sets a
 * paragraph's kind and Alt+↑/↓ moves it with its sub-paragraphs, both as commands the binding
 * runs on the model (Tab and Shift+Tab are the binding's own).
 */
export function DeclarationRulesPlugin({ readOnly }: { readOnly: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerDeclarationRules(editor), [editor]);
  // A caret placed in a template's blank selects the whole blank, so typing fills it.
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, tags }) => {
        if (tags.has('collaboration')) return;
        const field = editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
          const node = selection.anchor.getNode();
          return $isFieldNode(node) ? node.getKey() : null;
        });
        if (field) {
          editor.update(() => {
            const node = $getNodeByKey(field);
            if ($isFieldNode(node)) node.select(0, node.getTextContentSize());
          });
        }
      }),
    [editor],
  );
  useEffect(() => {
    if (readOnly) return;
    return editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
          event.preventDefault();
          editor.dispatchCommand(MOVE_PARAGRAPH_COMMAND, event.key === 'ArrowUp' ? 'up' : 'down');
          return true;
        }
        const shortcut = event.ctrlKey && event.altKey ? KIND_SHORTCUTS.find(([digit]) => event.code === `Digit${digit}`) : undefined;
        if (shortcut) {
          event.preventDefault();
          editor.dispatchCommand(SET_PARAGRAPH_KIND_COMMAND, shortcut[1]);
          return true;
        }
        return false;
      },
      COMMAND_PRIORITY_HIGH,
    );
  }, [editor, readOnly]);
  return null;
}
