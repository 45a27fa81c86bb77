import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { observeNegotiationLog } from '../../../../shared/declaration/negotiationLog';
import { type LogEntry, readLogEntries } from '../../../../shared/declaration/negotiationLogView';
import { SECRETARIAT_ROOTS } from '../../../../shared/model/secretariatDoc';
import { useClientOwners } from '../../collaboration/useClientOwners';

const NONE: LogEntry[] = [];

/**
 * The declaration's log, current as entries arrive from anyone and as the text is renumbered.
 * The declaration's doc is read again on each of its changes (numbers follow every paragraph
 * added, moved or re-kinded), but the window re-renders only when the entries read differ.
 */
export function useNegotiationLog(declaration: Y.Doc | null, secretariat: Y.Doc | null, documentId: string): LogEntry[] {
  const owners = useClientOwners(secretariat);
  const [entries, setEntries] = useState<LogEntry[]>(NONE);
  useEffect(() => {
    let shown = '';
    const read = () => {
      const next = readLogEntries({ declaration, secretariat, documentId, owners });
      const json = JSON.stringify(next);
      if (json === shown) return;
      shown = json;
      setEntries(next);
    };
    read();
    const stops: Array<() => void> = [];
    if (declaration) {
      declaration.on('update', read);
      stops.push(() => declaration.off('update', read));
    }
    if (secretariat) {
      stops.push(observeNegotiationLog(secretariat, read));
      const circulated = secretariat.getMap(SECRETARIAT_ROOTS.circulated);
      circulated.observe(read);
      stops.push(() => circulated.unobserve(read));
    }
    return () => stops.forEach((stop) => stop());
  }, [declaration, secretariat, documentId, owners]);
  return entries;
}
