import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/invitation';
import { useApp } from '../../app/context';
import { type HostingPlan, HostingPlanView } from './HostingPlanView';
import { type InvitationRow, InvitationsPanel } from './InvitationsPanel';


/**
 * Hosting a meeting on the local network: first what it exposes, confirmed; then the hub's
 * addresses and the invitation codes it hands out (and revokes); and the way to stop.
 */
export function HostMeetingDialog({
  meetingId,
  meetingTitle,
  hosting,
  delegations,
  onClose,
}: {
  meetingId: string;
  meetingTitle: string;
  hosting: boolean;
  /** The meeting's listed delegations, offered for a delegate's code; any other may be typed. */
  delegations: ReadonlyArray<string>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  // Not hosted yet: what it would expose is shown and confirmed before anything listens.
  const [plan, setPlan] = useState<HostingPlan | null>(null);
  const [started, setStarted] = useState(hosting);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState<'no' | 'asking' | 'working'>('no');
  const [addresses, setAddresses] = useState<string[]>([]);
  const [invitations, setInvitations] = useState<InvitationRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    if (started) {
      // Already hosted: asking again starts nothing new and answers with the addresses and codes.
      api.call('meetings.host', { meetingId }).then((hosted) => {
        setAddresses(hosted.addresses);
        setInvitations(hosted.invitations);
      }, fail);
    } else {
      api.call('meetings.hostingPlan', { meetingId }).then(setPlan, fail);
    }
  }, [api, meetingId, started]);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const hosted = await api.call('meetings.host', { meetingId });
      setAddresses(hosted.addresses);
      setInvitations(hosted.invitations);
      setStarted(true);
    } catch (e) {
      fail(e);
    } finally {
      setStarting(false);
    }
  };

  const stop = async () => {
    setStopping('working');
    try {
      await api.call('meetings.stopHosting', { meetingId });
      dialog.current?.close();
    } catch (e) {
      fail(e);
      setStopping('no');
    }
  };

  if (!started) {
    return (
      <dialog ref={dialog} className="dialog" aria-labelledby="host-title" onClose={onClose}>
        <h2 id="host-title">{t('host.confirmTitle')}</h2>
        {plan && (
          <>
            <HostingPlanView plan={plan} />
            <p className="dialog__description">{t('host.exposesWhat')}</p>
          </>
        )}
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('host.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={!plan || starting} onClick={() => void start()}>
            {starting ? t('host.starting') : t('host.start')}
          </button>
        </div>
      </dialog>
    );
  }

  const create = async (role: Role, delegation: string | null) => {
    const issued = await api.call('meetings.invite', { meetingId, role, delegation });
    setInvitations((list) => [...list, issued]);
  };

  const revoke = async (id: string) => {
    const revoked = await api.call('meetings.revokeInvitation', { meetingId, invitationId: id });
    setInvitations((list) => list.map((i) => (i.id === id ? { ...i, revokedAt: revoked.revokedAt, code: undefined } : i)));
  };

  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby="host-title" onClose={onClose}>
      <h2 id="host-title">{t('host.title')}</h2>
      <p className="dialog__description">{t('host.description')}</p>
      <h3 className="section-title">{t('host.addresses')}</h3>
      <ul className="addresses" aria-label={t('host.addresses')}>
        {addresses.map((address) => (
          <li key={address}>
            <code>{address}</code>
          </li>
        ))}
      </ul>
      {/* A link names one address: the first listed, which the meeting's status shows too. */}
      <InvitationsPanel invitations={invitations} hubUrl={addresses[0] ?? null} meetingTitle={meetingTitle} delegations={delegations} create={create} revoke={revoke} />
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {stopping !== 'no' && (
        <p role="alert" className="banner banner--warning">
          {t('host.stopConfirm')}
        </p>
      )}
      <div className="dialog__actions">
        {stopping === 'no' ? (
          <button type="button" className="button button--secondary" onClick={() => setStopping('asking')}>
            {t('host.stop')}
          </button>
        ) : (
          <>
            <button type="button" className="button button--quiet" onClick={() => setStopping('no')} disabled={stopping === 'working'}>
              {t('host.cancel')}
            </button>
            <button type="button" className="button button--danger" onClick={() => void stop()} disabled={stopping === 'working'}>
              {t('host.stopYes')}
            </button>
          </>
        )}
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('host.close')}
        </button>
      </div>
    </dialog>
  );
}
