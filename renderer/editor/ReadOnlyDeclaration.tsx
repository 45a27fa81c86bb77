import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useMemo } from 'react';
import type { ClauseStatusEntry } from '../../shared/declaration/clauseStatus';
import { declarationNodes } from '../../shared/declaration/declarationNodes';
import { NumberingPlugin } from './NumberingPlugin';
import { declarationTheme } from './theme';

/**
 * A declaration as it stood in a saved version: the same nodes, theme and numbering as the live
 * editor, from a serialised state, and never editable. Nothing here reaches any Y.Doc.
 */
export function ReadOnlyDeclaration({
  editorState,
  statuses,
  label,
}: {
  editorState: string;
  statuses: Readonly<Record<string, ClauseStatusEntry>>;
  label: string;
}) {
  const initialConfig = useMemo(
    () => ({
      namespace: 'accord-version',
      nodes: [...declarationNodes],
      theme: declarationTheme,
      editable: false,
      editorState,
      onError: (error: Error) => {
        throw error;
      },
    }),
    [editorState],
  );
  const statusMap = useMemo(() => new Map(Object.entries(statuses)), [statuses]);
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="editor editor--read-only">
        <div className="editor__page">
          <RichTextPlugin
            contentEditable={<ContentEditable className="editor__content" aria-label={label} aria-readonly />}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
      </div>
      <NumberingPlugin statuses={statusMap} />
    </LexicalComposer>
  );
}
