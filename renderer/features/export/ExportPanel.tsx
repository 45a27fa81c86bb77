import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportMode, ExportPaper } from '../../../shared/export/exportModel';
import type { UnagreedChoice, UnagreedPart } from '../../../shared/export/unagreedText';
import { Language } from '../../../shared/model/settings';
import { useApp } from '../../app/context';
import { saveFile } from '../../platform/saveFile';
import { useVersions } from '../versions/useVersions';
import { PdfPreview } from './PdfPreview';

const FORMATS: ExportFormat[] = ['pdf', 'docx', 'html', 'md'];
const MODES: ExportMode[] = ['final', 'negotiation'];
const PAPERS: ExportPaper[] = ['a4', 'letter'];

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Preview = { state: 'working' } | { state: 'ready'; bytes: Uint8Array<ArrayBuffer>; pages: number | null } | { state: 'failed'; message: string };

/**
 * Export: format, mode, paper and which text, with the actual pages previewed as they will print.
 * Not modal: the pages are laid out in main while the draft stays open for editing beside it.
 */
interface Props {
  documentId: string;
  /** The document's language (null: never set, the app's is used), symbol and distribution line. */
  listing: { language: Language | null; symbol: string | null; distribution: string | null };
  /** Whether this person may change them (who may rename the document). */
  mayChangeListing: boolean;
  onDocumentChanged(): void;
  onClose(): void;
}

