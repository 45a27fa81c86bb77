import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection } from 'lexical';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { $readBracket, $selectedBracket, type BracketView } from '../../../shared/declaration/brackets';
import { type ClauseStatusEntry, observeClauseStatuses, readClauseStatuses } from '../../../shared/declaration/clauseStatus';
import { $blockOf, $readOutline, type OutlineItem } from '../../../shared/declaration/outline';

/** Every paragraph's status in this document, kept current as anyone changes one. */
export function useClauseStatuses(doc: Y.Doc | null): ReadonlyMap<string, ClauseStatusEntry> {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ClauseStatusEntry>>(new Map());
  useEffect(() => {
    if (!doc) return;
    const read = () => setStatuses(readClauseStatuses(doc));
    read();
    return observeClauseStatuses(doc, read);
  }, [doc]);
  return statuses;
}

export interface SelectionInfo {
  paragraph: OutlineItem | null;
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
          const paragraph = block ? ($readOutline().find((item) => item.key === block.getKey()) ?? null) : null;
          const bracket = $selectedBracket();
          return { paragraph, bracket: bracket ? $readBracket(bracket) : null, selectedText: selection.getTextContent() };
        });
        if (next) setInfo((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
      }),
    [editor],
  );
  return info;
}
