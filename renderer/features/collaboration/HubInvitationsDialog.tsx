import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/invitation';
import { useApp } from '../../app/context';
import { type InvitationRow, InvitationsPanel } from './InvitationsPanel';

/**
 * A meeting's invitations on the hub it was joined through, for its secretariat: what the hub
 * holds, asked of it when the dialog opens, and new codes and revocations sent to it at once.
 */
export function HubInvitationsDialog({ meetingId, meetingTitle, onClose }: { meetingId: string; meetingTitle: string; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [hub, setHub] = useState<{ hubUrl: string; caller: string } | null>(null);
  const [invitations, setInvitations] = useState<InvitationRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    let current = true;
    api.call('meetings.hubInvitations', { meetingId }).then(
      (listed) => {
        if (!current) return;
        setHub({ hubUrl: listed.hubUrl, caller: listed.caller });
        setInvitations(listed.invitations);
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [api, meetingId]);

  const create = async (role: Role, delegation: string | null) => {
    const issued = await api.call('meetings.hubInvite', { meetingId, role, delegation });
    setInvitations((list) => [...list, issued]);
  };

  const revoke = async (id: string) => {
    const revoked = await api.call('meetings.hubRevokeInvitation', { meetingId, invitationId: id });
    setInvitations((list) => list.map((i) => (i.id === id ? { ...i, revokedAt: revoked.revokedAt, code: undefined } : i)));
  };

  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby="hub-invitations-title" onClose={onClose}>
      <h2 id="hub-invitations-title">{t('hubInvitations.title')}</h2>
      {hub && <p className="dialog__description">{t('hubInvitations.description', { hub: hub.hubUrl })}</p>}
      {!hub && !error && <p className="empty">{t('hubInvitations.loading')}</p>}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {hub && (
        <InvitationsPanel invitations={invitations} hubUrl={hub.hubUrl} ownId={hub.caller} meetingTitle={meetingTitle} create={create} revoke={revoke} />
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('hubInvitations.close')}
        </button>
      </div>
    </dialog>
  );
}
