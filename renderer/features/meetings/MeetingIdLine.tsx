import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long "Copied" stays: long enough to read, gone before it could be taken for a later copy's. */
const CONFIRMATION_MS = 3000;

/**
 * The meeting's id, which a secretariat publishing to a headless hub gives its command line, with
 * a button that copies it. The outcome is said in a status region, so a screen reader hears it too.
 */
export function MeetingIdLine({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    setOutcome(null);
    try {
      await navigator.clipboard.writeText(meetingId);
      setOutcome('copied');
    } catch {
      // No clipboard (a browser that refuses it to this page): the id is there to select.
      setOutcome('failed');
    }
  };

  return (
    <p className="meeting-id">
      <span className="meeting-id__label">{t('meetingAdmin.idLabel')}</span> <code className="meeting-id__value">{meetingId}</code>{' '}
      <button type="button" className="button button--quiet button--small" aria-label={t('meetingAdmin.copyId')} onClick={() => void copy()}>
        {t('meetingAdmin.copy')}
      </button>{' '}
      <span role="status" className={`meeting-id__outcome${outcome === 'failed' ? ' meeting-id__outcome--failed' : ''}`}>
        {outcome === 'copied' ? t('meetingAdmin.copied') : outcome === 'failed' ? t('meetingAdmin.copyFailed') : ''}
      </span>
    </p>
  );
}
