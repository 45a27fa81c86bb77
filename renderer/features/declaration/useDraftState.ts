import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $getSelection, $isRangeSelection, type EditorState, type LexicalEditor } from 'lexical';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { blockChanges } from '../../../shared/declaration/binding/blockChanges';
import { $runsOfBlock } from '../../../shared/declaration/binding/inlineRuns';
import { $readBracket, $selectedBracket, type BracketView } from '../../../shared/declaration/brackets';
import { type ClauseStatusEntry, effectiveStatus, type EffectiveStatus, observeClauseStatuses, readClauseStatuses } from '../../../shared/declaration/clauseStatus';
import { readingOf } from '../../../shared/declaration/model/declarationView';
import { $isBlockNode } from '../../../shared/declaration/nodes';
import { $blockOf, $readOutline, type OutlineItem } from '../../../shared/declaration/outline';

/** Every paragraph's status in this document (kept in the secretariat's doc), current as anyone changes one. */
export function useClauseStatuses(statusDoc: Y.Doc | null, documentId: string): ReadonlyMap<string, ClauseStatusEntry> {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ClauseStatusEntry>>(new Map());
  useEffect(() => {
    if (!statusDoc) return;
    const read = () => setStatuses(readClauseStatuses(statusDoc, documentId));
    read();
    return observeClauseStatuses(statusDoc, read);
  }, [statusDoc, documentId]);
  return statuses;
}

export interface SelectionInfo {
  /** The caret's paragraph, with its status as it stands for the words it has now. */
  paragraph: (OutlineItem & { status: EffectiveStatus | null }) | null;
  bracket: BracketView | null;
  /** The selected words, for a bracket or a comment. */
  selectedText: string;
}

const NOTHING: SelectionInfo = { paragraph: null, bracket: null, selectedText: '' };

/** A paragraph's words as they read now (what a status's fingerprint is taken of). */
export function readParagraphReading(editor: LexicalEditor, key: string): string {
  return editor.getEditorState().read(() => {
    const block = $getNodeByKey(key);
    return $isBlockNode(block) ? readingOf($runsOfBlock(block)) : '';
  });
}

/**
 * The paragraph and bracket at the caret, updated as it moves or the text changes. Typing must
 * cost the same in a long declaration as in a short one: the outline (numbers, which take every
 * paragraph) is read again only when the caret changes paragraph or paragraphs are added,
 * removed, moved or re-kinded; and the window re-renders only when what is shown changes (a
 * render while the caret is in the text costs React a walk of the text up to the caret).
 */
export function useSelectionInfo(statuses: ReadonlyMap<string, ClauseStatusEntry>): SelectionInfo {
  const [editor] = useLexicalComposerContext();
  const [info, setInfo] = useState<SelectionInfo>(NOTHING);
  useEffect(() => {
    let item: OutlineItem | null = null;
    const read = (fresh: boolean, editorState: EditorState) => {
      const next = editorState.read(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return null;
        const block = $blockOf(selection.anchor.getNode());
        if (!block) item = null;
        else if (fresh || item?.key !== block.getKey()) item = $readOutline().find((entry) => entry.key === block.getKey()) ?? null;
        const status = item?.clauseId && $isBlockNode(block) ? effectiveStatus(statuses.get(item.clauseId), readingOf($runsOfBlock(block))) : null;
        const bracket = $selectedBracket();
        return { paragraph: item ? { ...item, status } : null, bracket: bracket ? $readBracket(bracket) : null, selectedText: selection.getTextContent() };
      });
      if (next) setInfo((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
    };
    read(true, editor.getEditorState());
    return editor.registerUpdateListener(({ editorState, prevEditorState, dirtyElements }) => {
      const changes = blockChanges(prevEditorState, editorState, dirtyElements);
      // A block written itself (not only its words) may have a new flag.
      const rewritten = item !== null && dirtyElements.get(item.key) === true;
      read(changes.order || changes.kinds || rewritten, editorState);
    });
  }, [editor, statuses]);
  return info;
}
