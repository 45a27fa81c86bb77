import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../app/ErrorScreen';
import { formatBytes } from '../../app/format';
import { useAsync } from '../../app/useAsync';
import { DeclarationEditor } from '../../editor/DeclarationEditor';
import { MAX_PASTE_CHARACTERS } from '../../editor/PasteGuardPlugin';
import type { ReplicaProvider } from '../../platform/replicaProvider';
import { DocumentTitle } from './DocumentTitle';
import { SaveStatus } from './SaveStatus';

export function DeclarationScreen({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [document, reload] = useAsync(() => api.call('documents.get', { documentId }), [api, documentId]);
  const [provider, setProvider] = useState<ReplicaProvider | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onPasteRefused = useCallback(
    (characters: number) =>
      setNotice(t('editor.pasteTooLarge', { size: formatBytes(characters), limit: formatBytes(MAX_PASTE_CHARACTERS) })),
    [t],
  );

  if (document.status === 'loading') return null;
  if (document.status === 'error') return <InlineError error={document.error} onRetry={reload} />;
  const doc = document.value;

  return (
    <section className="page page--document" aria-label={doc.title}>
      <div className="doc-head">
        <nav className="crumbs">
          <a href={`#/meeting/${doc.meetingId}`}>← {t('editor.back', { meeting: doc.meetingTitle })}</a>
        </nav>
        <div className="doc-head__row">
          <DocumentTitle documentId={doc.id} title={doc.title} />
          <SaveStatus provider={provider} />
        </div>
      </div>
      {notice && (
        <div role="alert" className="banner banner--warning">
          {notice}
          <button type="button" className="button button--quiet" onClick={() => setNotice(null)} aria-label="OK">
            ✕
          </button>
        </div>
      )}
      <DeclarationEditor key={doc.id} api={api} documentId={doc.id} onProvider={setProvider} onPasteRefused={onPasteRefused} />
    </section>
  );
}
