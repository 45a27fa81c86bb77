import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { useEffect, useState } from 'react';
import { DeclarationBinding } from '../../shared/declaration/binding/declarationBinding';
import { registerDeclarationCommands } from '../../shared/declaration/binding/declarationCommands';
import { registerDeclarationHistory } from '../../shared/declaration/binding/declarationHistory';
import type { ReplicaProvider } from '../platform/replicaProvider';

/**
 * The one place that binds this window's editor to its document: once main's copy has arrived
 * (an editor bound to an empty doc would let a first keystroke create a paragraph the arriving
 * text then duplicates), Accord's binding, its structural commands and its undo are registered,
 * and the binding is handed to whoever draws presence.
 */
export function DeclarationBindingPlugin({ provider, onBinding }: { provider: ReplicaProvider; onBinding(binding: DeclarationBinding | null): void }) {
  const [editor] = useLexicalComposerContext();
  const [synced, setSynced] = useState(provider.isSynced);

  useEffect(() => {
    if (synced) return;
    const onSync = () => setSynced(true);
    provider.on('sync', onSync);
    if (provider.isSynced) setSynced(true);
    return () => provider.off('sync', onSync);
  }, [provider, synced]);

  useEffect(() => {
    if (!synced) return;
    const binding = new DeclarationBinding(editor, provider.doc);
    const unregister = mergeRegister(registerDeclarationCommands(editor, binding), registerDeclarationHistory(binding), () => binding.destroy());
    onBinding(binding);
    performance.mark('accord:bound');
    return () => {
      onBinding(null);
      unregister();
    };
  }, [editor, provider, synced, onBinding]);
  return null;
}
