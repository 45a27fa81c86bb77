import { type FormEvent, type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AccordError } from '../../../../shared/api/errors';
import {
  type CommentAuthor,
  type CommentThread,
  MAX_COMMENT_CHARACTERS,
  commentTextProblem,
  deleteMessage,
  quotePreview,
  reopenThread,
  replyToThread,
  resolveThread,
} from '../../../../shared/declaration/comments';
import { authorshipOf, type ClientOwner } from '../../../../shared/model/clientOwners';
import { participantKey } from '../../../../shared/model/meetingDoc';
import { locales } from '../../../i18n/i18n';

export interface CommentThreadViewProps {
  doc: Y.Doc;
  thread: CommentThread;
  /** Who is reading; null (or readOnly) shows the thread without its forms. */
  me: CommentAuthor | null;
  readOnly: boolean;
  active: boolean;
  /** The current time, so "5 minutes ago" moves on while the panel is open. */
  now: number;
  onSelect(id: string): void;
  /** Who owns each client id, as the hub recorded it: a message whose writer contradicts its name is marked. */
  owners: ReadonlyMap<number, ClientOwner>;
}

/** One thread: the quoted text, every message, and (for those who may write) reply and resolve. */
export function CommentThreadView({ doc, thread, me, readOnly, active, now, onSelect, owners }: CommentThreadViewProps) {
  const { t } = useTranslation();
  const article = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);
  const canWrite = !readOnly && me !== null && me.role !== 'observer';
  const myKey = me ? participantKey(me) : null;

  useEffect(() => {
    if (active) article.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [active]);

  const run = (change: () => void): boolean => {
    try {
      change();
      setError(null);
      return true;
    } catch (problem) {
      setError(problem instanceof AccordError ? problem.message : t('errors.generic'));
      return false;
    }
  };

  // A click anywhere on the thread shows it in the text, except on its buttons and reply box,
  // which keep the focus for what they do.
  const select = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as Element).closest('button, textarea, input, a')) return;
    onSelect(thread.id);
  };

  const classes = ['comment-thread'];
  if (active) classes.push('comment-thread--active');
  if (thread.resolved) classes.push('comment-thread--resolved');

  return (
    <article
      ref={article}
      className={classes.join(' ')}
      aria-label={t('comments.threadLabel', { quote: quotePreview(thread.quote) })}
      aria-current={active ? 'true' : undefined}
      data-thread-id={thread.id}
      onClick={select}
    >
      <button type="button" className="comment-thread__quote" title={t('comments.showInText')} onClick={() => onSelect(thread.id)}>
        {thread.quote}
      </button>
      <ol className="comment-thread__messages">
        {thread.messages.map((message, index) => (
          <li key={message.id} className="comment">
            <div className="comment__head">
              <span className="comment__author">
                {message.author.name}
                {myKey !== null && participantKey(message.author) === myKey && (
                  <span className="comment__you"> {t('participants.you')}</span>
                )}
              </span>
              <span className="comment__meta">
                {seatOf(message.author, t)} · <Moment at={message.at} now={now} />
              </span>
              {authorshipOf(message.author, message.writer, owners) === 'unverified' && (
                <span className="comment__unverified" title={t('comments.unverifiedHint', { seat: recordedSeat(message.writer, owners, t) })}>
                  {t('comments.unverified', { seat: recordedSeat(message.writer, owners, t) })}
                </span>
              )}
            </div>
            <p className="comment__text">{message.text}</p>
            {canWrite && index > 0 && myKey !== null && participantKey(message.author) === myKey && (
              <button
                type="button"
                className="comment__delete button button--quiet"
                aria-label={t('comments.deleteReply')}
                onClick={() => run(() => deleteMessage(doc, thread.id, message.id, me!))}
              >
                {t('comments.delete')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {thread.resolved && thread.resolvedBy && thread.resolvedAt !== null && (
        <p className="comment-thread__status">
          {t('comments.resolvedBy', { name: thread.resolvedBy.name })} · <Moment at={thread.resolvedAt} now={now} />
        </p>
      )}
      {canWrite && (
        <div className="comment-thread__actions">
          {!thread.resolved && (
            <ReplyForm onReply={(text) => run(() => replyToThread(doc, thread.id, { author: me!, text, at: Date.now() }))} />
          )}
          <div className="comment-thread__buttons">
            {thread.resolved ? (
              <button type="button" className="button button--secondary" onClick={() => run(() => reopenThread(doc, thread.id))}>
                {t('comments.reopen')}
              </button>
            ) : (
              <button type="button" className="button button--quiet" onClick={() => run(() => resolveThread(doc, thread.id, me!, Date.now()))}>
                {t('comments.resolve')}
              </button>
            )}
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </article>
  );
}

function ReplyForm({ onReply }: { onReply(text: string): boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = textProblemMessage(text, t);
    setProblem(message);
    if (message === null && onReply(text)) setText('');
  };
  return (
    <form className="comment-form comment-form--reply" onSubmit={submit} noValidate>
      <CommentTextArea
        label={t('comments.replyLabel')}
        hideLabel
        placeholder={t('comments.replyPlaceholder')}
        value={text}
        problem={problem}
        onChange={setText}
        onSubmitShortcut={submit}
      />
      <button type="submit" className="button button--primary">
        {t('comments.reply')}
      </button>
    </form>
  );
}

export interface CommentTextAreaProps {
  label: string;
  /** The label still names the box for assistive technology, it is just not drawn. */
  hideLabel?: boolean;
  placeholder?: string;
  value: string;
  problem: string | null;
  autoFocus?: boolean;
  onChange(text: string): void;
  /** Ctrl+Enter (⌘+Enter on a Mac) posts. */
  onSubmitShortcut(): void;
  onEscape?(): void;
}

/** A labelled comment box that counts characters as the limit nears and explains a refusal. */
export function CommentTextArea(props: CommentTextAreaProps) {
  const { label, hideLabel, placeholder, value, problem, autoFocus, onChange, onSubmitShortcut, onEscape } = props;
  const { t } = useTranslation();
  const id = useId();
  const count = Array.from(value.trim()).length;
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmitShortcut();
    } else if (event.key === 'Escape' && onEscape) {
      event.preventDefault();
      onEscape();
    }
  };
  return (
    <div className="comment-form__field">
      <label className={hideLabel ? 'comment-form__label comment-form__label--hidden' : 'comment-form__label'} htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="comment-form__text"
        rows={2}
        placeholder={placeholder}
        value={value}
        autoFocus={autoFocus}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {count > MAX_COMMENT_CHARACTERS * 0.9 && (
        <span className={count > MAX_COMMENT_CHARACTERS ? 'comment-form__count comment-form__count--over' : 'comment-form__count'}>
          {t('comments.counter', { count, max: MAX_COMMENT_CHARACTERS })}
        </span>
      )}
      {problem && (
        <p id={`${id}-problem`} role="alert" className="field__error">
          {problem}
        </p>
      )}
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** Why this text cannot be posted, in the reader's language, or null. */
export function textProblemMessage(text: string, t: Translate): string | null {
  const problem = commentTextProblem(text);
  if (problem === 'empty') return t('comments.emptyText');
  if (problem === 'too-long') return t('comments.tooLong', { max: MAX_COMMENT_CHARACTERS, count: Array.from(text.trim()).length });
  return null;
}

/** "Ha Noi" for a delegate, "Secretariat" or "Observer" for the others. */
/** The seat the hub recorded for the client that wrote a message. */
function recordedSeat(writer: number | null, owners: ReadonlyMap<number, ClientOwner>, t: Translate): string {
  const owner = writer === null ? undefined : owners.get(writer);
  return owner ? (owner.delegation ?? t(`roles.${owner.role}`)) : '';
}

function seatOf(author: CommentAuthor, t: Translate): string {
  return author.delegation ?? t(`roles.${author.role}`);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Relative while recent ("5 minutes ago"), the date and time after a day; always exact on hover. */
function Moment({ at, now }: { at: number; now: number }) {
  const { i18n } = useTranslation();
  const locale = locales[(i18n.resolvedLanguage ?? i18n.language) as keyof typeof locales] ?? locales.en;
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const ago = now - at;
  let shown = exact;
  if (ago >= -MINUTE && ago < DAY) {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    if (ago < MINUTE) shown = relative.format(0, 'second');
    else if (ago < HOUR) shown = relative.format(-Math.floor(ago / MINUTE), 'minute');
    else shown = relative.format(-Math.floor(ago / HOUR), 'hour');
  }
  return (
    <time dateTime={new Date(at).toISOString()} title={exact}>
      {shown}
    </time>
  );
}
