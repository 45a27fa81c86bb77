import { $isMarkNode, MarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import { $getSelection, $isRangeSelection, $nodesOfType } from 'lexical';
import { useEffect } from 'react';
import type { CommentThread } from '../../shared/declaration/comments';

/**
 * Links comment marks in the text to their threads: the caret in a mark makes its thread the
 * active one, and a mark whose threads are all resolved stops being highlighted.
 */
export function CommentMarksPlugin({ threads, onActiveThread }: { threads: ReadonlyArray<CommentThread>; onActiveThread(id: string | null): void }) {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    const resolved = new Set(threads.filter((thread) => thread.resolved).map((thread) => thread.id));
    const decorate = () =>
      editor.getEditorState().read(() => {
        for (const mark of $nodesOfType(MarkNode)) {
          const dom = editor.getElementByKey(mark.getKey());
          const ids = mark.getIDs();
          dom?.classList.toggle('doc-comment--resolved', ids.length > 0 && ids.every((id) => resolved.has(id)));
        }
      });
    decorate();
    return mergeRegister(
      editor.registerMutationListener(MarkNode, decorate),
      editor.registerUpdateListener(({ editorState }) => {
        const id = editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return undefined;
          const mark = $findMatchingParent(selection.anchor.getNode(), $isMarkNode);
          return $isMarkNode(mark) ? (mark.getIDs()[0] ?? null) : null;
        });
        if (id !== undefined) onActiveThread(id);
      }),
    );
  }, [editor, threads, onActiveThread]);
  return null;
}
