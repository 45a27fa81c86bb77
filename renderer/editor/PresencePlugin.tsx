import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type { ReplicaProvider } from '../platform/replicaProvider';
import { assignPresenceColors } from './presenceColors';

export interface Participant {
  name: string;
  delegation: string | null;
  role: string;
}

/**
 * Tells the others who is behind this window's cursor (name, delegation, when it joined and the
 * colour it was given), once the meeting's hub identity is known, and makes the editor read-only
 * for observers.
 */
export function PresencePlugin({ provider, me, readOnly }: { provider: ReplicaProvider | null; me: Participant | null; readOnly: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(!readOnly);
  }, [editor, readOnly]);
  // By value: the screen makes a new `me` on every render, and each publication is a message to everyone.
  const name = me?.name;
  const delegation = me?.delegation ?? null;
  const role = me?.role;
  useEffect(() => {
    if (!provider || name === undefined || role === undefined) return;
    const { awareness } = provider;
    awareness.setLocalStateField('name', name);
    awareness.setLocalStateField('awarenessData', { delegation, role });
    if (typeof awareness.getLocalState()?.joined !== 'number') awareness.setLocalStateField('joined', Date.now());
    // The colour is claimed once the others present are known (they come with main's copy of
    // the document), so it is one nobody else holds; then kept, and moved only if an earlier
    // arrival claimed the same one meanwhile.
    const claim = () => {
      if (!provider.isSynced) return;
      const mine = assignPresenceColors(awareness.getStates()).get(awareness.clientID);
      if (mine && awareness.getLocalState()?.color !== mine.background) awareness.setLocalStateField('color', mine.background);
    };
    claim();
    awareness.on('change', claim);
    provider.on('sync', claim);
    return () => {
      awareness.off('change', claim);
      provider.off('sync', claim);
    };
  }, [provider, name, delegation, role]);
  return null;
}
