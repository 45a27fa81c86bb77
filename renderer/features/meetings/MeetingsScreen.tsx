import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { formatDayRange } from '../../ui/format';
import { navigate } from '../../app/route';
import { useAsync } from '../../ui/useAsync';
import { JoinMeetingDialog } from './JoinMeetingDialog';
import { NewMeetingDialog } from './NewMeetingDialog';

/** Home: every meeting on this computer, newest first, and the way to start a new one. */
export function MeetingsScreen() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [creating, setCreating] = useState(false);
  const [joining, setJoining] = useState(false);
  const [meetings, reload] = useAsync(() => api.call('meetings.list', {}), [api]);

  return (
    <section className="page" aria-labelledby="meetings-heading">
      <div className="page__head">
        <h1 id="meetings-heading">{t('meetings.heading')}</h1>
        <div className="page__actions">
          <button type="button" className="button button--secondary" onClick={() => setJoining(true)}>
            {t('join.button')}
          </button>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            {t('meetings.new')}
          </button>
        </div>
      </div>
      {meetings.status === 'error' && <InlineError error={meetings.error} onRetry={reload} />}
      {meetings.status === 'ready' && meetings.value.length === 0 && <p className="empty">{t('meetings.empty')}</p>}
      {meetings.status === 'ready' && meetings.value.length > 0 && (
        <ul className="cards" aria-label={t('meetings.heading')}>
          {meetings.value.map((meeting) => (
            <li key={meeting.id}>
              {/* The link holds the title alone, so its name ("Open …") contains all the words it shows. */}
              <div className="card">
                <a className="card__title" href={`#/meeting/${meeting.id}`} aria-label={t('meetings.open', { title: meeting.title })}>
                  {meeting.title}
                </a>
                <span className="card__meta">
                  {meeting.place} ·{' '}
                  {formatDayRange(meeting.startDate, meeting.endDate, language)}
                </span>
                <span className="card__meta card__meta--soft">{t('meetings.hostedBy', { city: meeting.hostCity })}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {joining && (
        <JoinMeetingDialog
          onClose={() => setJoining(false)}
          onJoined={(meeting) => {
            setJoining(false);
            navigate({ name: 'meeting', meetingId: meeting.id });
          }}
        />
      )}
      {creating && (
        <NewMeetingDialog
          onClose={() => setCreating(false)}
          onCreated={(meeting) => {
            setCreating(false);
            navigate({ name: 'meeting', meetingId: meeting.id });
          }}
        />
      )}
    </section>
  );
}
