import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type { ReplicaProvider } from '../platform/replicaProvider';

export interface Participant {
  name: string;
  color: string;
  delegation: string | null;
  role: string;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e'];

/** A stable colour per name, so a delegate keeps their colour across sessions and windows. */
export function colorFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}

/**
 * Tells the others who is behind this window's cursor (name, colour, delegation), once the
 * meeting's hub identity is known, and makes the editor read-only for observers.
 */
export function PresencePlugin({ provider, me, readOnly }: { provider: ReplicaProvider | null; me: Participant | null; readOnly: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(!readOnly);
  }, [editor, readOnly]);
  useEffect(() => {
    if (!provider || !me) return;
    provider.awareness.setLocalStateField('name', me.name);
    provider.awareness.setLocalStateField('color', me.color);
    provider.awareness.setLocalStateField('awarenessData', { delegation: me.delegation, role: me.role });
  }, [provider, me]);
  return null;
}
