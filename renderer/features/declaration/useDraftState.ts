import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection } from 'lexical';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { $runsOfBlock } from '../../../shared/declaration/binding/inlineRuns';
import { $readBracket, $selectedBracket, type BracketView } from '../../../shared/declaration/brackets';
import { type ClauseStatusEntry, observeClauseStatuses, readClauseStatuses } from '../../../shared/declaration/clauseStatus';
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
  paragraph: (OutlineItem & { reading: string }) | null;
  bracket: BracketView | null;
  /** The selected words, for a bracket or a comment. */
  selectedText: string;
}

const NOTHING: SelectionInfo = { paragraph: null, bracket: null, selectedText: '' };

/** The paragraph and bracket at the caret, updated as it moves or the text changes. */
export function useSelectionInfo(): SelectionInfo {
  const [editor] = useLexicalComposerContext();
  const [info, setInfo] = useState<SelectionInfo>(NOTHING);
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        const next = editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return null;
          const block = $blockOf(selection.anchor.getNode());
          const item = block ? ($readOutline().find((entry) => entry.key === block.getKey()) ?? null) : null;
          const reading = $isBlockNode(block) ? readingOf($runsOfBlock(block)) : '';
          const bracket = $selectedBracket();
          return { paragraph: item ? { ...item, reading } : null, bracket: bracket ? $readBracket(bracket) : null, selectedText: selection.getTextContent() };
        });
        if (next) setInfo((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
      }),
    [editor],
  );
  return info;
}
