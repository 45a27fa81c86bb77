import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { navigate } from '../../app/route';
import { useAsync } from '../../ui/useAsync';
import { ComparisonExport } from './ComparisonExport';
import { ComparisonView } from './ComparisonView';
import { useVersions } from './useVersions';

type Mode = 'side-by-side' | 'redline';

/** Two versions (or a version and the text as it stands) compared, side by side or as one redline. */
export function CompareScreen({ documentId, before, after }: { documentId: string; before: string; after: string }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [mode, setMode] = useState<Mode>('side-by-side');
  const [versions] = useVersions(documentId);
  const [document] = useAsync(() => api.call('documents.get', { documentId }), [api, documentId]);
  const [result, reload] = useAsync(
    () => api.call('versions.compare', { documentId, before, after }),
    [api, documentId, before, after],
  );
  const list = versions.status === 'ready' ? versions.value : [];
  const titleOf = (ref: string) => (ref === 'current' ? t('versions.currentText') : (list.find((v) => v.id === ref)?.label ?? '…'));
  const pick = (side: 'before' | 'after', value: string) =>
    navigate({ name: 'compare', documentId, before: side === 'before' ? value : before, after: side === 'after' ? value : after });

  const choices = (
    <>
      <option value="current">{t('versions.currentText')}</option>
      {list.map((v) => (
        <option key={v.id} value={v.id}>
          {v.label}
        </option>
      ))}
    </>
  );

  return (
    <section className="page page--compare" aria-labelledby="compare-heading">
      <nav className="crumbs">
        <a href={`#/document/${documentId}`}>
          ← {t('versions.backToDraft', { title: document.status === 'ready' ? document.value.title : '' })}
        </a>
      </nav>
      <div className="page__head">
        <h1 id="compare-heading">{t('versions.compareHeading', { before: titleOf(before), after: titleOf(after) })}</h1>
      </div>
      <div className="compare-controls">
        <label>
          {t('versions.compareFrom')}{' '}
          <select value={before} onChange={(event) => pick('before', event.target.value)}>
            {choices}
          </select>
        </label>
        <label>
          {t('versions.compareTo')}{' '}
          <select value={after} onChange={(event) => pick('after', event.target.value)}>
            {choices}
          </select>
        </label>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('versions.view')}</legend>
          {(['side-by-side', 'redline'] as const).map((value) => (
            <label key={value} className={mode === value ? 'segmented__on' : undefined}>
              <input type="radio" name="compare-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {t(`versions.modes.${value}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <ComparisonExport documentId={documentId} from={before} to={after} language={document.status === 'ready' ? document.value.language : null} />
      {result.status === 'error' && <InlineError error={result.error} onRetry={reload} />}
      {result.status === 'loading' && <p className="empty">{t('app.loading')}</p>}
      {result.status === 'ready' && (
        <ComparisonView comparison={result.value.comparison} mode={mode} beforeTitle={titleOf(before)} afterTitle={titleOf(after)} />
      )}
    </section>
  );
}
