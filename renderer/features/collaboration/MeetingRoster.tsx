import { useTranslation } from 'react-i18next';
import type { MeetingParticipant } from '../../../shared/model/meeting';
import { useMeetingWatch } from '../meetings/useMeetingWatch';

/** Everyone who has joined the meeting, with who is connected right now. */
export function MeetingRoster({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const people: MeetingParticipant[] = useMeetingWatch(meetingId, (event) => event.participants)?.value ?? [];
  if (people.length === 0) return null;
  return (
    <section aria-labelledby="roster-heading">
      <h2 className="section-title" id="roster-heading">
        {t('participants.title')}
      </h2>
      <ul className="rows roster" aria-label={t('participants.title')}>
        {people.map((p) => (
          <li key={`${p.role}|${p.delegation ?? ''}|${p.name}`} className="row roster__row">
            <span className={`roster__dot roster__dot--${p.online ? 'online' : 'offline'}`} aria-hidden="true" />
            <span className="row__title">
              {p.name} {p.self && <span className="participant__you">{t('participants.you')}</span>}
            </span>
            <span className="row__meta">
              {t(`roles.${p.role}`)}
              {p.delegation ? ` · ${p.delegation}` : ''} · {p.online ? t('participants.online') : t('participants.offline')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
