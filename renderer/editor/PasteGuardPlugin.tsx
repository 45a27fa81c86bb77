import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_CRITICAL, PASTE_COMMAND } from 'lexical';
import { useEffect } from 'react';

/** About 300 pages of declaration text: far beyond any real clause, well inside what syncs quickly. */
export const MAX_PASTE_CHARACTERS = 1_000_000;

function pastedSize(event: ClipboardEvent | KeyboardEvent | InputEvent): number {
  const data = 'clipboardData' in event ? event.clipboardData : null;
  if (!data) return 0;
  return Math.max(data.getData('text/plain').length, data.getData('text/html').length);
}

/**
 * Refuses a paste too large to edit and sync comfortably before Lexical parses it, so the
 * document is never half-changed and the window never freezes; the user is told why.
 */
export function PasteGuardPlugin({ onRefused }: { onRefused(characters: number): void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const size = pastedSize(event);
          if (size <= MAX_PASTE_CHARACTERS) return false;
          event.preventDefault();
          onRefused(size);
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    [editor, onRefused],
  );
  return null;
}
