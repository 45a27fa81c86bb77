import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getNodeByKey, $getSelection, $isElementNode, $isRangeSelection, COMMAND_PRIORITY_HIGH, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, KEY_TAB_COMMAND } from 'lexical';
import { useEffect } from 'react';
import type { ClauseKind } from '../../shared/declaration/kinds';
import { $moveBlock } from '../../shared/declaration/moveClause';
import { $isFieldNode } from '../../shared/declaration/nodes';
import { $blockOf, $kindOf } from '../../shared/declaration/outline';
import { $setParagraphKind } from '../../shared/declaration/paragraphKind';
import { registerDeclarationRules } from '../../shared/declaration/registerDeclaration';

/** Ctrl+Alt+digit: the paragraph kinds in reading order; 0 is plain text. */
export const KIND_SHORTCUTS: ReadonlyArray<[string, ClauseKind | null]> = [
  ['1', 'title'],
  ['2', 'opening'],
  ['3', 'pp'],
  ['4', 'operative-opening'],
  ['5', 'op'],
  ['6', 'sub'],
  ['7', 'adoption'],
  ['0', null],
];

/** Sets the kind of every paragraph the selection touches. */
export function $setSelectedKind(kind: ClauseKind | null): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const blocks = new Set(selection.getNodes().map($blockOf).filter((block) => block !== null));
  const anchorBlock = $blockOf(selection.anchor.getNode());
  if (anchorBlock) blocks.add(anchorBlock);
  for (const block of blocks) $setParagraphKind(block, kind);
}

export function $moveSelectedBlock(direction: 'up' | 'down'): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  const block = $blockOf(selection.anchor.getNode());
  return block ? $moveBlock(block, direction) : false;
}

/**
 * The declaration's rules (lead words, well-formed brackets, unique clause ids) and its keys:
 * Ctrl+Alt+digit sets a paragraph's kind, Alt+↑/↓ moves it with its sub-paragraphs, Tab and
 * Shift+Tab turn an OP into a sub-paragraph of the one above and back.
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
    return mergeRegister(
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
            event.preventDefault();
            editor.update(() => void $moveSelectedBlock(event.key === 'ArrowUp' ? 'up' : 'down'));
            return true;
          }
          const shortcut = event.ctrlKey && event.altKey ? KIND_SHORTCUTS.find(([digit]) => event.code === `Digit${digit}`) : undefined;
          if (shortcut) {
            event.preventDefault();
            editor.update(() => $setSelectedKind(shortcut[1]));
            return true;
          }
          return false;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        KEY_TAB_COMMAND,
        (event) => {
          const change = editor.getEditorState().read(() => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return null;
            const block = $blockOf(selection.anchor.getNode());
            const kind = $kindOf(block);
            const target: ClauseKind | null = event.shiftKey ? (kind === 'sub' ? 'op' : null) : kind === 'op' && ['op', 'sub'].includes($kindOf(block?.getPreviousSibling()) ?? '') ? 'sub' : null;
            return block && target ? { key: block.getKey(), target } : null;
          });
          if (!change) return false;
          event.preventDefault();
          editor.update(() => {
            const block = $getNodeByKey(change.key);
            if ($isElementNode(block)) $setParagraphKind(block, change.target);
          });
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor, readOnly]);
  return null;
}
