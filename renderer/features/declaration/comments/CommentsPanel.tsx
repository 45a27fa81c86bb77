import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { type CommentAuthor, quotePreview } from '../../../../shared/declaration/comments';
import { CommentTextArea, CommentThreadView, textProblemMessage } from './CommentThread';
import { useCommentThreads } from './useCommentThreads';
import type { ClientOwner } from '../../../../shared/model/clientOwners';

export interface CommentsPanelProps {
  /** The declaration's Y.Doc; the threads live in its `comments` map. Null while it opens. */
  doc: Y.Doc | null;
  /** Who is reading; null until known, which (like readOnly) hides every form. */
  me: CommentAuthor | null;
  /** Observers read comments but do not write, reply or resolve. */
  readOnly: boolean;
  /** The thread whose mark holds the caret or was clicked in the text: highlighted and scrolled to. */
  activeThreadId: string | null;
  /** A thread was clicked: show its range in the text. Should not take the focus away from the panel. */
  onSelectThread(id: string): void;
  /** Set when the person chose "Comment" on a selection: the panel asks for the first message. */
  pending: { quote: string } | null;
  /** The first message of the pending thread, already checked against the limits: create mark and thread. */
  onStart(text: string): void;
  onCancelStart(): void;
  /** Who owns each client id, as the hub recorded it (useClientOwners). */
  owners: ReadonlyMap<number, ClientOwner>;
}

/** The declaration's comment threads: open ones first, resolved ones folded away below. */
export function CommentsPanel({ doc, me, readOnly, activeThreadId, onSelectThread, pending, onStart, onCancelStart, owners }: CommentsPanelProps) {
  const { t } = useTranslation();
  const threads = useCommentThreads(doc);
  const now = useNow(30_000);
  const resolvedListId = useId();
  const canWrite = !readOnly && me !== null && me.role !== 'observer';
  const open = threads.filter((thread) => !thread.resolved);
  const resolved = threads.filter((thread) => thread.resolved);
  const activeIsResolved = resolved.some((thread) => thread.id === activeThreadId);
  const [showResolved, setShowResolved] = useState(false);
  // Selecting a resolved thread's mark in the text unfolds the resolved group to show it.
  useEffect(() => {
    if (activeIsResolved) setShowResolved(true);
  }, [activeIsResolved, activeThreadId]);

  const view = (thread: (typeof threads)[number]) =>
    doc && (
      <CommentThreadView
        key={thread.id}
        doc={doc}
        thread={thread}
        me={me}
        readOnly={!canWrite}
        active={thread.id === activeThreadId}
        now={now}
        onSelect={onSelectThread}
        owners={owners}
      />
    );

  return (
    <section className="comments" aria-label={t('comments.title')}>
      <h2 className="section-title">{t('comments.title')}</h2>
      {pending && canWrite && <NewCommentForm quote={pending.quote} onStart={onStart} onCancel={onCancelStart} />}
      {open.length === 0 && !pending && (
        <p className="comments__empty">{canWrite ? t('comments.empty') : t('comments.emptyReadOnly')}</p>
      )}
      {open.length > 0 && <div className="comments__list">{open.map(view)}</div>}
      {resolved.length > 0 && (
        <div className="comments__resolved">
          <button
            type="button"
            className="comments__toggle"
            aria-expanded={showResolved}
            aria-controls={resolvedListId}
            onClick={() => setShowResolved((shown) => !shown)}
          >
            <span className="comments__chevron" aria-hidden="true">
              {showResolved ? '▾' : '▸'}
            </span>
            {t('comments.resolvedGroup', { count: resolved.length })}
          </button>
          <div id={resolvedListId} className="comments__list" hidden={!showResolved}>
            {showResolved && resolved.map(view)}
          </div>
        </div>
      )}
    </section>
  );
}

function NewCommentForm({ quote, onStart, onCancel }: { quote: string; onStart(text: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A new selection starts a new comment.
  useEffect(() => {
    setText('');
    setProblem(null);
  }, [quote]);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = textProblemMessage(text, t);
    setProblem(message);
    if (message === null) onStart(text.trim());
  };
  return (
    <form className="comment-form comment-form--new" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId} className="comment-form__title">
        {t('comments.newTitle', { quote: quotePreview(quote) })}
      </h3>
      <CommentTextArea
        label={t('comments.commentLabel')}
        value={text}
        problem={problem}
        autoFocus
        onChange={setText}
        onSubmitShortcut={submit}
        onEscape={onCancel}
      />
      <div className="comment-form__buttons">
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('comments.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('comments.add')}
        </button>
      </div>
    </form>
  );
}

/** The current time, refreshed every so often for relative times ("5 minutes ago"). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
