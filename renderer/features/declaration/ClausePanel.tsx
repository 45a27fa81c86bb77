import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { $agreeBracket } from '../../../shared/declaration/brackets';
import { type ClauseStatusEntry, setClauseStatus, statusOf } from '../../../shared/declaration/clauseStatus';
import { ClauseStatus } from '../../../shared/declaration/kinds';
import { recordNegotiation } from '../../../shared/declaration/negotiationLog';
import type { ParticipantEntry } from '../../../shared/model/meetingDoc';
import type { SelectionInfo } from './useDraftState';
import { useApp } from '../../app/context';
import { useState } from 'react';

interface Props {
  doc: Y.Doc | null;
  me: ParticipantEntry;
  info: SelectionInfo;
  statuses: ReadonlyMap<string, ClauseStatusEntry>;
  readOnly: boolean;
}

/**
 * The paragraph at the caret: its number and kind, its negotiation status (set by the
 * secretariat, seen by everyone) and, inside a bracket, who proposed each wording and the one
 * action that agrees it.
 */
export function ClausePanel({ doc, me, info, statuses, readOnly }: Props) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const { paragraph, bracket } = info;
  const canSetStatus = !readOnly && me.role === 'secretariat';
  const { api, language } = useApp();
  const [saved, setSaved] = useState<string | null>(null);

  const saveAsTemplate = async () => {
    if (!paragraph?.kind) return;
    const text = editor.getEditorState().read(() => editor.getElementByKey(paragraph.key)?.textContent ?? '');
    const words = text.trim().split(/\s+/).slice(0, 6).join(' ');
    try {
      await api.call('templates.savePersonal', { kind: paragraph.kind, title: words || t(`kinds.${paragraph.kind}`), tags: [], language, text: text.trim() });
      setSaved(t('clause.templateSaved'));
    } catch (error) {
      setSaved(error instanceof Error ? error.message : String(error));
    }
  };

  const setStatus = (status: ClauseStatus) => {
    if (!doc || !paragraph?.clauseId) return;
    const at = Date.now();
    doc.transact(() => {
      setClauseStatus(doc, paragraph.clauseId!, { status, by: me, at });
      recordNegotiation(doc, { type: 'status-set', clauseId: paragraph.clauseId!, label: paragraph.label, status, by: me, at });
    });
  };

  const agree = (alternativeId: string | null) => {
    if (!bracket) return;
    let agreed: ReturnType<typeof $agreeBracket> = null;
    editor.update(
      () => {
        agreed = $agreeBracket(bracket.bracketId, alternativeId);
      },
      { discrete: true },
    );
    const record = agreed as ReturnType<typeof $agreeBracket>;
    if (doc && record) recordNegotiation(doc, { type: 'bracket-agreed', ...record, by: me, at: Date.now() });
  };

  return (
    <section className="side-panel clause-panel" aria-label={t('clause.panel')}>
      {!paragraph || !paragraph.kind ? (
        <p className="side-panel__hint">{t('clause.noClause')}</p>
      ) : (
        <>
          <h2 className="side-panel__title">
            {paragraph.label ? `${paragraph.label} · ` : ''}
            {t(`kinds.${paragraph.kind}`)}
          </h2>
          {paragraph.orphan && <p className="side-panel__warning">{t('clause.orphan')}</p>}
          <label className="field">
            <span className="field__label">{t('clause.status')}</span>
            <select
              value={statusOf(statuses, paragraph.clauseId)}
              disabled={!canSetStatus}
              onChange={(event) => setStatus(event.target.value as ClauseStatus)}
            >
              {ClauseStatus.options.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </label>
          {!canSetStatus && !readOnly && <p className="side-panel__hint">{t('clause.statusBySecretariat')}</p>}
          {!readOnly && (
            <button type="button" className="button button--quiet button--small" onClick={() => void saveAsTemplate()}>
              {t('clause.saveTemplate')}
            </button>
          )}
          {saved && <p className="side-panel__hint" role="status">{saved}</p>}
          {paragraph.clauseId && statuses.get(paragraph.clauseId) && (
            <p className="side-panel__hint">{t('clause.statusSetBy', { name: statuses.get(paragraph.clauseId)!.by.name })}</p>
          )}
        </>
      )}
      {bracket && (
        <div className="bracket-detail" role="group" aria-label={t('brackets.detail')}>
          <h3>{t('brackets.detail')}</h3>
          <ul>
            {bracket.alternatives.map((alternative) => (
              <li key={alternative.alternativeId}>
                <q>{alternative.text}</q>
                <span className="bracket-detail__proposers">{t('brackets.proposedBy', { delegations: alternative.proposers.join(', ') })}</span>
                {!readOnly && (
                  <button type="button" className="button button--secondary button--small" onClick={() => agree(alternative.alternativeId)}>
                    {t('brackets.agreeOn', { text: alternative.text })}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!readOnly && (
            <button type="button" className="button button--quiet button--small" onClick={() => agree(null)}>
              {t('brackets.drop')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
