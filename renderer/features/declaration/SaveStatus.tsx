import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicaProvider, SaveState } from '../../platform/replicaProvider';

type Translate = ReturnType<typeof useTranslation>['t'];

function describe(state: SaveState, t: Translate): string {
  return state.kind === 'failed' ? t('save.failed', { message: state.error.message }) : t(`save.${state.kind}`);
}

/**
 * The window's honest word on saving: "Saved" only once main has the change on disk.
 *
 * It changes twice a keystroke (saving, saved), so it is written to its element directly rather
 * than rendered: every React render while the caret is in the text makes React walk the text up
 * to the caret (to keep the selection), which in a long declaration would cost every keystroke.
 * React renders only what never changes; the state's class, attribute and words are set here.
 */
export function SaveStatus({ provider }: { provider: ReplicaProvider | null }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const label = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const show = (state: SaveState) => {
      if (!box.current || !label.current) return;
      const previous = box.current.dataset.state;
      if (previous) box.current.classList.remove(`save-status--${previous}`);
      box.current.classList.add(`save-status--${state.kind}`);
      box.current.dataset.state = state.kind;
      label.current.textContent = describe(state, t);
    };
    show(provider?.state ?? { kind: 'loading' });
    if (!provider) return;
    provider.on('save-state', show);
    return () => provider.off('save-state', show);
  }, [provider, t]);

  return (
    <div ref={box} className="save-status" role="status" aria-label={t('save.label')} aria-live="polite">
      <span className="save-status__dot" aria-hidden="true" />
      <span ref={label} />
    </div>
  );
}
