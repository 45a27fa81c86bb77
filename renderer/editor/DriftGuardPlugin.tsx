import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { editorMatchesDoc } from '../../shared/model/editorDrift';
import type { ReplicaProvider } from '../platform/replicaProvider';

/** Quiet time after the last remote change before the editor is compared with its doc. */
const SETTLE_MS = 800;

/**
 * Works around a Lexical collaboration bug (see shared/model/editorDrift.ts): once remote changes
 * settle, the editor is compared with what its Y.Doc holds, and rebuilt from the doc if the two
 * differ, so a delegate never keeps looking at (or editing) text that is not the agreed text.
 */
export function DriftGuardPlugin({ provider, onDrift }: { provider: ReplicaProvider | null; onDrift(): void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!provider) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      if (editor.isComposing()) {
        timer = setTimeout(check, SETTLE_MS);
        return;
      }
      if (!editorMatchesDoc(editor, provider.doc)) {
        console.warn('Accord: the editor drifted from the shared document; rebuilding it from the document.');
        onDrift();
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
  }, [editor, provider, onDrift]);
  return null;
}
