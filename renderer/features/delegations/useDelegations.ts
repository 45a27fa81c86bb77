import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { type Delegation, readDelegations } from '../../../shared/model/delegations';
import { holdsSecretariatParts, SECRETARIAT_ROOTS } from '../../../shared/model/secretariatDoc';

const same = (a: ReadonlyArray<Delegation>, b: ReadonlyArray<Delegation>) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The meeting's delegations as the secretariat's doc holds them, read again whenever the list (or
 * whether the doc holds the secretariat's parts) changes; null without a doc. An unchanged list
 * keeps its object, so a screen holding an editor does not render for the doc's other changes.
 */
export function useDelegations(secretariat: Y.Doc | null): Delegation[] | null {
  const [list, setList] = useState<{ doc: Y.Doc; delegations: Delegation[] } | null>(null);
  useEffect(() => {
    if (!secretariat) return;
    const read = () => {
      const delegations = holdsSecretariatParts(secretariat) ? readDelegations(secretariat) : [];
      setList((previous) => (previous?.doc === secretariat && same(previous.delegations, delegations) ? previous : { doc: secretariat, delegations }));
    };
    const roots = [secretariat.getMap(SECRETARIAT_ROOTS.delegations), secretariat.getMap(SECRETARIAT_ROOTS.marker)];
    for (const root of roots) root.observe(read);
    read();
    return () => {
      for (const root of roots) root.unobserve(read);
    };
  }, [secretariat]);
  return secretariat && list?.doc === secretariat ? list.delegations : null;
}
