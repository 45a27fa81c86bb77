import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/model/versions';
import { useApp } from '../../app/context';
import { formatMoment } from '../../ui/format';
import { navigate } from '../../app/route';
import { saveFile } from '../../platform/saveFile';
import { useVersions } from './useVersions';

interface Props {
  documentId: string;
  /** Restoring and circulating are the secretariat's. */
  secretariat: boolean;
  onNotice(message: string): void;
  onClose(): void;
}

/** Every version of the document, and what can be done with each: open, compare, restore, circulate. */
export function VersionsDialog({ documentId, secretariat, onNotice, onClose }: Props) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [versions, reload] = useVersions(documentId);
  const [confirming, setConfirming] = useState<VersionSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = versions.status === 'ready' ? [...versions.value].reverse() : [];
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('current');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  useEffect(() => {
    if (!before && list[0]) setBefore(list[0].id);
  }, [before, list]);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const restore = (version: VersionSummary) =>
    act(async () => {
      await api.call('versions.restore', { documentId, versionId: version.id });
      setConfirming(null);
      onNotice(t('versions.restored', { label: version.label }));
      dialog.current?.close();
    });

  const circulate = (version: VersionSummary) =>
    act(async () => {
      await api.call('versions.circulate', { documentId, versionId: version.id });
      onNotice(t('versions.circulatedNotice', { label: version.label }));
      reload();
    });

  const exportFile = () =>
    act(async () => {
      const file = await api.call('documents.exportFile', { documentId });
      saveFile(file.fileName, file.content, 'application/vnd.accord+json');
    });

  const labelOf = (id: string) => (id === 'current' ? t('versions.currentText') : (list.find((v) => v.id === id)?.label ?? id));
  const go = (path: () => void) => {
    path();
    dialog.current?.close();
  };

  return (
    <dialog ref={dialog} className="dialog dialog--wide versions" aria-labelledby="versions-title" onClose={onClose}>
      <h2 id="versions-title">{t('versions.title')}</h2>
      <p className="dialog__description">{t('versions.description')}</p>
      {versions.status === 'loading' && <p className="empty">{t('app.loading')}</p>}
      {versions.status === 'error' && (
        <p role="alert" className="field__error">
          {versions.error.message}
        </p>
      )}
      {versions.status === 'ready' && list.length === 0 && <p className="empty">{t('versions.none')}</p>}
      {list.length > 0 && (
        <>
          <table className="versions__table">
            <thead>
              <tr>
                <th scope="col">{t('versions.label')}</th>
                <th scope="col">{t('versions.status')}</th>
                <th scope="col">{t('versions.savedBy')}</th>
                <th scope="col">{t('versions.savedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('versions.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((version) => (
                <tr key={version.id} aria-label={version.label}>
                  <th scope="row">
                    {version.label}
                    {version.origin !== 'saved' && <span className="versions__origin">{t(`versions.origins.${version.origin}`)}</span>}
                    {version.circulated && (
                      <span className="versions__circulated" title={t('versions.circulatedBy', { name: version.circulated.by.name })}>
                        {t('versions.circulated')}
                      </span>
                    )}
                  </th>
                  <td>{t(`versions.statuses.${version.status}`)}</td>
                  <td>{version.author.delegation ? `${version.author.name} (${version.author.delegation})` : version.author.name}</td>
                  <td>{formatMoment(version.createdAt, language)}</td>
                  <td className="versions__actions">
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-label={t('versions.openNamed', { label: version.label })}
                      onClick={() => go(() => navigate({ name: 'version', documentId, versionId: version.id }))}
                    >
                      {t('versions.open')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-label={t('versions.compareNamed', { label: version.label })}
                      onClick={() => go(() => navigate({ name: 'compare', documentId, before: version.id, after: 'current' }))}
                    >
                      {t('versions.compareWithCurrent')}
                    </button>
                    {secretariat && (
                      <button
                        type="button"
                        className="button button--quiet"
                        aria-label={t('versions.restoreNamed', { label: version.label })}
                        disabled={busy}
                        onClick={() => setConfirming(version)}
                      >
                        {t('versions.restore')}
                      </button>
                    )}
                    {secretariat && !version.circulated && (
                      <button
                        type="button"
                        className="button button--quiet"
                        aria-label={t('versions.circulateNamed', { label: version.label })}
                        disabled={busy}
                        onClick={() => void circulate(version)}
                      >
                        {t('versions.circulate')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {confirming && (
            <div className="banner banner--warning versions__confirm" role="alertdialog" aria-labelledby="restore-question">
              <p id="restore-question">{t('versions.restoreQuestion', { label: confirming.label })}</p>
              <div className="dialog__actions">
                <button type="button" className="button button--quiet" onClick={() => setConfirming(null)}>
                  {t('versions.cancel')}
                </button>
                <button type="button" className="button button--primary" disabled={busy} onClick={() => void restore(confirming)}>
                  {t('versions.restoreConfirm', { label: confirming.label })}
                </button>
              </div>
            </div>
          )}
          <form
            className="versions__compare"
            onSubmit={(event) => {
              event.preventDefault();
              if (before && after && before !== after) go(() => navigate({ name: 'compare', documentId, before, after }));
            }}
          >
            <label>
              {t('versions.compareFrom')}{' '}
              <select value={before} onChange={(event) => setBefore(event.target.value)}>
                {list.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('versions.compareTo')}{' '}
              <select value={after} onChange={(event) => setAfter(event.target.value)}>
                <option value="current">{labelOf('current')}</option>
                {list.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button--secondary" disabled={!before || before === after}>
              {t('versions.compare')}
            </button>
          </form>
        </>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      <div className="dialog__actions dialog__actions--spread">
        <button type="button" className="button button--quiet" disabled={busy} onClick={() => void exportFile()}>
          {t('versions.exportFile')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
          {t('versions.close')}
        </button>
      </div>
    </dialog>
  );
}
