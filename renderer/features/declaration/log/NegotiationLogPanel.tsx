import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { filterLogEntries, type LogEntry, logParagraphs, logSeats, seatOfKey } from '../../../../shared/declaration/negotiationLogView';
import { useApp } from '../../../app/context';
import { formatMoment } from '../../../ui/format';
import { describeLogEntry, paragraphChoice, seatChoice } from './describeLogEntry';
import { useNegotiationLog } from './useNegotiationLog';

interface Props {
  /** The declaration's doc (the delegations' proposals); null while it opens. */
  declaration: Y.Doc | null;
  /** The meeting's secretariat doc (the secretariat's decisions, who owns which client); null while it opens. */
  secretariat: Y.Doc | null;
  documentId: string;
  onClose(): void;
}

/**
 * Who proposed, agreed, restored or circulated what, newest first, by paragraph and delegation.
 * Beside the text rather than over it, so a secretariat can read the record while drafting.
 */
export function NegotiationLogPanel({ declaration, secretariat, documentId, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const entries = useNegotiationLog(declaration, secretariat, documentId);
  const [paragraph, setParagraph] = useState<string | null>(null);
  const [seat, setSeat] = useState<string | null>(null);
  const paragraphs = useMemo(() => logParagraphs(entries), [entries]);
  const seats = useMemo(() => logSeats(entries), [entries]);
  const shown = useMemo(() => filterLogEntries(entries, { paragraph, seat }), [entries, paragraph, seat]);
  const paragraphId = useId();
  const seatId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.show();
  }, []);

  const filtering = paragraph !== null || seat !== null;
  return (
    <dialog
      ref={dialog}
      className="log-panel"
      aria-labelledby="log-title"
      onClose={onClose}
      onKeyDown={(event) => {
        // Not modal, so the browser leaves Escape to the page.
        if (event.key === 'Escape') dialog.current?.close();
      }}
    >
      <div className="log-panel__head">
        <h2 id="log-title">{t('negotiationLog.title')}</h2>
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()} aria-label={t('negotiationLog.close')}>
          ✕
        </button>
      </div>
      <p className="log-panel__intro">{t('negotiationLog.intro')}</p>
      {entries.length > 0 && (
        <>
          <div className="log-panel__filters">
            <div className="log-panel__filter">
              <label htmlFor={paragraphId}>{t('negotiationLog.paragraph')}</label>
              <select id={paragraphId} value={paragraph ?? ''} onChange={(event) => setParagraph(event.target.value || null)}>
                <option value="">{t('negotiationLog.allParagraphs')}</option>
                {paragraphs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {paragraphChoice(p, t)}
                  </option>
                ))}
                {paragraph !== null && !paragraphs.some((p) => p.id === paragraph) && <option value={paragraph}>{t('negotiationLog.unnumbered')}</option>}
              </select>
            </div>
            <div className="log-panel__filter">
              <label htmlFor={seatId}>{t('negotiationLog.delegation')}</label>
              <select id={seatId} value={seat ?? ''} onChange={(event) => setSeat(event.target.value || null)}>
                <option value="">{t('negotiationLog.allDelegations')}</option>
                {seats.map((s) => (
                  <option key={s.key} value={s.key}>
                    {seatChoice(s.seat, t)}
                  </option>
                ))}
                {seat !== null && !seats.some((s) => s.key === seat) && <option value={seat}>{seatChoice(seatOfKey(seat), t)}</option>}
              </select>
            </div>
          </div>
          <p className="log-panel__count" role="status">
            {filtering ? t('negotiationLog.filtered', { shown: shown.length, total: entries.length }) : t('negotiationLog.count', { count: entries.length })}
          </p>
        </>
      )}
      {entries.length === 0 ? (
        <p className="log-panel__empty">{t('negotiationLog.empty')}</p>
      ) : shown.length === 0 ? (
        <div className="log-panel__empty">
          <p>{t('negotiationLog.noMatch')}</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setParagraph(null);
              setSeat(null);
            }}
          >
            {t('negotiationLog.clearFilters')}
          </button>
        </div>
      ) : (
        <ol className="log-list" aria-label={t('negotiationLog.entries')}>
          {shown.map((entry) => (
            <LogEntryRow key={entry.key} entry={entry} />
          ))}
        </ol>
      )}
    </dialog>
  );
}

function LogEntryRow({ entry }: { entry: LogEntry }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const words = describeLogEntry(entry, t);
  return (
    <li className={entry.authorship === 'unverified' ? 'log-entry log-entry--unverified' : 'log-entry'}>
      <div className="log-entry__head">
        <span className="log-entry__paragraph">
          {words.paragraph}
          {words.paragraphNote && <span className="log-entry__note"> ({words.paragraphNote})</span>}
        </span>
        <time className="log-entry__when" dateTime={new Date(entry.action.at).toISOString()}>
          {formatMoment(entry.action.at, language)}
        </time>
      </div>
      <p className="log-entry__what">{words.what}</p>
      {words.detail && <p className="log-entry__detail">{words.detail}</p>}
      <p className="log-entry__who">
        <span>{words.who}</span>
        {words.verified && (
          <span className="log-entry__verified" title={words.hint ?? undefined}>
            <span aria-hidden="true">✓ </span>
            {words.verified}
          </span>
        )}
        {words.recordedAs && (
          <span className="log-entry__recorded-as" title={words.hint ?? undefined}>
            {words.recordedAs}
          </span>
        )}
      </p>
    </li>
  );
}
