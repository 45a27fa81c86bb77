import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { formatMoment } from '../../ui/format';
import { useAsync } from '../../ui/useAsync';

/** This laptop's bin: what was deleted here, kept whole, each with a way back. */
export function BinScreen() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [bin, reload] = useAsync(() => api.call('bin.list', {}), [api]);
  const [error, setError] = useState<string | null>(null);
  const restore = async (id: string) => {
    setError(null);
    try {
      await api.call('bin.restore', { id });
      reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const row = (id: string, kind: string, title: string, meta: string) => (
    <li key={id} className="row row--bin">
      <span className="row__kind">{kind}</span>
      <span className="row__title">{title}</span>
      <span className="row__meta">{meta}</span>
      <button type="button" className="button button--secondary button--small" onClick={() => void restore(id)} aria-label={t('bin.restoreNamed', { title })}>
        {t('bin.restore')}
      </button>
    </li>
  );
  return (
    <section className="page" aria-labelledby="bin-heading">
      <nav className="crumbs">
        <a href="#/">← {t('meeting.back')}</a>
      </nav>
      <h1 id="bin-heading">{t('bin.heading')}</h1>
      <p className="page__sub">{t('bin.explain')}</p>
      {bin.status === 'error' && <InlineError error={bin.error} onRetry={reload} />}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {bin.status === 'ready' && bin.value.meetings.length + bin.value.documents.length === 0 && <p className="empty">{t('bin.empty')}</p>}
      {bin.status === 'ready' && bin.value.meetings.length + bin.value.documents.length > 0 && (
        <ul className="rows" aria-label={t('bin.heading')}>
          {bin.value.meetings.map((m) => row(m.id, t('bin.meeting'), m.title, t('bin.deleted', { when: formatMoment(m.binnedAt, language) })))}
          {bin.value.documents.map((d) =>
            row(d.id, t('bin.document'), d.title, `${d.meetingTitle} · ${t('bin.deleted', { when: formatMoment(d.binnedAt, language) })}`),
          )}
        </ul>
      )}
    </section>
  );
}
