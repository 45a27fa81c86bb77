import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClauseStatusEntry, statusOf } from '../../shared/declaration/clauseStatus';
import { AlternativeNode } from '../../shared/declaration/nodes';
import { $readOutline } from '../../shared/declaration/outline';

/**
 * Shows what is derived, not stored: each paragraph's number ("1.", "(a)") and citation label
 * ("OP1(a)"), its negotiation status, and who proposed each bracketed wording. Recomputed after
 * every change, local or remote, so every collaborator sees the same numbers at once.
 */
export function NumberingPlugin({ statuses }: { statuses: ReadonlyMap<string, ClauseStatusEntry> }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();

  useEffect(() => {
    const decorate = () => {
      const outline = editor.getEditorState().read($readOutline);
      for (const item of outline) {
        const dom = editor.getElementByKey(item.key);
        if (!dom) continue;
        setData(dom, 'number', item.marker);
        setData(dom, 'label', item.label);
        const status = item.kind ? statusOf(statuses, item.clauseId) : null;
        setData(dom, 'status', status ?? '');
        setData(dom, 'statusLabel', status && status !== 'pending' ? t(`status.${status}`) : '');
        setData(dom, 'orphan', item.orphan ? 'true' : '');
      }
    };
    decorate();
    return mergeRegister(
      editor.registerUpdateListener(decorate),
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
