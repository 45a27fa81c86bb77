import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { declarationNodes } from '../../shared/model/declarationNodes';
import { useApp } from '../app/context';
import type { ApiClient } from '../platform/apiClient';
import { ReplicaProvider } from '../platform/replicaProvider';
import { DeclarationRulesPlugin } from './DeclarationRulesPlugin';
import { DriftGuardPlugin } from './DriftGuardPlugin';
import { ParagraphSplitPlugin } from './ParagraphSplitPlugin';
import { PasteGuardPlugin } from './PasteGuardPlugin';
import { type Participant, PresencePlugin } from './PresencePlugin';
import { declarationTheme } from './theme';

export interface DeclarationEditorProps {
  api: ApiClient;
  documentId: string;
  /** Called with the provider once it exists, so the screen can show its save state. */
  onProvider(provider: ReplicaProvider): void;
  onPasteRefused(characters: number): void;
  /** This window's participant, once known from the meeting's hub; null for a local meeting. */
  me: Participant | null;
  readOnly: boolean;
  provider: ReplicaProvider | null;
  /** The editor no longer shows what its document holds: the screen rebuilds it. */
  onDrift(): void;
  /** Only paragraphs not yet agreed are shown. */
  openOnly: boolean;
  /** Above the text (the toolbar), beside it (panels) and over it (dialogs): all inside the editor's context. */
  toolbar: ReactNode;
  aside: ReactNode;
}

/**
 * The declaration's rich text: Lexical bound to a Y.Doc that syncs with main's replica. Content
 * comes only from the replica (main seeds new documents), never from a local bootstrap.
 */
export function DeclarationEditor({ api, documentId, onProvider, onPasteRefused, me, readOnly, provider, onDrift, openOnly, toolbar, aside }: DeclarationEditorProps) {
  const { t } = useTranslation();
  const { preloader } = useApp();
  const initialConfig = useMemo(
    () => ({
      namespace: 'accord-declaration',
      nodes: [...declarationNodes],
      theme: declarationTheme,
      // Collaboration owns the content; Lexical must not create its own initial state.
      editorState: null,
      onError: (error: Error) => {
        throw error;
      },
    }),
    [],
  );

  const providerFactory = useCallback(
    (id: string, docMap: Map<string, Y.Doc>) => {
      const provider = preloader.take(id) ?? new ReplicaProvider(api, id, new Y.Doc());
      docMap.set(id, provider.doc);
      onProvider(provider);
      return provider.asLexicalProvider();
    },
    [api, preloader, onProvider],
  );

  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <div className="editor-column">
          {toolbar}
          <div className={`editor${openOnly ? ' editor--open-only' : ''}`}>
            <div className="editor__page">
              <RichTextPlugin
                contentEditable={<ContentEditable className="editor__content" aria-label={t('editor.label')} spellCheck />}
                placeholder={<div className="editor__placeholder">{t('editor.placeholder')}</div>}
                ErrorBoundary={LexicalErrorBoundary}
              />
            </div>
          </div>
        </div>
        {aside}
        <ListPlugin />
        <DeclarationRulesPlugin readOnly={readOnly} />
        <ParagraphSplitPlugin />
        <PasteGuardPlugin onRefused={onPasteRefused} />
        <PresencePlugin provider={provider} me={me} readOnly={readOnly} />
        <DriftGuardPlugin provider={provider} onDrift={onDrift} />
        <CollaborationPlugin id={documentId} providerFactory={providerFactory} shouldBootstrap={false} />
      </LexicalComposer>
    </LexicalCollaboration>
  );
}
