import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getNodeByKey, $getRoot, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { blockChanges } from '../../shared/declaration/binding/blockChanges';
import { $runsOfBlock } from '../../shared/declaration/binding/inlineRuns';
import { type ClauseStatusEntry, effectiveStatus } from '../../shared/declaration/clauseStatus';
import { readingOf } from '../../shared/declaration/model/declarationView';
import { $isBlockNode, AlternativeNode, type BlockNode } from '../../shared/declaration/nodes';
import { $readOutline } from '../../shared/declaration/outline';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A paragraph's status mark: its status, or "changed since agreed" when its words moved on. */
function $markStatus(editor: LexicalEditor, block: BlockNode, statuses: ReadonlyMap<string, ClauseStatusEntry>, t: Translate): void {
  const dom = editor.getElementByKey(block.getKey());
  if (!dom) return;
  const entry = block.getClauseKind() ? statuses.get(block.getBlockId()) : undefined;
  const status = entry ? effectiveStatus(entry, readingOf($runsOfBlock(block))) : null;
  setData(dom, 'status', block.getClauseKind() ? (status?.status ?? 'pending') : '');
  setData(dom, 'statusLabel', status?.changedSinceAgreed ? t('status.changedSinceAgreed') : status && status.status !== 'pending' ? t(`status.${status.status}`) : '');
  setData(dom, 'changed', status?.changedSinceAgreed ? 'true' : '');
}

/**
 * Shows what is derived, not stored: each paragraph's number ("1.", "(a)") and citation label
 * ("OP1(a)"), its negotiation status, and who proposed each bracketed wording. Numbers are redone
 * when paragraphs are added, removed, moved or change kind; a status when its paragraph's words
 * change, so typing in one paragraph costs that paragraph only.
 */
export function NumberingPlugin({ statuses }: { statuses: ReadonlyMap<string, ClauseStatusEntry> }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();

  useEffect(() => {
    const decorateAll = () =>
      editor.getEditorState().read(() => {
        const outline = $readOutline();
        const blocks = $getRoot().getChildren();
        let listNumber = 0;
        outline.forEach((item, index) => {
          const dom = editor.getElementByKey(item.key);
          const block = blocks[index];
          // A numbered list goes on counting from the item before, each item being a list of its own.
          listNumber = $isBlockNode(block) && block.getKind() === 'number' ? listNumber + 1 : 0;
          if (!dom) return;
          if (listNumber > 0 && dom.getAttribute('start') !== String(listNumber)) dom.setAttribute('start', String(listNumber));
          setData(dom, 'number', item.marker);
          setData(dom, 'label', item.label);
          setData(dom, 'orphan', item.orphan ? 'true' : '');
          if ($isBlockNode(block)) $markStatus(editor, block, statuses, t);
        });
      });
    decorateAll();
    return mergeRegister(
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, editorState, prevEditorState }) => {
        // A paragraph added, removed, moved or given another kind renumbers the ones after it.
        const changes = blockChanges(prevEditorState, editorState, dirtyElements);
        if (changes.order || changes.kinds) return decorateAll();
        editorState.read(() => {
          const seen = new Set<string>();
          for (const key of [...dirtyLeaves, ...dirtyElements.keys()]) {
            const node = $getNodeByKey(key);
            const block = node && node.isAttached() && key !== 'root' ? node.getTopLevelElement() : null;
            if (!$isBlockNode(block) || seen.has(block.getKey())) continue;
            seen.add(block.getKey());
            $markStatus(editor, block, statuses, t);
          }
        });
      }),
      editor.registerMutationListener(AlternativeNode, (mutations) => {
        editor.getEditorState().read(() => {
          for (const [key, mutation] of mutations) {
            if (mutation === 'destroyed') continue;
            const dom = editor.getElementByKey(key);
            const proposers = dom?.dataset.proposers;
            if (dom && proposers !== undefined) dom.title = t('brackets.proposedBy', { delegations: proposers });
          }
        });
      }),
    );
  }, [editor, statuses, t]);
  return null;
}

function setData(dom: HTMLElement, name: string, value: string): void {
  if (value === '') delete dom.dataset[name];
  else if (dom.dataset[name] !== value) dom.dataset[name] = value;
}
