import { diffArrays } from 'diff';
import { $getRoot, $parseSerializedNode, type LexicalNode, type SerializedLexicalNode } from 'lexical';
import type * as Y from 'yjs';
import { openHeadlessDeclaration } from '../model/headlessDeclaration';
import { clearClauseStatus, readClauseStatuses, setClauseStatus } from './clauseStatus';
import { $isClauseNode } from './nodes';

/** A declaration's paragraphs as Lexical serialises them: what a version "said". */
export function readSerializedParagraphs(doc: Y.Doc): SerializedLexicalNode[] {
  const session = openHeadlessDeclaration(doc);
  try {
    return session.editor.getEditorState().toJSON().root.children;
  } finally {
    session.dispose();
  }
}

export interface RestoreSummary {
  /** Paragraphs of the current text replaced or removed, and paragraphs written back. */
  removed: number;
  inserted: number;
  statusesRestored: number;
}

/**
 * Makes `current` say what `version` says, as ordinary changes that every collaborator receives
 * and that are themselves recorded: history is added to, never rewritten. Paragraphs that did not
 * change are left alone, so a colleague typing in one of them at that moment loses nothing.
 */
export function restoreVersion(current: Y.Doc, version: Y.Doc): RestoreSummary {
  const target = readSerializedParagraphs(version);
  const summary: RestoreSummary = { removed: 0, inserted: 0, statusesRestored: 0 };
  const session = openHeadlessDeclaration(current);
  try {
    session.update(() => {
      const root = $getRoot();
      const children = root.getChildren();
      const now = session.editor.getEditorState().toJSON().root.children.map((node) => JSON.stringify(node));
      const wanted = target.map((node) => JSON.stringify(node));
      let index = 0;
      let anchor: LexicalNode | null = null;
      for (const part of diffArrays(now, wanted)) {
        if (part.removed) {
          for (let i = 0; i < part.count; i += 1) children[index++]!.remove();
          summary.removed += part.count;
        } else if (part.added) {
          for (const json of part.value) {
            const node = $parseSerializedNode(JSON.parse(json) as SerializedLexicalNode);
            if (anchor) anchor.insertAfter(node);
            else if (root.getFirstChild()) root.getFirstChild()!.insertBefore(node);
            else root.append(node);
            anchor = node;
          }
          summary.inserted += part.count;
        } else {
          index += part.count;
          anchor = children[index - 1]!;
        }
      }
    });
    // Statuses too: a paragraph agreed since the version was saved reads as the version had it.
    const restoredIds = session.editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .flatMap((node) => ($isClauseNode(node) ? [node.getClauseId()] : [])),
    );
    const wantedStatuses = readClauseStatuses(version);
    const currentStatuses = readClauseStatuses(current);
    current.transact(() => {
      for (const clauseId of restoredIds) {
        const wanted = wantedStatuses.get(clauseId);
        const now = currentStatuses.get(clauseId);
        if (JSON.stringify(now) === JSON.stringify(wanted)) continue;
        if (wanted) setClauseStatus(current, clauseId, wanted);
        else clearClauseStatus(current, clauseId);
        summary.statusesRestored += 1;
      }
    });
  } finally {
    session.dispose();
  }
  return summary;
}
