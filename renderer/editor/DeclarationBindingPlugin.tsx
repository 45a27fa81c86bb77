import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { useEffect, useState } from 'react';
import { DeclarationBinding } from '../../shared/declaration/binding/declarationBinding';
import { registerDeclarationCommands } from '../../shared/declaration/binding/declarationCommands';
import { registerDeclarationHistory } from '../../shared/declaration/binding/declarationHistory';
import { needsConversion, readableDeclaration } from '../../shared/declaration/model/legacyConversion';
import type { ReplicaProvider } from '../platform/replicaProvider';

/**
 * The one place that binds this window's editor to its document: once main's copy has arrived
 * (an editor bound to an empty doc would let a first keystroke create a paragraph the arriving
 * text then duplicates), Accord's binding, its structural commands and its undo are registered,
 * and the binding is handed to whoever draws presence. A declaration written by an earlier
 * Accord is shown from a converted copy, never written: `onEarlierFormat` says so.
 */
export function DeclarationBindingPlugin({
  provider,
  documentId,
  onBinding,
  onEarlierFormat,
}: {
  provider: ReplicaProvider;
  documentId: string;
  onBinding(binding: DeclarationBinding | null): void;
  onEarlierFormat(): void;
}) {
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
    if (needsConversion(provider.doc)) {
      editor.setEditable(false);
      onEarlierFormat();
      // Shown from a fresh conversion each time words reach it (from a laptop of the earlier
      // release): a conversion is of one state, and converting again is cheaper than diffing.
      let shown: { doc: { destroy(): void }; reader: DeclarationBinding } | null = null;
      let pending: ReturnType<typeof setTimeout> | null = null;
      const show = () => {
        pending = null;
        shown?.reader.destroy();
        shown?.doc.destroy();
        const { doc } = readableDeclaration(provider.doc, documentId);
        shown = { doc, reader: new DeclarationBinding(editor, doc) };
      };
      const later = () => {
        pending ??= setTimeout(show, 250);
      };
      show();
      provider.doc.on('update', later);
      return () => {
        provider.doc.off('update', later);
        if (pending) clearTimeout(pending);
        shown?.reader.destroy();
        shown?.doc.destroy();
      };
    }
    const binding = new DeclarationBinding(editor, provider.doc);
    const unregister = mergeRegister(registerDeclarationCommands(editor, binding), registerDeclarationHistory(binding), () => binding.destroy());
    onBinding(binding);
    performance.mark('accord:bound');
    return () => {
      onBinding(null);
      unregister();
    };
  }, [editor, provider, documentId, synced, onBinding, onEarlierFormat]);
  return null;
}
