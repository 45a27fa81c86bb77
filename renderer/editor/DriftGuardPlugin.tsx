import { useEffect } from 'react';
import type { DeclarationBinding } from '../../shared/declaration/binding/declarationBinding';
import type { ReplicaProvider } from '../platform/replicaProvider';

/** Quiet time after the last remote change before the editor is compared with its doc. */
const SETTLE_MS = 800;

/**
 * A last line of defence: once remote changes settle, the editor is compared with what its
 * document's model holds, and redrawn from the model if the two differ, so a delegate never
 * keeps looking at (or editing) text that is not the agreed text. The binding is built so this
 * never happens; when it does, it is logged so it can be found.
 */
export function DriftGuardPlugin({ provider, binding }: { provider: ReplicaProvider; binding: DeclarationBinding | null }) {
  useEffect(() => {
    if (!binding) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      if (binding.editor.isComposing()) {
        timer = setTimeout(check, SETTLE_MS);
        return;
      }
      const drift = binding.drift();
      if (drift) {
        console.warn(`Accord: the editor drifted from the shared document (${drift}); redrawing it from the document.`);
        binding.redraw();
      }
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) return;
      clearTimeout(timer);
      timer = setTimeout(check, SETTLE_MS);
    };
    provider.doc.on('update', onUpdate);
    return () => {
      provider.doc.off('update', onUpdate);
      clearTimeout(timer);
    };
  }, [provider, binding]);
  return null;
}
