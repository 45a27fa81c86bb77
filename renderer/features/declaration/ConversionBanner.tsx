import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../shared/api/contract';
import { useApp } from '../../app/context';

/**
 * How a declaration stands with regard to the format of an earlier Accord: written in it (to be
 * converted once, by the secretariat), converted (this copy is kept read-only, the declaration
 * goes on in the new one), or converted from a copy that has since changed (the secretariat brings
 * those words over). Nothing else is shown for a declaration that was always in the model.
 */
export function ConversionBanner({ detail, secretariat, onChanged, onNotice }: { detail: DocumentDetail; secretariat: boolean; onChanged(): void; onNotice(message: string): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  /** A button that does its work once at a time and says what went wrong. */
  const action = (label: string, work: () => Promise<void>) => (
    <button
      type="button"
      className="button button--secondary button--small"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        work()
          .catch((error: unknown) => onNotice(error instanceof Error ? error.message : String(error)))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </button>
  );

  if (detail.format === 'earlier' && detail.successor) {
    return (
      <div className="banner banner--info" role="note">
        {t('conversion.converted')} <a href={`#/document/${detail.successor}`}>{t('conversion.openConverted')}</a>
      </div>
    );
  }
  if (detail.format === 'earlier') {
    return (
      <div className="banner banner--info" role="note">
        {t(secretariat ? 'conversion.toConvert' : 'conversion.awaiting')}
        {secretariat &&
          action(busy ? t('conversion.converting') : t('conversion.convert'), async () => {
            const { documentId } = await api.call('documents.convert', { documentId: detail.id });
            window.location.hash = `#/document/${documentId}`;
          })}
      </div>
    );
  }
  if (detail.predecessor && detail.predecessor.lateEdits > 0 && secretariat) {
    return (
      <div className="banner banner--warning" role="note">
        {t('conversion.lateEdits', { count: detail.predecessor.lateEdits })} <a href={`#/document/${detail.predecessor.id}`}>{t('conversion.openEarlier')}</a>
        {action(t('conversion.bringOver'), async () => {
          const { paragraphs } = await api.call('documents.bringOver', { documentId: detail.id });
          onNotice(t('conversion.broughtOver', { count: paragraphs }));
          onChanged();
        })}
      </div>
    );
  }
  return null;
}
