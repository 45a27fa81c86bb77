import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSyncStatus } from '../../../shared/model/meeting';

/**
 * The truth about a shared meeting: connection, and how much the hub has not yet confirmed. A
 * problem (a change the hub refused, a port another program holds, a move this laptop cannot
 * follow yet) is said in a line of its own;
 * `floating` keeps that line in view while a long document scrolls the badge away.
 */
export function SyncStatusBadge({ status, floating = false }: { status: MeetingSyncStatus | null; floating?: boolean }) {
  const { t } = useTranslation();
  // A floating notice may be put away; a different one shows again.
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!status) return null;
  const connection =
    status.state === 'refused' ? t('sync.refused', { message: status.message ?? '' }) : t(`sync.${status.state}`);
  const pending = status.unconfirmed === 0 ? t('sync.allSynced') : t('sync.unconfirmed', { count: status.unconfirmed });
  const you = status.delegation
    ? t('sync.youDelegation', { role: t(`roles.${status.role}`), delegation: status.delegation })
    : t('sync.you', { role: t(`roles.${status.role}`) });
  return (
    <div className={`sync-badge sync-badge--${status.state}`} role="status" aria-label={t('sync.label')} data-state={status.state}>
      <span className="sync-badge__dot" aria-hidden="true" />
      <span className="sync-badge__state">{connection}</span>
      {status.state !== 'refused' && <span className="sync-badge__pending">{pending}</span>}
      <span className="sync-badge__you">{you}</span>
      {status.moved && (
        <span className="sync-badge__warning" role="alert">
          {t(status.moved.problem === 'refused' ? 'sync.movedRefused' : 'sync.movedUnreachable', { hub: status.moved.to })}
        </span>
      )}
      {status.alsoHostedAt && <span className="sync-badge__note">{t('sync.alsoHosted', { address: status.alsoHostedAt })}</span>}
      {status.message && status.state !== 'refused' && !(floating && dismissed === status.message) && (
        <span className={`sync-badge__warning${floating ? ' sync-badge__warning--floating' : ''}`} role="alert">
          {status.message}
          {floating && (
            <button type="button" className="button button--quiet button--small sync-badge__dismiss" onClick={() => setDismissed(status.message ?? null)}>
              {t('sync.dismiss')}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
