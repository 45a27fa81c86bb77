import type { LexicalEditor, SerializedEditorState } from 'lexical';
import type * as Y from 'yjs';
import { openHeadlessDeclaration } from './headlessDeclaration';

/** Keys a DOM-backed editor fills in on its own (text direction, the caret's format), not content. */
const PRESENTATION_KEYS = new Set(['direction', 'textFormat', 'textStyle']);

function content(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(content);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PRESENTATION_KEYS.has(key))
      .map(([key, inner]) => [key, content(inner)]),
  );
}

/** The declaration a Y.Doc holds, as a freshly bound editor reads it. */
export function readDeclaration(doc: Y.Doc): SerializedEditorState {
  const reader = openHeadlessDeclaration(doc);
  try {
    return reader.editor.getEditorState().toJSON();
  } finally {
    reader.dispose();
  }
}

/**
 * Whether an editor still shows exactly what its Y.Doc holds. @lexical/yjs can drift from the doc
 * under some concurrent formatting and paragraph edits (a known Lexical bug: it deletes one item
 * too many when a run's properties are removed remotely); the doc, which every replica agrees on,
 * is the truth, and an editor that drifted is rebuilt from it.
 */
export function editorMatchesDoc(editor: LexicalEditor, doc: Y.Doc): boolean {
  const shown = JSON.stringify(content(editor.getEditorState().toJSON().root));
  const held = JSON.stringify(content(readDeclaration(doc).root));
  return shown === held;
}
