import { draftLanguageOf } from '../../../shared/model/settings';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AGREE_BRACKET_COMMAND, DISCARD_REVIVED_COMMAND, KEEP_REVIVED_COMMAND } from '../../../shared/declaration/binding/declarationCommands';
import { setClauseStatus } from '../../../shared/declaration/clauseStatus';
import { ClauseStatus } from '../../../shared/model/kinds';
import { fingerprintOf } from '../../../shared/declaration/model/declarationView';
import { recordNegotiation } from '../../../shared/declaration/negotiationLog';
import { bracketPlace } from '../../../shared/declaration/negotiationLogView';
import type { ParticipantEntry } from '../../../shared/model/meetingDoc';
import { useApp } from '../../app/context';
import { proposersWriter } from '../../../shared/declaration/model/bracketMarks';
import type { ClientOwner } from '../../../shared/model/clientOwners';
import { readParagraphReading, type SelectionInfo } from './useDraftState';

interface Props {
  /** The meeting's secretariat doc, where statuses and agreements are recorded; null while it opens. */
  statusDoc: Y.Doc | null;
  documentId: string;
  me: ParticipantEntry;
  info: SelectionInfo;
  readOnly: boolean;
  /** The declaration, to tell whose client recorded each wording's proposers. */
  doc: Y.Doc | null;
  /** Who owns each client id, as the hub recorded it (useClientOwners). */
  owners: ReadonlyMap<number, ClientOwner>;
}

/**
 * The paragraph at the caret: its number and kind, its negotiation status (set by the
 * secretariat, seen by everyone, and void once the words change), words that came back after a
 * delete or join elsewhere, and, inside a bracket, who proposed each wording and the action that
 * agrees it (the secretariat's).
 */
export function ClausePanel({ statusDoc, documentId, me, info, readOnly, doc, owners }: Props) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const { paragraph, bracket } = info;
  const secretariat = !readOnly && me.role === 'secretariat';
  const { api, language } = useApp();
  const [saved, setSaved] = useState<string | null>(null);
  const status = paragraph?.status ?? null;

  const saveAsTemplate = async () => {
    if (!paragraph?.kind) return;
    const text = editor.getEditorState().read(() => editor.getElementByKey(paragraph.key)?.textContent ?? '');
    const words = text.trim().split(/\s+/).slice(0, 6).join(' ');
    try {
      await api.call('templates.savePersonal', { kind: paragraph.kind, title: words || t(`kinds.${paragraph.kind}`), tags: [], language: draftLanguageOf(language), text: text.trim() });
      setSaved(t('clause.templateSaved'));
    } catch (error) {
      setSaved(error instanceof Error ? error.message : String(error));
    }
  };

  const setStatus = (next: ClauseStatus) => {
    if (!statusDoc || !paragraph?.clauseId) return;
    const at = Date.now();
    // The status holds for these words: a later edit shows the paragraph as changed since.
    const fingerprint = next === 'pending' ? null : fingerprintOf(readParagraphReading(editor, paragraph.key));
    statusDoc.transact(() => {
      setClauseStatus(statusDoc, documentId, paragraph.clauseId!, { status: next, by: me, at, fingerprint });
      recordNegotiation(statusDoc, { type: 'status-set', documentId, clauseId: paragraph.clauseId!, label: paragraph.label, status: next, by: me, at });
    });
  };

  const agree = (alternativeId: string | null) => {
    if (!bracket) return;
    // Taken before the agreement takes the bracket's marks out of the text.
    const place = doc ? bracketPlace(doc, bracket.bracketId) : {};
    editor.dispatchCommand(AGREE_BRACKET_COMMAND, {
      bracketId: bracket.bracketId,
      keep: alternativeId,
      done: (record) => {
        if (statusDoc && record) recordNegotiation(statusDoc, { type: 'bracket-agreed', documentId, ...record, ...place, by: me, at: Date.now() });
      },
    });
  };

  return (
    <section className="side-panel clause-panel" aria-label={t('clause.panel')}>
      {paragraph?.flag && (
        <div className="revived-notice" role="note">
          <p>{t(paragraph.flag === 'earlier-copy' ? 'clause.earlierCopy' : 'clause.revived')}</p>
          {!readOnly && (
            <div className="revived-notice__actions">
              <button type="button" className="button button--secondary button--small" onClick={() => editor.dispatchCommand(KEEP_REVIVED_COMMAND, paragraph.clauseId!)}>
                {t('clause.keepRevived')}
              </button>
              <button type="button" className="button button--quiet button--small" onClick={() => editor.dispatchCommand(DISCARD_REVIVED_COMMAND, paragraph.clauseId!)}>
                {t('clause.discardRevived')}
              </button>
            </div>
          )}
        </div>
      )}
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
            <select value={status?.status ?? 'pending'} disabled={!secretariat || !statusDoc} onChange={(event) => setStatus(event.target.value as ClauseStatus)}>
              {ClauseStatus.options.map((option) => (
                <option key={option} value={option}>
                  {t(`status.${option}`)}
                </option>
              ))}
            </select>
          </label>
          {status?.changedSinceAgreed && status.entry && (
            <p className="side-panel__warning">{t('clause.changedSinceAgreed', { status: t(`status.${status.entry.status}`), name: status.entry.by.name })}</p>
          )}
          {!secretariat && !readOnly && <p className="side-panel__hint">{t('clause.statusBySecretariat')}</p>}
          {!readOnly && (
            <button type="button" className="button button--quiet button--small" onClick={() => void saveAsTemplate()}>
              {t('clause.saveTemplate')}
            </button>
          )}
          {saved && (
            <p className="side-panel__hint" role="status">
              {saved}
            </p>
          )}
          {status?.entry && !status.changedSinceAgreed && <p className="side-panel__hint">{t('clause.statusSetBy', { name: status.entry.by.name })}</p>}
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
                <RecordedBy owner={doc ? owners.get(proposersWriter(doc, bracket.bracketId, alternative.alternativeId) ?? -1) : undefined} />
                {secretariat && (
                  <button type="button" className="button button--secondary button--small" onClick={() => agree(alternative.alternativeId)}>
                    {t('brackets.agreeOn', { text: alternative.text })}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {secretariat && (
            <button type="button" className="button button--quiet button--small" onClick={() => agree(null)}>
              {t('brackets.drop')}
            </button>
          )}
          {!secretariat && !readOnly && <p className="side-panel__hint">{t('brackets.agreedBySecretariat')}</p>}
        </div>
      )}
    </section>
  );
}

/** Whose client recorded a wording, as the hub says: kept apart from the delegations it names. */
function RecordedBy({ owner }: { owner: ClientOwner | undefined }) {
  const { t } = useTranslation();
  if (!owner) return null;
  return <span className="bracket-detail__recorder">{t('brackets.recordedBy', { seat: owner.delegation ?? t(`roles.${owner.role}`) })}</span>;
}
