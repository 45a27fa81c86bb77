import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { createDOMRange, createRectsFromDOMRange } from '@lexical/selection';
import { mergeRegister } from '@lexical/utils';
import { $createRangeSelection, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { DeclarationBinding } from '../../shared/declaration/binding/declarationBinding';
import { $setPointAt, type ModelPoint } from '../../shared/declaration/binding/textPoints';
import type { ReplicaProvider } from '../platform/replicaProvider';
import { assignPresenceColors, type PresenceColor } from './presenceColors';

/** Where another participant's caret and selection are, drawn over the page. */
interface Drawn {
  clientId: number;
  name: string;
  color: PresenceColor;
  caret: { left: number; top: number; height: number } | null;
  selection: Array<{ left: number; top: number; width: number; height: number }>;
}

/** What a window tells the others of its caret: relative positions, which survive their edits. */
interface CursorState {
  anchor: unknown;
  focus: unknown;
}

function toModel(binding: DeclarationBinding, json: unknown): ModelPoint | null {
  try {
    return binding.absolutePoint(Y.createRelativePositionFromJSON(json));
  } catch {
    // A peer may send anything in its presence: what cannot be read is not drawn.
    return null;
  }
}

function measure(editor: LexicalEditor, binding: DeclarationBinding, cursor: CursorState, page: HTMLElement): Pick<Drawn, 'caret' | 'selection'> | null {
  const anchor = toModel(binding, cursor.anchor);
  const focus = toModel(binding, cursor.focus);
  if (!anchor || !focus) return null;
  return editor.getEditorState().read(() => {
    const anchorBlock = binding.$block(anchor.id);
    const focusBlock = binding.$block(focus.id);
    if (!anchorBlock || !focusBlock) return null;
    const selection = $createRangeSelection();
    $setPointAt(selection.anchor, anchorBlock, anchor.offset);
    $setPointAt(selection.focus, focusBlock, focus.offset);
    const range = createDOMRange(editor, selection.anchor.getNode(), selection.anchor.offset, selection.focus.getNode(), selection.focus.offset);
    if (!range) return null;
    const origin = page.getBoundingClientRect();
    const rects = createRectsFromDOMRange(editor, range).map((rect) => ({ left: rect.left - origin.left, top: rect.top - origin.top, width: rect.width, height: rect.height }));
    const end = document.createRange();
    end.setStart(range.endContainer, range.endOffset);
    const caretRect = end.getClientRects()[0] ?? range.getBoundingClientRect();
    const caret = caretRect ? { left: caretRect.left - origin.left, top: caretRect.top - origin.top, height: caretRect.height || 18 } : null;
    return { caret, selection: selection.isCollapsed() ? [] : rects };
  });
}

/**
 * Shares this window's caret and selection with the others (as relative positions in the
 * paragraphs' texts, so an edit elsewhere never moves them) and draws theirs, in their colours,
 * with their names.
 */
export function RemoteCursorsPlugin({ provider, binding }: { provider: ReplicaProvider | null; binding: DeclarationBinding | null }) {
  const [editor] = useLexicalComposerContext();
  const [drawn, setDrawn] = useState<Drawn[]>([]);
  const [page, setPage] = useState<HTMLElement | null>(null);

  useEffect(() => editor.registerRootListener((root) => setPage((root?.closest('.editor__page') as HTMLElement | null) ?? null)), [editor]);

  // This window's caret, published as it moves.
  useEffect(() => {
    if (!provider || !binding) return;
    const publish = () => {
      const cursor = editor.getEditorState().read(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || !editor.isEditable()) return null;
        const relative = binding.$relativeSelection();
        return relative ? { anchor: Y.relativePositionToJSON(relative.anchor), focus: Y.relativePositionToJSON(relative.focus) } : null;
      });
      const previous = provider.awareness.getLocalState()?.cursor;
      if (JSON.stringify(previous ?? null) !== JSON.stringify(cursor)) provider.awareness.setLocalStateField('cursor', cursor);
    };
    publish();
    return editor.registerUpdateListener(publish);
  }, [editor, provider, binding]);

  // Everyone else's, redrawn when they move or the text changes under them.
  useEffect(() => {
    if (!provider || !binding || !page) return;
    let frame = 0;
    const redraw = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next: Drawn[] = [];
        const states = provider.awareness.getStates();
        const colors = assignPresenceColors(states);
        states.forEach((state, clientId) => {
          if (clientId === provider.awareness.clientID) return;
          const cursor = state.cursor as CursorState | null | undefined;
          const color = colors.get(clientId);
          if (!cursor || typeof state.name !== 'string' || !color) return;
          const at = measure(editor, binding, cursor, page);
          if (!at) return;
          next.push({ clientId, name: state.name, color, ...at });
        });
        // Only a change renders: typing with nobody else here leaves the layer as it is.
        setDrawn((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
      });
    };
    redraw();
    provider.awareness.on('change', redraw);
    window.addEventListener('resize', redraw);
    const unregister = mergeRegister(editor.registerUpdateListener(redraw));
    return () => {
      cancelAnimationFrame(frame);
      provider.awareness.off('change', redraw);
      window.removeEventListener('resize', redraw);
      unregister();
    };
  }, [editor, provider, binding, page]);

  if (!page) return null;
  return (
    <div className="collab-layer" aria-hidden="true">
      {drawn.map((cursor) => (
        <div key={cursor.clientId} style={{ ['--cursor-color' as string]: cursor.color.background, ['--cursor-ink' as string]: cursor.color.text }}>
          {cursor.selection.map((rect, i) => (
            <span key={i} className="collab-selection" style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }} />
          ))}
          {cursor.caret && (
            <span className="collab-cursor" style={{ left: cursor.caret.left, top: cursor.caret.top, height: cursor.caret.height }}>
              <span className="collab-cursor__name">{cursor.name}</span>
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
