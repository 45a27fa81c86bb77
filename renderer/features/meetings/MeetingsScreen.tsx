import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingListEntry } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { formatDayRange } from '../../ui/format';
import { navigate } from '../../app/route';
import { useAsync } from '../../ui/useAsync';
import { JoinMeetingDialog } from './JoinMeetingDialog';
import { MeetingDialog } from './MeetingDialog';

/** Home: every meeting on this computer, newest first, and the way to start a new one. */
export function MeetingsScreen() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [creating, setCreating] = useState(false);
  const [joining, setJoining] = useState(false);
  const [meetings, reload] = useAsync(() => api.call('meetings.list', {}), [api]);
  // Main tells the list again whenever a meeting on it changes (its hub, its unconfirmed changes, a
  // correction from the secretariat); the answer above stands in until it first does.
  const [told, setTold] = useState<MeetingListEntry[] | null>(null);
  useEffect(() => api.watchMeetingList(setTold), [api]);
  const list = told ?? (meetings.status === 'ready' ? meetings.value : null);
  // Archived by the secretariat: over, kept apart, still one click away.
  const active = (list ?? []).filter((meeting) => !meeting.archived);
  const archived = (list ?? []).filter((meeting) => meeting.archived);

  return (
    <section className="page" aria-labelledby="meetings-heading">
      <div className="page__head">
        <h1 id="meetings-heading">{t('meetings.heading')}</h1>
        <div className="page__actions">
          <a className="button button--quiet" href="#/bin">
            {t('bin.link')}
          </a>
          <button type="button" className="button button--secondary" onClick={() => setJoining(true)}>
            {t('join.button')}
          </button>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            {t('meetings.new')}
          </button>
        </div>
      </div>
      {meetings.status === 'error' && !told && <InlineError error={meetings.error} onRetry={reload} />}
      {list !== null && list.length === 0 && <p className="empty">{t('meetings.empty')}</p>}
      {list !== null && active.length > 0 && <MeetingCards meetings={active} label={t('meetings.heading')} />}
      {archived.length > 0 && (
        <details className="archived">
          <summary>
            {t('bin.archivedMeetings')} ({archived.length})
          </summary>
          <MeetingCards meetings={archived} label={t('bin.archivedMeetings')} />
        </details>
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
        <MeetingDialog
          onClose={() => setCreating(false)}
          onSaved={(meeting) => {
            setCreating(false);
            navigate({ name: 'meeting', meetingId: meeting.id });
          }}
        />
      )}
    </section>
  );
}

/** "hub.example.org", or "192.168.1.10:4455": where a hub is, without the protocol nobody needs to read. */
function hostOf(hubUrl: string | null): string {
  if (!hubUrl) return '';
  try {
    return new URL(hubUrl).host || hubUrl;
  } catch {
    return hubUrl;
  }
}

/**
 * Where a meeting is shared, who the user is in it, and whether the hub holds all of this
 * computer's changes: what someone choosing a meeting before going offline needs to know.
 */
function SharingLine({ meeting, id }: { meeting: MeetingListEntry; id: string }) {
  const { t } = useTranslation();
  const { status } = meeting;
  const where =
    meeting.sharing === 'local'
      ? t('meetingAdmin.localOnly')
      : meeting.sharing === 'lan'
        ? t('meetingAdmin.lan', { address: hostOf(meeting.hubUrl) })
        : t('meetingAdmin.hub', { host: hostOf(meeting.hubUrl) });
  // Hosting here is always in sync when it runs; only a hub elsewhere can be out of reach.
  const connection =
    status === null || status.state === 'hosting' || (meeting.sharing === 'lan' && status.state === 'online')
      ? null
      : status.state === 'refused'
        ? t('meetingAdmin.refused')
        : t(`sync.${status.state}`);
  const you =
    meeting.role === 'delegate'
      ? t('meetingAdmin.youDelegate', { delegation: meeting.delegation ?? t('meeting.unknownDelegation') })
      : meeting.role === 'observer'
        ? t('meetingAdmin.youObserver')
        : t('meetingAdmin.youSecretariat');
  const pending =
    meeting.sharing === 'hub' && status
      ? status.unconfirmed === 0
        ? t('sync.allSynced')
        : t('sync.unconfirmed', { count: status.unconfirmed })
      : null;
  const tone = meeting.sharing === 'local' ? 'local' : status === null ? 'offline' : status.state;
  return (
    <span className={`card__sharing card__sharing--${tone}`} id={id} data-sharing={meeting.sharing}>
      <span className="card__dot" aria-hidden="true" />
      {[where, connection, you].filter((part): part is string => part !== null).join(' · ')}
      {pending !== null && (
        <>
          {' · '}
          <span className={status !== null && status.unconfirmed > 0 ? 'card__pending' : undefined}>{pending}</span>
        </>
      )}
    </span>
  );
}

function MeetingCards({ meetings, label }: { meetings: MeetingListEntry[]; label: string }) {
  const { t } = useTranslation();
  const { language } = useApp();
  return (
    <ul className="cards" aria-label={label}>
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          {/* The link holds the title alone, so its name ("Open …") contains all the words it shows. */}
          <div className="card">
            <a
              className="card__title"
              href={`#/meeting/${meeting.id}`}
              aria-label={t('meetings.open', { title: meeting.title })}
              aria-describedby={`sharing-${meeting.id}`}
            >
              {meeting.title}
            </a>
            <span className="card__meta">
              {meeting.place} · {formatDayRange(meeting.startDate, meeting.endDate, language)}
            </span>
            <span className="card__meta card__meta--soft">{t('meetings.hostedBy', { city: meeting.hostCity })}</span>
            <SharingLine meeting={meeting} id={`sharing-${meeting.id}`} />
          </div>
        </li>
      ))}
    </ul>
  );
}
