import { uuidv4 } from 'lib0/random';
import { z } from 'zod';
import * as Y from 'yjs';
import { AccordError } from '../api/errors';
import { writersOf } from '../model/clientOwners';
import { ParticipantEntry, participantKey } from '../model/meetingDoc';

/**
 * Threaded comments on a range of a declaration. The range is marked in the text by Lexical's
 * `MarkNode` carrying the thread id; the threads themselves live beside the text in the same
 * document's Y.Doc, in the map `comments`:
 *
 *   threadId → Y.Map { quote, createdAt, createdBy, resolved, resolvedBy, resolvedAt,
 *                      messages: Y.Array<{ id, author, text, at }> }
 *
 * Replies are appended to a Y.Array, so replies written at the same time on two laptops both
 * survive the merge. The map is outside the text, so undoing an edit never undoes a comment.
 * Reads validate, because a peer or another app version may have written the entry: a malformed
 * thread or message is skipped, never trusted and never thrown about.
 */
export const COMMENTS = 'comments';

/** Transaction origin of every comment operation, so observers can tell comment changes apart. */
export const COMMENTS_ORIGIN = 'accord:comments';

/** Longest comment, in characters (code points) after trimming. */
export const MAX_COMMENT_CHARACTERS = 4000;

/** Longest quote kept with a thread; a longer selection is stored cut short, ending in "…". */
export const MAX_QUOTE_CHARACTERS = 1000;

/** Who wrote a comment: the same person-and-seat a meeting's participant list holds. */
export const CommentAuthor = ParticipantEntry;
export type CommentAuthor = z.infer<typeof CommentAuthor>;

const Id = z.string().min(1).max(100);
const Timestamp = z.number().nonnegative();

export const CommentMessage = z.object({
  id: Id,
  author: CommentAuthor,
  text: z.string().trim().min(1).max(MAX_COMMENT_CHARACTERS * 2),
  at: Timestamp,
});
export type CommentMessage = z.infer<typeof CommentMessage>;

const ThreadFields = z.object({
  quote: z.string().max(MAX_QUOTE_CHARACTERS * 2),
  createdAt: Timestamp,
  createdBy: CommentAuthor,
  resolved: z.boolean(),
  resolvedBy: CommentAuthor.nullable().catch(null),
  resolvedAt: Timestamp.nullable().catch(null),
  messages: z.array(z.unknown()),
});

export interface CommentThread {
  id: string;
  quote: string;
  createdAt: number;
  createdBy: CommentAuthor;
  resolved: boolean;
  /** Who resolved it and when; both null while the thread is open. */
  resolvedBy: CommentAuthor | null;
  resolvedAt: number | null;
  /**
   * In the order every replica agrees on; the first one opened the thread. `writer` is the Yjs
   * client id that wrote it, whose owner the hub records (model/clientOwners.ts).
   */
  messages: Array<CommentMessage & { writer: number | null }>;
}

export function newThreadId(): string {
  return uuidv4();
}

export function newMessageId(): string {
  return uuidv4();
}

/** Why a comment's text cannot be posted, or null when it can. */
export function commentTextProblem(text: string): 'empty' | 'too-long' | null {
  const length = characterCount(text.trim());
  if (length === 0) return 'empty';
  if (length > MAX_COMMENT_CHARACTERS) return 'too-long';
  return null;
}

/** The quote as stored: whitespace (line breaks included) collapsed, cut short when very long. */
export function normalizeQuote(quote: string): string {
  return shorten(quote.replace(/\s+/g, ' ').trim(), MAX_QUOTE_CHARACTERS);
}

/** A quote short enough to name a thread by ("Comment on “…”"). */
export function quotePreview(quote: string, max = 80): string {
  return shorten(quote, max);
}

export interface StartThread {
  threadId: string;
  quote: string;
  author: CommentAuthor;
  text: string;
  at: number;
  /** Id of the opening message; a fresh one when left out. */
  messageId?: string;
}

/** Opens a thread on the quoted range with its first message. Refuses an id already in use. */
export function startThread(doc: Y.Doc, input: StartThread): CommentThread {
  const threadId = checkId(input.threadId, 'thread');
  const author = checkAuthor(input.author);
  const text = checkText(input.text);
  const at = checkTime(input.at);
  const message: CommentMessage = { id: checkId(input.messageId ?? newMessageId(), 'message'), author, text, at };
  const threads = commentsMap(doc);
  if (threads.has(threadId)) throw new AccordError('invalid_request', 'A comment thread with this id already exists.');
  const quote = normalizeQuote(input.quote);
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set('quote', quote);
    thread.set('createdAt', at);
    thread.set('createdBy', { ...author });
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedAt', null);
    const messages = new Y.Array<CommentMessage>();
    messages.push([message]);
    thread.set('messages', messages);
    threads.set(threadId, thread);
  }, COMMENTS_ORIGIN);
  return { id: threadId, quote, createdAt: at, createdBy: author, resolved: false, resolvedBy: null, resolvedAt: null, messages: [{ ...message, writer: doc.clientID }] };
}

export interface Reply {
  author: CommentAuthor;
  text: string;
  at: number;
  /** A fresh one when left out. */
  id?: string;
}

/** Adds a reply at the end of the thread. Replying to a resolved thread leaves it resolved. */
export function replyToThread(doc: Y.Doc, threadId: string, reply: Reply): CommentMessage {
  const author = checkAuthor(reply.author);
  const message: CommentMessage = {
    id: checkId(reply.id ?? newMessageId(), 'message'),
    author,
    text: checkText(reply.text),
    at: checkTime(reply.at),
  };
  const messages = messagesOf(existingThread(doc, threadId));
  doc.transact(() => messages.push([message]), COMMENTS_ORIGIN);
  return message;
}

