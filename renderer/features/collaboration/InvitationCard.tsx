import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/invitation';
import { joinLink } from '../../../shared/model/joinLink';
import { QrCode } from '../../ui/QrCode';

/** Who an invitation is for: a delegation's delegate by the delegation, anyone else by role. */
function useInvitee() {
  const { t } = useTranslation();
  return (invitation: { role: Role; delegation: string | null }) =>
    invitation.role === 'delegate' && invitation.delegation ? t('hubInvitations.delegateOf', { delegation: invitation.delegation }) : t(`roles.${invitation.role}`);
}

/**
 * A new code on a card to hand over or print: the meeting, who it is for, the hub, the code, and
 * a QR code of the join link for a phone to carry to the laptop. It opens outside the window's
 * root (a portal into <body>), so printing can leave out everything but the card (styles.css,
 * "@media print").
 */
export function InvitationCard(props: {
  meetingTitle: string;
  hubUrl: string;
  invitation: { role: Role; delegation: string | null; code: string };
  onClose(): void;
}) {
  const { t } = useTranslation();
  const invitee = useInvitee();
  const dialog = useRef<HTMLDialogElement>(null);
  const link = joinLink(props.hubUrl, props.invitation.code);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return createPortal(
    <dialog
      ref={dialog}
      className="dialog invitation-card"
      aria-label={t('hubInvitations.cardTitle')}
      onClose={(event) => {
        // React carries a portal's events up its own tree: the invitations dialog must not close too.
        event.stopPropagation();
        props.onClose();
      }}
    >
      <article className="card">
        <p className="card__eyebrow">Accord · {t('hubInvitations.cardInvited')}</p>
        <h2 className="card__meeting">{props.meetingTitle}</h2>
        <p className="card__for">
          <span className="card__label">{t('hubInvitations.cardFor')}</span> <strong>{invitee(props.invitation)}</strong>
        </p>
        <div className="card__body">
          <QrCode className="card__qr" text={link} label={t('hubInvitations.cardQr')} />
          <dl className="card__facts">
            <dt>{t('hubInvitations.cardHub')}</dt>
            <dd>
              <code>{props.hubUrl}</code>
            </dd>
            <dt>{t('hubInvitations.cardCode')}</dt>
            <dd>
              <code className="card__code">{props.invitation.code}</code>
            </dd>
            <dt>{t('hubInvitations.cardLink')}</dt>
            <dd>
              <code className="card__link">{link}</code>
            </dd>
          </dl>
        </div>
        <p className="card__how">{t('hubInvitations.cardHowTo')}</p>
        <p className="card__keep">{t('hubInvitations.cardKeep')}</p>
      </article>
      <div className="dialog__actions card__actions">
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('hubInvitations.close')}
        </button>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('hubInvitations.print')}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}
