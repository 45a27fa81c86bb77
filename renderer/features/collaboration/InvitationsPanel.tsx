import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/invitation';
import { joinLink } from '../../../shared/model/joinLink';
import { useApp } from '../../app/context';
import { formatMoment } from '../../ui/format';
import { useCopy } from '../../ui/useCopy';
import { InvitationCard } from './InvitationCard';

export interface InvitationRow {
  id: string;
  role: Role;
  delegation: string | null;
  createdAt: number;
  revokedAt: number | null;
  /** Present only right after creation: the hub keeps a hash. */
  code?: string;
}

export interface InvitationsPanelProps {
  invitations: InvitationRow[];
  /** The hub's address, for a new code's join link and card; null where it is not known yet. */
  hubUrl: string | null;
  meetingTitle: string;
  /** The meeting's listed delegations, offered for a delegate's code; any other may be typed. */
  delegations?: ReadonlyArray<string>;
  /** The invitation this laptop itself uses, which it must not revoke (it would lock itself out). */
  ownId?: string | null;
  create(role: Role, delegation: string | null): Promise<void>;
  revoke(id: string): Promise<void>;
}

/**
 * A meeting's invitations, wherever its hub runs (in this app on the local network, or headless):
 * a form for a new code, and the list, each new code with its join link and printable card.
 */
export function InvitationsPanel(props: InvitationsPanelProps) {
  const delegations = props.delegations ?? [];
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>('delegate');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [card, setCard] = useState<InvitationRow | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const delegation = String(new FormData(form).get('delegation') ?? '').trim();
    setBusy(true);
    try {
      await props.create(role, role === 'delegate' ? delegation : null);
      setError(null);
      form.reset();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    try {
      await props.revoke(id);
      setError(null);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
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
              list="invite-delegations"
              aria-describedby={delegations.length > 0 ? 'invite-delegation-hint' : undefined}
              required
              maxLength={100}
            />
            <datalist id="invite-delegations">
              {delegations.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('host.create')}
        </button>
      </form>
      {role === 'delegate' && delegations.length > 0 && (
        <p id="invite-delegation-hint" className="invite-form__hint">
          {t('delegations.inviteHint')}
        </p>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      <h3 className="section-title">{t('host.invitations')}</h3>
      {props.invitations.length === 0 ? (
        <p className="empty">{t('host.none')}</p>
      ) : (
        <ul className="rows" aria-label={t('host.invitations')}>
          {props.invitations.map((invitation) => (
            <InvitationItem
              key={invitation.id}
              invitation={invitation}
              hubUrl={props.hubUrl}
              own={invitation.id === props.ownId}
              onRevoke={() => void revoke(invitation.id)}
              onCard={() => setCard(invitation)}
            />
          ))}
        </ul>
      )}
      {card?.code && props.hubUrl && (
        <InvitationCard meetingTitle={props.meetingTitle} hubUrl={props.hubUrl} invitation={{ ...card, code: card.code }} onClose={() => setCard(null)} />
      )}
    </>
  );
}

function InvitationItem(props: { invitation: InvitationRow; hubUrl: string | null; own: boolean; onRevoke(): void; onCard(): void }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const { outcome, copy } = useCopy();
  const { invitation, hubUrl } = props;
  const link = invitation.code && !invitation.revokedAt && hubUrl ? joinLink(hubUrl, invitation.code) : null;
  return (
    <li className="row row--invitation">
      <span className="row__kind">{t(`roles.${invitation.role}`)}</span>
      <div className="invitation">
        <span className="row__title">{invitation.delegation ?? ''}</span>
        <span className="row__meta">{t('hubInvitations.created', { when: formatMoment(invitation.createdAt, language) })}</span>
        {props.own && <span className="row__meta invitation__own">{t('hubInvitations.yours')}</span>}
        {invitation.code && (
          <p className="invitation__code">
            <code className="invite-code" aria-label={t('join.code')}>
              {invitation.code}
            </code>
            <span className="row__meta"> {t('host.codeOnce')}</span>
          </p>
        )}
        {link && (
          <div className="invitation__link">
            <code className="invitation__url" aria-label={t('hubInvitations.linkLabel')}>
              {link}
            </code>
            <div className="invitation__actions">
              <button type="button" className="button button--secondary button--small" onClick={() => void copy(link)}>
                {t('hubInvitations.copyLink')}
              </button>
              <button type="button" className="button button--secondary button--small" onClick={props.onCard}>
                {t('hubInvitations.printCard')}
              </button>
              <span role="status" className={`meeting-id__outcome${outcome === 'failed' ? ' meeting-id__outcome--failed' : ''}`}>
                {outcome === 'copied' ? t('hubInvitations.copied') : outcome === 'failed' ? t('hubInvitations.copyFailed') : ''}
              </span>
            </div>
          </div>
        )}
      </div>
      {invitation.revokedAt ? (
        <span className="row__meta">{t('host.revoked')}</span>
      ) : props.own ? (
        <span />
      ) : (
        <button type="button" className="button button--quiet" onClick={props.onRevoke}>
          {t('host.revoke')}
        </button>
      )}
    </li>
  );
}
