import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { DeclarationBinding } from '../../shared/declaration/binding/declarationBinding';
import { declarationNodes } from '../../shared/declaration/declarationNodes';
import { useApp } from '../app/context';
import type { ApiClient } from '../platform/apiClient';
import { ReplicaProvider } from '../platform/replicaProvider';
import { DeclarationBindingPlugin } from './DeclarationBindingPlugin';
import { DeclarationRulesPlugin } from './DeclarationRulesPlugin';
import { FreshSelectionPlugin } from './FreshSelectionPlugin';
import { DriftGuardPlugin } from './DriftGuardPlugin';
import { PasteGuardPlugin } from './PasteGuardPlugin';
import { type Participant, PresencePlugin } from './PresencePlugin';
import { RemoteCursorsPlugin } from './RemoteCursorsPlugin';
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
  /** Only paragraphs not yet agreed are shown. */
  openOnly: boolean;
  /** Above the text (the toolbar), beside it (panels) and over it (dialogs): all inside the editor's context. */
  toolbar: ReactNode;
  aside: ReactNode;
}

/**
 * The declaration's rich text: Lexical bound by Accord's binding to the declaration's model in a
 * Y.Doc that syncs with main's replica. Content comes only from the replica (main seeds new
 * documents), never from a local bootstrap.
 */
export function DeclarationEditor(props: DeclarationEditorProps) {
  // Main rebuilt the document from its hub's copy (the hub refused a change): the editor starts
  // afresh on a new Y.Doc, since the old one holds the refused change.
  const [generation, setGeneration] = useState(0);
  const onReplaced = useCallback(() => setGeneration((g) => g + 1), []);
  return <BoundEditor key={generation} {...props} onReplaced={onReplaced} />;
}

function BoundEditor({
  api,
  documentId,
  onProvider,
  onPasteRefused,
  onReplaced,
  me,
  readOnly,
  openOnly,
  toolbar,
  aside,
}: DeclarationEditorProps & { onReplaced(): void }) {
  const { t } = useTranslation();
  const { preloader } = useApp();
  const initialConfig = useMemo(
    () => ({
      namespace: 'accord-declaration',
      nodes: [...declarationNodes],
      theme: declarationTheme,
      // The binding owns the content; Lexical must not create its own initial state.
      editorState: null,
      onError: (error: Error) => {
        throw error;
      },
    }),
    [],
  );

  // One provider per document for as long as the editor shows it: the preloaded one if the
  // text was asked for before the editor existed, a new one otherwise.
  const provider = useMemo(() => {
    const preloaded = preloader.take(documentId);
    if (preloaded) return preloaded;
    const created = new ReplicaProvider(api, documentId, new Y.Doc());
    created.connect();
    return created;
  }, [api, preloader, documentId]);
  useEffect(() => {
    onProvider(provider);
    provider.on('replaced', onReplaced);
    return () => {
      provider.off('replaced', onReplaced);
      provider.destroy();
      provider.doc.destroy();
    };
  }, [provider, onProvider, onReplaced]);
  const [binding, setBinding] = useState<DeclarationBinding | null>(null);
  const [earlier, setEarlier] = useState(false);
  const onEarlierFormat = useCallback(() => setEarlier(true), []);
  const editable = !readOnly && !earlier;

  return (
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
            <RemoteCursorsPlugin provider={provider} binding={binding} />
          </div>
        </div>
      </div>
      {aside}
      <DeclarationBindingPlugin provider={provider} documentId={documentId} onBinding={setBinding} onEarlierFormat={onEarlierFormat} />
      <FreshSelectionPlugin />
      <DeclarationRulesPlugin readOnly={!editable} />
      <PasteGuardPlugin onRefused={onPasteRefused} />
      <PresencePlugin provider={provider} me={me} readOnly={!editable || binding === null} />
      <DriftGuardPlugin provider={provider} binding={binding} />
    </LexicalComposer>
  );
}
