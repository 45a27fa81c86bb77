import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicaProvider, SaveState } from '../../platform/replicaProvider';

/** The window's honest word on saving: "Saved" only once main has the change on disk. */
export function SaveStatus({ provider }: { provider: ReplicaProvider | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<SaveState>(provider?.state ?? { kind: 'loading' });

  useEffect(() => {
    if (!provider) return;
    setState(provider.state);
    const listener = (next: SaveState) => setState(next);
    provider.on('save-state', listener);
    return () => provider.off('save-state', listener);
  }, [provider]);

  const text = state.kind === 'failed' ? t('save.failed', { message: state.error.message }) : t(`save.${state.kind}`);
  return (
    <div className={`save-status save-status--${state.kind}`} role="status" aria-label={t('save.label')} aria-live="polite" data-state={state.kind}>
      <span className="save-status__dot" aria-hidden="true" />
      {text}
    </div>
  );
}
