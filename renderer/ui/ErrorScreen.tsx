import { useTranslation } from 'react-i18next';
import type { ApiErrorShape } from '../../shared/api/errors';

/** Shown instead of the app when its data cannot be opened: says which file, and what to do. */
export function ErrorScreen({ error }: { error: ApiErrorShape }) {
  const { t } = useTranslation();
  return (
    <main className="fatal" role="main">
      <div className="fatal__card" role="alert" aria-labelledby="fatal-title">
        <h1 id="fatal-title">{t('errors.title')}</h1>
        <p className="fatal__message">{error.message}</p>
        {error.file && (
          <p>
            <span className="fatal__label">{t('errors.file')}: </span>
            <code className="fatal__file">{error.file}</code>
          </p>
        )}
        <p className="fatal__help">{t('errors.whatToDo')}</p>
      </div>
    </main>
  );
}

/** An inline failure inside a screen, with a way to try again. */
export function InlineError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="inline-error">
      <strong>{t('errors.generic')}: </strong>
      {error.message}
      {onRetry && (
        <button type="button" className="button button--quiet" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
