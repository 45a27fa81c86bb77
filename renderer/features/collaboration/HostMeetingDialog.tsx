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

/** Starts the in-app hub for a meeting and hands out (and revokes) invitation codes. */
export function HostMeetingDialog({ meetingId, onClose }: { meetingId: string; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [addresses, setAddresses] = useState<string[]>([]);
  const [invitations, setInvitations] = useState<InvitationRow[]>([]);
  const [role, setRole] = useState<Role>('delegate');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    api.call('meetings.host', { meetingId }).then(
      (hosting) => {
        setAddresses(hosting.addresses);
        setInvitations(hosting.invitations);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, meetingId]);

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
            <input name="delegation" placeholder={t('host.delegationPlaceholder')} required />
          </label>
        )}
        <button type="submit" className="button button--primary">
          {t('host.create')}
        </button>
      </form>
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
      <div className="dialog__actions">
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('host.close')}
        </button>
      </div>
    </dialog>
  );
}
