import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createRangeSelectionFromDom, $getSelection, $isRangeSelection, $setSelection, COMMAND_PRIORITY_CRITICAL, getDOMSelection, KEY_DOWN_COMMAND } from 'lexical';
import { useEffect } from 'react';

/** Keys that act on where the caret is, rather than type at it. */
const ACTING_KEYS = new Set(['Enter', 'Backspace', 'Delete', 'Tab']);

/**
 * Lexical learns of a caret moved by the keyboard from the browser's selectionchange event, which
 * the browser may deliver after the next key when keys come fast (End then Enter, from a fast
 * hand, a slow machine or a keyboard macro): Enter would then split the paragraph where the caret
 * was before End. Keys that act on the caret's place (Enter, Backspace, Delete, Tab and the
 * shortcuts with Alt or Ctrl) first take the caret from the screen.
 */
export function FreshSelectionPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!ACTING_KEYS.has(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) return false;
          const current = $getSelection();
          const fresh = $createRangeSelectionFromDom(getDOMSelection(window), editor);
          if (fresh && $isRangeSelection(current) && !fresh.is(current)) $setSelection(fresh);
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    [editor],
  );
  return null;
}
