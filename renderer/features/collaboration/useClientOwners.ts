import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { type ClientOwner, readClientOwners } from '../../../shared/model/clientOwners';
import { SECRETARIAT_ROOTS } from '../../../shared/model/secretariatDoc';

const NONE: ReadonlyMap<number, ClientOwner> = new Map();

/** The owners of the meeting's client ids as the hub recorded them in the secretariat doc, kept current. */
export function useClientOwners(secretariat: Y.Doc | null): ReadonlyMap<number, ClientOwner> {
  const [owners, setOwners] = useState<ReadonlyMap<number, ClientOwner>>(NONE);
  useEffect(() => {
    if (!secretariat) return setOwners(NONE);
    const map = secretariat.getMap(SECRETARIAT_ROOTS.clientOwners);
    const read = () => setOwners(readClientOwners(secretariat));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [secretariat]);
  return owners;
}