/** Marks the thread resolved by this person. Resolving a resolved thread changes nothing. */
export function resolveThread(doc: Y.Doc, threadId: string, by: CommentAuthor, at: number): void {
  const author = checkAuthor(by);
  const when = checkTime(at);
  const thread = existingThread(doc, threadId);
  if (thread.get('resolved') === true) return;
  doc.transact(() => {
    thread.set('resolved', true);
    thread.set('resolvedBy', { ...author });
    thread.set('resolvedAt', when);
  }, COMMENTS_ORIGIN);
}

/** Opens a resolved thread again. Reopening an open thread changes nothing. */
export function reopenThread(doc: Y.Doc, threadId: string): void {
  const thread = existingThread(doc, threadId);
  if (thread.get('resolved') !== true) return;
  doc.transact(() => {
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedAt', null);
  }, COMMENTS_ORIGIN);
}

/**
 * Withdraws one of your own replies. The opening message stays: it is what the mark in the text
 * points at (resolve the thread instead). Returns false when the message is already gone.
 */
export function deleteMessage(doc: Y.Doc, threadId: string, messageId: string, by: CommentAuthor): boolean {
  const me = participantKey(checkAuthor(by));
  const messages = messagesOf(existingThread(doc, threadId));
  const list = messages.toArray();
  const index = list.findIndex((m) => isRecord(m) && m.id === messageId);
  if (index < 0) return false;
  if (index === 0) throw new AccordError('invalid_request', 'The comment that opened a thread cannot be deleted; resolve the thread instead.');
  const parsed = CommentAuthor.safeParse((list[index] as { author?: unknown }).author);
  if (!parsed.success || participantKey(parsed.data) !== me) {
    throw new AccordError('invalid_request', 'Only the person who wrote a comment can delete it.');
  }
  doc.transact(() => messages.delete(index, 1), COMMENTS_ORIGIN);
  return true;
}

/** Every readable thread, oldest first. Malformed threads and messages are left out. */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = [];
  commentsMap(doc).forEach((value, id) => {
    const thread = readThread(id, value);
    if (thread) threads.push(thread);
  });
  return threads.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** One thread, or undefined when it does not exist or cannot be read. */
export function readThreadById(doc: Y.Doc, threadId: string): CommentThread | undefined {
  return readThread(threadId, commentsMap(doc).get(threadId));
}

export function commentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COMMENTS);
}

function readThread(id: string, value: unknown): CommentThread | undefined {
  if (!(value instanceof Y.Map) || !Id.safeParse(id).success) return undefined;
  if (!(value.get('messages') instanceof Y.Array)) return undefined;
  const fields = ThreadFields.safeParse(value.toJSON());
  if (!fields.success) return undefined;
  const messages: CommentThread['messages'] = [];
  for (const { value: raw, writer } of writersOf(value.get('messages') as Y.Array<unknown>)) {
    const message = CommentMessage.safeParse(raw);
    if (message.success) messages.push({ ...message.data, writer });
  }
  if (messages.length === 0) return undefined;
  const { resolved } = fields.data;
  return {
    id,
    quote: fields.data.quote,
    createdAt: fields.data.createdAt,
    createdBy: fields.data.createdBy,
    resolved,
    resolvedBy: resolved ? fields.data.resolvedBy : null,
    resolvedAt: resolved ? fields.data.resolvedAt : null,
    messages,
  };
}

function existingThread(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = commentsMap(doc).get(threadId);
  if (!(thread instanceof Y.Map)) throw new AccordError('not_found', 'This comment thread no longer exists.');
  return thread as Y.Map<unknown>;
}

function messagesOf(thread: Y.Map<unknown>): Y.Array<unknown> {
  const messages = thread.get('messages');
  if (!(messages instanceof Y.Array)) throw new AccordError('not_found', 'This comment thread cannot be read.');
  return messages as Y.Array<unknown>;
}

function checkText(text: string): string {
  const problem = typeof text === 'string' ? commentTextProblem(text) : 'empty';
  if (problem === 'empty') throw new AccordError('invalid_request', 'Write something before posting a comment.');
  if (problem === 'too-long') {
    throw new AccordError(
      'invalid_request',
      `A comment can be at most ${MAX_COMMENT_CHARACTERS} characters long; this one has ${characterCount(text.trim())}.`,
    );
  }
  return text.trim();
}

function checkAuthor(author: CommentAuthor): CommentAuthor {
  const parsed = CommentAuthor.safeParse(author);
  if (!parsed.success) throw new AccordError('invalid_request', 'A comment needs an author with a name and a role.');
  if (parsed.data.role === 'observer') throw new AccordError('invalid_request', 'Observers can read comments but not write or resolve them.');
  return parsed.data;
}

function checkId(id: string, what: 'thread' | 'message'): string {
  if (!Id.safeParse(id).success) throw new AccordError('invalid_request', `That is not a valid ${what} id.`);
  return id;
}

function checkTime(at: number): number {
  if (!Timestamp.safeParse(at).success) throw new AccordError('invalid_request', 'A comment needs a valid time.');
  return at;
}

function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function shorten(text: string, max: number): string {
  if (characterCount(text) <= max) return text;
  return `${Array.from(text).slice(0, max - 1).join('').trimEnd()}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
