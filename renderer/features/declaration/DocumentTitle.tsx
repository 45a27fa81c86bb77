import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';

/**
 * The document's title, edited in place and saved when the field is left or Enter is pressed; shown
 * as a heading to whoever may not rename it (an observer, or a delegate looking at an official document).
 */
export function DocumentTitle({ documentId, title, renamable, textTitle }: { documentId: string; title: string; renamable: boolean; textTitle: string | null }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [value, setValue] = useState(title);
  const [saved, setSaved] = useState(title);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setValue(title);
    setSaved(title);
  }, [title]);

  const commit = async (wanted = value) => {
    const next = wanted.trim();
    if (next === saved) return setValue(saved);
    try {
      const document = await api.call('documents.rename', { documentId, title: next });
      setSaved(document.title);
      setValue(document.title);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  // The name the meeting lists it under and the title printed at the head of the text are two
  // things; the caption says which this is, and offers to make them one when they differ.
  const differs = textTitle !== null && textTitle !== saved;
  const caption = (
    <p className="doc-title__caption">
      {t('editor.listedAs')}
      {differs && renamable && (
        <>
          {' · '}
          <button type="button" className="link-button" onClick={() => void commit(textTitle.slice(0, 200))}>
            {t('editor.useTextTitle', { title: textTitle.length > 80 ? `${textTitle.slice(0, 80)}…` : textTitle })}
          </button>
        </>
      )}
    </p>
  );
  if (!renamable) {
    return (
      <div className="doc-title">
        <h1 className="doc-title__text">{title}</h1>
        {caption}
      </div>
    );
  }
  return (
    <div className="doc-title">
      <input
        className="doc-title__input"
        aria-label={t('editor.titleLabel')}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
          if (event.key === 'Escape') {
            setValue(saved);
            setError(null);
          }
        }}
        aria-invalid={error ? true : undefined}
      />
      {caption}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
