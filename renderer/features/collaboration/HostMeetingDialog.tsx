import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/invitation';
import { useApp } from '../../app/context';

interface InvitationRow {
  id: string;
  role: Role;
  delegation: string | null;
  revokedAt: number | null;
  /** Present only right after creation: the hub keeps a hash. */
  code?: string;
}

type Plan = { port: number; interfaces: Array<{ name: string; address: string }> };

/**
 * Hosting a meeting on the local network: first what it exposes, confirmed; then the hub's
 * addresses and the invitation codes it hands out (and revokes); and the way to stop.
 */
export function HostMeetingDialog({
  meetingId,
  hosting,
  delegations,
  onClose,
}: {
  meetingId: string;
  hosting: boolean;
  /** The meeting's listed delegations, offered for a delegate's code; any other may be typed. */
  delegations: ReadonlyArray<string>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  // Not hosted yet: what it would expose is shown and confirmed before anything listens.
  const [plan, setPlan] = useState<Plan | null>(null);
  const [started, setStarted] = useState(hosting);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState<'no' | 'asking' | 'working'>('no');
  const [addresses, setAddresses] = useState<string[]>([]);
  const [invitations, setInvitations] = useState<InvitationRow[]>([]);
  const [role, setRole] = useState<Role>('delegate');
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
            {plan.interfaces.length > 0 ? (
              <>
                <p>{t('host.exposes', { port: plan.port })}</p>
                <ul className="addresses" aria-label={t('host.addresses')}>
                  {plan.interfaces.map((found) => (
                    <li key={`${found.name}-${found.address}`}>
                      {found.name !== found.address && <span>{found.name}: </span>}
                      <code>{found.address}</code>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t('host.noNetwork')}</p>
            )}
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

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const delegation = String(new FormData(form).get('delegation') ?? '').trim();
    try {
      const issued = await api.call('meetings.invite', { meetingId, role, delegation: role === 'delegate' ? delegation : null });
      setInvitations((list) => [...list, issued]);
      setError(null);
      form.reset();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const revoke = async (id: string) => {
    try {
      const revoked = await api.call('meetings.revokeInvitation', { meetingId, invitationId: id });
      setInvitations((list) => list.map((i) => (i.id === id ? { ...i, revokedAt: revoked.revokedAt, code: undefined } : i)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
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
      <h3 className="section-title">{t('host.newCode')}</h3>
      <form className="invite-form" onSubmit={(e) => void create(e)}>
        <label className="field">
          <span className="field__label">{t('host.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(['secretariat', 'delegate', 'observer'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {role === 'delegate' && (
          <label className="field">
            <span className="field__label">{t('host.delegation')}</span>
            <input
              name="delegation"
              placeholder={delegations[0] ?? t('host.delegationPlaceholder')}
              list="host-delegations"
              aria-describedby={delegations.length > 0 ? 'host-delegation-hint' : undefined}
              required
            />
            <datalist id="host-delegations">
              {delegations.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>

          </label>
        )}
        <button type="submit" className="button button--primary">
          {t('host.create')}
        </button>
      </form>
      {role === 'delegate' && delegations.length > 0 && (
        <p id="host-delegation-hint" className="invite-form__hint">
          {t('delegations.inviteHint')}
        </p>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      <h3 className="section-title">{t('host.invitations')}</h3>
      {invitations.length === 0 ? (
        <p className="empty">{t('host.none')}</p>
      ) : (
        <ul className="rows" aria-label={t('host.invitations')}>
          {invitations.map((invitation) => (
            <li key={invitation.id} className="row row--invitation">
              <span className="row__kind">{t(`roles.${invitation.role}`)}</span>
              <span className="row__title">
                {invitation.delegation ?? ''}
                {invitation.code && (
                  <>
                    {' '}
                    <code className="invite-code" aria-label={t('join.code')}>
                      {invitation.code}
                    </code>
                    <span className="row__meta"> {t('host.codeOnce')}</span>
                  </>
                )}
              </span>
              {invitation.revokedAt ? (
                <span className="row__meta">{t('host.revoked')}</span>
              ) : (
                <button type="button" className="button button--quiet" onClick={() => void revoke(invitation.id)}>
                  {t('host.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
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
