import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportPaper } from '../../../shared/export/exportModel';
import type { Language } from '../../../shared/model/settings';
import { useApp } from '../../app/context';
import { saveFile } from '../../platform/saveFile';

type Format = 'pdf' | 'docx';

/**
 * The comparison on screen, saved as a redline to circulate: a PDF or a Word file of the same
 * two texts, whole or with the changed paragraphs only. Main lays it out in the document's own
 * language, which is named here, since it may not be the window's.
 */
export function ComparisonExport({ documentId, from, to, language }: { documentId: string; from: string; to: string; language: Language | null }) {
  const { t } = useTranslation();
  const { api, language: uiLanguage } = useApp();
  const [changesOnly, setChangesOnly] = useState(false);
  const [paper, setPaper] = useState<ExportPaper>('a4');
  const [saving, setSaving] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), hint: useId() };

  const save = async (format: Format) => {
    setSaving(format);
    setError(null);
    try {
      const file = await api.call('export.comparison', { documentId, from, to, format, paper, changesOnly });
      saveFile(file.fileName, Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)), file.mime);
    } catch (failure) {
      setError(t('redlineExport.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setSaving(null);
    }
  };

  return (
    <section className="compare-export" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="compare-export__title">
        {t('redlineExport.title')}
      </h2>
      <div className="compare-export__controls">
        <label className="compare-export__toggle">
          <input type="checkbox" checked={changesOnly} aria-describedby={ids.hint} onChange={(event) => setChangesOnly(event.target.checked)} />{' '}
          {t('redlineExport.changesOnly')}
        </label>
        <label className="compare-export__toggle">
          {t('export.paper')}{' '}
          <select value={paper} onChange={(event) => setPaper(event.target.value === 'letter' ? 'letter' : 'a4')}>
            {(['a4', 'letter'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`export.papers.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {(['pdf', 'docx'] as const).map((format) => (
          <button key={format} type="button" className="button button--secondary" disabled={saving !== null} onClick={() => void save(format)}>
            {t(`redlineExport.${format}`)}
          </button>
        ))}
        <span role="status" className="compare-export__status">
          {saving && t('redlineExport.saving')}
        </span>
      </div>
      <p className="compare-export__hint">
        <span id={ids.hint}>{t('redlineExport.changesOnlyHint')}</span> {t('redlineExport.language', { language: t(`languages.${language ?? uiLanguage}`) })}
      </p>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </section>
  );
}
