import { mergeRegister } from '@lexical/utils';
import { CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_EDITOR, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import * as Y from 'yjs';
import { bracketsOf, paragraphsOf } from '../model/shape';
import type { DeclarationBinding, RelativeSelection } from './declarationBinding';

/** Keystrokes closer together than this undo as one step. */
const CAPTURE_MS = 500;

type SavedCaret = RelativeSelection;

/**
 * Undo and redo of this window's own changes only (Yjs's UndoManager, tracking the binding's
 * origins, not a peer's or main's). A structural change undoes as the model operations it is made
 * of: a property set back (a kind, a key, a tombstone flag), words put back. Paragraphs are
 * created outside what is tracked, and the manager never deletes a container, so an undo can
 * turn a paragraph back into a tombstone but never destroy one someone else typed into.
 */
export function registerDeclarationHistory(binding: DeclarationBinding): () => void {
  const { editor, doc } = binding;
  const undoManager = new Y.UndoManager([paragraphsOf(doc), bracketsOf(doc)], {
    trackedOrigins: new Set([binding.lexical.change, binding.commands.change]),
    captureTimeout: CAPTURE_MS,
    deleteFilter: (item) => !(item.content instanceof Y.ContentType),
  });

  const caretNow = (): SavedCaret | null => binding.caretBeforeLocalChange ?? editor.getEditorState().read(() => binding.$relativeSelection());

  // The caret before each step, to put back when it is undone (and the one before an undo, for its redo).
  let caretBefore: SavedCaret | null = null;
  const onBefore = (transaction: Y.Transaction) => {
    if (transaction.origin === binding.lexical.change || transaction.origin === binding.commands.change || transaction.origin === undoManager) caretBefore ??= caretNow();
  };
  const onAfter = () => {
    caretBefore = null;
  };
  doc.on('beforeTransaction', onBefore);
  doc.on('afterTransaction', onAfter);
  const onAdded = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => {
    if (!stackItem.meta.has(binding) && caretBefore) stackItem.meta.set(binding, caretBefore);
    announce();
  };
  const onPopped = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => {
    const saved = stackItem.meta.get(binding) as SavedCaret | undefined;
    if (saved) restore = saved;
  };
  let restore: SavedCaret | null = null;
  undoManager.on('stack-item-added', onAdded);
  undoManager.on('stack-item-popped', onPopped);
  undoManager.on('stack-cleared', () => announce());

  const announce = () => {
    editor.dispatchCommand(CAN_UNDO_COMMAND, undoManager.canUndo());
    editor.dispatchCommand(CAN_REDO_COMMAND, undoManager.canRedo());
  };

  const step = (run: () => void) => {
    restore = null;
    binding.$command(() => {
      undoManager.stopCapturing();
      run();
    });
    const saved = restore as SavedCaret | null;
    if (saved) binding.$restoreSelection(saved);
    announce();
    return true;
  };

  return mergeRegister(
    editor.registerCommand(UNDO_COMMAND, () => step(() => undoManager.undo()), COMMAND_PRIORITY_EDITOR),
    editor.registerCommand(REDO_COMMAND, () => step(() => undoManager.redo()), COMMAND_PRIORITY_EDITOR),
    binding.onStructuralCommand(() => undoManager.stopCapturing()),
    () => {
      doc.off('beforeTransaction', onBefore);
      doc.off('afterTransaction', onAfter);
      undoManager.destroy();
    },
  );
}
