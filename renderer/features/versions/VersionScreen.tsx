import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { formatMoment } from '../../ui/format';
import { navigate } from '../../app/route';
import { useAsync } from '../../ui/useAsync';
import { ReadOnlyDeclaration } from '../../editor/ReadOnlyDeclaration';
import { useSyncStatus } from '../collaboration/useSyncStatus';

/** One saved version, read-only, with the way to compare it or go back to it. */
export function VersionScreen({ documentId, versionId }: { documentId: string; versionId: string }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [document] = useAsync(() => api.call('documents.get', { documentId }), [api, documentId]);
  const [content, reload] = useAsync(() => api.call('versions.open', { documentId, versionId }), [api, documentId, versionId]);
  const sync = useSyncStatus(document.status === 'ready' ? document.value.meetingId : undefined);
  const secretariat = (sync?.role ?? 'secretariat') === 'secretariat';
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (content.status === 'error') return <InlineError error={content.error} onRetry={reload} />;
  const version = content.status === 'ready' ? content.value.version : null;

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('versions.restore', { documentId, versionId });
      navigate({ name: 'document', documentId });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <section className="page page--document page--version" aria-label={version ? t('versions.readingTitle', { label: version.label }) : undefined}>
      <div className="doc-head">
        <nav className="crumbs">
          <a href={`#/document/${documentId}`}>
            ← {t('versions.backToDraft', { title: document.status === 'ready' ? document.value.title : '' })}
          </a>
        </nav>
        {version && (
          <div className="doc-head__row">
            <h1 className="doc-title">
              {version.label}
              <span className="version-badge">{t(`versions.statuses.${version.status}`)}</span>
            </h1>
            <div className="page__actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => navigate({ name: 'compare', documentId, before: versionId, after: 'current' })}
              >
                {t('versions.compareWithCurrent')}
              </button>
              {secretariat && (
                <button type="button" className="button button--primary" onClick={() => setConfirming(true)} disabled={busy}>
                  {t('versions.restoreThis')}
                </button>
              )}
            </div>
          </div>
        )}
        {version && (
          <p className="page__sub">
            {t('versions.savedLine', {
              name: version.author.delegation ? `${version.author.name} (${version.author.delegation})` : version.author.name,
              when: formatMoment(version.createdAt, language),
            })}
            {version.circulated && ` · ${t('versions.circulatedOn', { when: formatMoment(version.circulated.at, language) })}`}
          </p>
        )}
      </div>
      <div className="banner banner--info">{t('versions.readOnly')}</div>
      {confirming && version && (
        <div className="banner banner--warning versions__confirm" role="alertdialog" aria-labelledby="restore-question">
          <p id="restore-question">{t('versions.restoreQuestion', { label: version.label })}</p>
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('versions.cancel')}
            </button>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void restore()}>
              {t('versions.restoreConfirm', { label: version.label })}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {content.status === 'ready' && (
        <div className="doc-body doc-body--single">
          <ReadOnlyDeclaration
            editorState={content.value.editorState}
            statuses={content.value.statuses}
            label={t('versions.textOf', { label: content.value.version.label })}
          />
        </div>
      )}
    </section>
  );
}
