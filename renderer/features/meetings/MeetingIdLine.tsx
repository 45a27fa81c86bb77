import { useTranslation } from 'react-i18next';
import { useCopy } from '../../ui/useCopy';

/**
 * The meeting's id, which a secretariat publishing to a headless hub gives its command line, with
 * a button that copies it. The outcome is said in a status region, so a screen reader hears it too.
 */
export function MeetingIdLine({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { outcome, copy } = useCopy();
  return (
    <p className="meeting-id">
      <span className="meeting-id__label">{t('meetingAdmin.idLabel')}</span> <code className="meeting-id__value">{meetingId}</code>{' '}
      <button type="button" className="button button--quiet button--small" aria-label={t('meetingAdmin.copyId')} onClick={() => void copy(meetingId)}>
        {t('meetingAdmin.copy')}
      </button>{' '}
      <span role="status" className={`meeting-id__outcome${outcome === 'failed' ? ' meeting-id__outcome--failed' : ''}`}>
        {outcome === 'copied' ? t('meetingAdmin.copied') : outcome === 'failed' ? t('meetingAdmin.copyFailed') : ''}
      </span>
    </p>
  );
}