export function ExportPanel({ documentId, listing, mayChangeListing, onDocumentChanged, onClose }: Props) {
  const { t } = useTranslation();
  const { api, language: uiLanguage } = useApp();
  // Exports print in the document's language, whatever the window's; changing it is the document's change.
  const [language, setLanguage] = useState<Language>(listing.language ?? uiLanguage);
  const [reference, setReference] = useState({ symbol: listing.symbol ?? '', distribution: listing.distribution ?? '' });
  const [savedReference, setSavedReference] = useState(reference);
  const saveReference = async () => {
    if (reference.symbol === savedReference.symbol && reference.distribution === savedReference.distribution) return;
    setError(null);
    try {
      // What is being typed stays as it is: only what main now holds is noted (it trims).
      const changed = await api.call('documents.setReference', { documentId, ...reference });
      setSavedReference({ symbol: changed.symbol ?? '', distribution: changed.distribution ?? '' });
      onDocumentChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const changeLanguage = async (next: Language) => {
    setError(null);
    try {
      const changed = await api.call('documents.setLanguage', { documentId, language: next });
      setLanguage(changed.language ?? next);
      onDocumentChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const dialog = useRef<HTMLDialogElement>(null);
  const [versions] = useVersions(documentId);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [mode, setMode] = useState<ExportMode>('negotiation');
  const [paper, setPaper] = useState<ExportPaper>('a4');
  const [versionId, setVersionId] = useState('current');
  const [preview, setPreview] = useState<Preview>({ state: 'working' });
  // What a final text would print without agreement, and what the person chose to do with it.
  const [unagreedParts, setUnagreedParts] = useState<UnagreedPart[] | null>(null);
  const [unagreed, setUnagreed] = useState<UnagreedChoice | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.show();
  }, []);

  useEffect(() => {
    let live = true;
    setUnagreedParts(null);
    if (mode !== 'final') return;
    api.call('export.unagreedText', { documentId, ...(versionId === 'current' ? {} : { versionId }) }).then(
      (result) => live && setUnagreedParts(result.parts),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, documentId, mode, versionId]);
  // Until a choice is made, the preview shows the text as it stands, which the warning names.
  const finalChoice = mode === 'final' ? { unagreed: unagreed ?? 'include' } : {};
  const mustChoose = mode === 'final' && (unagreedParts === null || (unagreedParts.length > 0 && unagreed === null));

  // The preview follows every choice; an answer for choices since changed is dropped.
  useEffect(() => {
    let live = true;
    setPreview({ state: 'working' });
    const timer = setTimeout(() => {
      api
        .call('export.declaration', { documentId, format: 'pdf', mode, paper, ...(versionId === 'current' ? {} : { versionId }), ...finalChoice })
        .then(
          (file) => live && setPreview({ state: 'ready', bytes: decodeBase64(file.base64), pages: file.pages }),
          (failure: unknown) => live && setPreview({ state: 'failed', message: failure instanceof Error ? failure.message : String(failure) }),
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `finalChoice` is derived from `mode` and `unagreed`; the document's language and reference are read in main.
  }, [api, documentId, mode, paper, versionId, unagreed, language, savedReference]);

  const onPreviewError = useCallback((message: string) => setPreview({ state: 'failed', message }), []);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const file = await api.call('export.declaration', {
        documentId,
        format,
        mode,
        paper,
        ...(versionId === 'current' ? {} : { versionId }),
        ...finalChoice,
      });
      saveFile(file.fileName, decodeBase64(file.base64), file.mime);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  const choice = <T extends string>(name: string, legend: string, values: T[], value: T, set: (v: T) => void, labels: string) => (
    <fieldset className="segmented export__choice">
      <legend>{legend}</legend>
      {values.map((option) => (
        <label key={option} className={value === option ? 'segmented__on' : undefined}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => set(option)} />
          {t(`${labels}.${option}`)}
        </label>
      ))}
    </fieldset>
  );

  return (
    <dialog ref={dialog} className="export" aria-labelledby="export-title" onClose={onClose}>
      <div className="export__head">
        <h2 id="export-title">{t('export.title')}</h2>
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()} aria-label={t('export.close')}>
          ✕
        </button>
      </div>
      <div className="export__controls">
        {choice('export-format', t('export.format'), FORMATS, format, setFormat, 'export.formats')}
        {choice('export-mode', t('export.mode'), MODES, mode, setMode, 'export.modes')}
        {choice('export-paper', t('export.paper'), PAPERS, paper, setPaper, 'export.papers')}
        <label className="export__version">
          {t('export.documentLanguage')}{' '}
          <select value={language} disabled={!mayChangeListing} onChange={(event) => void changeLanguage(Language.parse(event.target.value))}>
            {Language.options.map((option) => (
              <option key={option} value={option}>
                {t(`languages.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {(['symbol', 'distribution'] as const).map((field) => (
          <label key={field} className="export__version">
            {t(`export.${field}`)}{' '}
            <input
              type="text"
              maxLength={60}
              value={reference[field]}
              placeholder={t(`export.${field}Placeholder`)}
              disabled={!mayChangeListing}
              onChange={(event) => setReference((current) => ({ ...current, [field]: event.target.value }))}
              onBlur={() => void saveReference()}
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.currentTarget.blur();
              }}
            />
          </label>
        ))}
        <label className="export__version">
          {t('export.text')}{' '}
          <select value={versionId} onChange={(event) => setVersionId(event.target.value)}>
            <option value="current">{t('versions.currentText')}</option>
            {(versions.status === 'ready' ? [...versions.value].reverse() : []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="export__status" role="status" aria-live="polite">
        {preview.state === 'working' && (
          <>
            <progress aria-label={t('export.layingOut')} /> {t('export.layingOut')}
          </>
        )}
        {preview.state === 'ready' && preview.pages !== null && t('export.pages', { count: preview.pages })}
        {preview.state === 'failed' && <span className="field__error">{t('export.previewFailed', { reason: preview.message })}</span>}
      </div>
      {mode === 'final' && unagreedParts !== null && unagreedParts.length > 0 && (
        <section className="export__unagreed" aria-labelledby="unagreed-title">
          <h3 id="unagreed-title">{t('export.unagreed.title')}</h3>
          <p>{t('export.unagreed.intro')}</p>
          <ul>
            {unagreedParts.map((part) => (
              <li key={part.label}>
                <strong>{part.label}</strong>: {part.reasons.map((reason) => t(`export.unagreed.reasons.${reason}`)).join(', ')}
              </li>
            ))}
          </ul>
          <fieldset>
            <legend>{t('export.unagreed.choose')}</legend>
            {(['omit', 'include'] as const).map((choice) => (
              <label key={choice}>
                <input type="radio" name="export-unagreed" value={choice} checked={unagreed === choice} onChange={() => setUnagreed(choice)} />{' '}
                {t(`export.unagreed.${choice}`)}
              </label>
            ))}
          </fieldset>
        </section>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {/* Above the preview, so it never scrolls out of reach on a long document. */}
      <div className="dialog__actions export__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={saving || mustChoose}
          aria-describedby={mustChoose && unagreedParts !== null ? 'unagreed-choose-first' : undefined}
          onClick={() => void save()}
        >
          {saving ? t('export.saving') : t('export.save', { format: t(`export.formats.${format}`) })}
        </button>
        {mustChoose && unagreedParts !== null && (
          <span id="unagreed-choose-first" className="export__hint">
            {t('export.unagreed.chooseFirst')}
          </span>
        )}
      </div>
      {format !== 'pdf' && <p className="export__note">{t('export.previewIsPdf')}</p>}
      {preview.state === 'ready' && <PdfPreview bytes={preview.bytes} onError={onPreviewError} />}
    </dialog>
  );
}
