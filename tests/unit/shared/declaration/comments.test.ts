import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMMENTS,
  COMMENTS_ORIGIN,
  type CommentAuthor,
  MAX_COMMENT_CHARACTERS,
  MAX_QUOTE_CHARACTERS,
  commentTextProblem,
  deleteMessage,
  newThreadId,
  quotePreview,
  readThreads,
  reopenThread,
  replyToThread,
  resolveThread,
  startThread,
} from '../../../../shared/declaration/comments';

const hanoi: CommentAuthor = { name: 'Nguyen Van A', delegation: 'Ha Noi', role: 'delegate' };
const bangkok: CommentAuthor = { name: 'Somchai P.', delegation: 'Bangkok', role: 'delegate' };
const secretariat: CommentAuthor = { name: 'Sok Dara', delegation: null, role: 'secretariat' };
const observer: CommentAuthor = { name: 'Jane Doe', delegation: null, role: 'observer' };

const T0 = Date.UTC(2022, 11, 2, 9, 0);

function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function open(doc: Y.Doc, threadId = 't-1', quote = 'the necessity of sustainable urban development') {
  return startThread(doc, { threadId, quote, author: hanoi, text: 'Could we say “shall” here?', at: T0 });
}

describe('comment threads on a declaration', () => {
  it('shows a new thread with its quote, its first comment and who wrote it', () => {
    const doc = new Y.Doc();
    open(doc);
    const [thread, ...others] = readThreads(doc);
    expect(others).toEqual([]);
    expect(thread).toMatchObject({
      id: 't-1',
      quote: 'the necessity of sustainable urban development',
      createdAt: T0,
      createdBy: hanoi,
      resolved: false,
      resolvedBy: null,
      resolvedAt: null,
    });
    expect(thread?.messages).toEqual([{ id: expect.any(String), author: hanoi, text: 'Could we say “shall” here?', at: T0, writer: expect.any(Number) }]);
  });

  it('shows replies under the first comment, in order, with their authors', () => {
    const doc = new Y.Doc();
    open(doc);
    replyToThread(doc, 't-1', { author: bangkok, text: '  We prefer “should”.  ', at: T0 + 60_000, id: 'm-2' });
    replyToThread(doc, 't-1', { author: hanoi, text: 'Fine, “should” then.', at: T0 + 120_000 });
    const messages = readThreads(doc)[0]!.messages;
    expect(messages.map((m) => [m.author.delegation, m.text])).toEqual([
      ['Ha Noi', 'Could we say “shall” here?'],
      ['Bangkok', 'We prefer “should”.'],
      ['Ha Noi', 'Fine, “should” then.'],
    ]);
    expect(messages[1]!.id).toBe('m-2');
  });

  it('shows who resolved a thread and when, and clears that when it is reopened', () => {
    const doc = new Y.Doc();
    open(doc);
    resolveThread(doc, 't-1', secretariat, T0 + 5_000);
    expect(readThreads(doc)[0]).toMatchObject({ resolved: true, resolvedBy: secretariat, resolvedAt: T0 + 5_000 });
    // Resolving again keeps the first resolution.
    resolveThread(doc, 't-1', hanoi, T0 + 9_000);
    expect(readThreads(doc)[0]).toMatchObject({ resolvedBy: secretariat, resolvedAt: T0 + 5_000 });
    reopenThread(doc, 't-1');
    expect(readThreads(doc)[0]).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
  });

  it('lists threads oldest first', () => {
    const doc = new Y.Doc();
    startThread(doc, { threadId: 'late', quote: 'b', author: hanoi, text: 'second', at: T0 + 10 });
    startThread(doc, { threadId: 'early', quote: 'a', author: bangkok, text: 'first', at: T0 });
    expect(readThreads(doc).map((t) => t.id)).toEqual(['early', 'late']);
  });

  it('runs each change as one transaction marked as a comment change', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    open(doc);
    replyToThread(doc, 't-1', { author: bangkok, text: 'Agreed.', at: T0 + 1 });
    resolveThread(doc, 't-1', bangkok, T0 + 2);
    reopenThread(doc, 't-1');
    expect(origins).toEqual([COMMENTS_ORIGIN, COMMENTS_ORIGIN, COMMENTS_ORIGIN, COMMENTS_ORIGIN]);
  });

  it('keeps both replies when two delegations reply at the same time on different laptops', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    open(a);
    exchange(a, b);
    replyToThread(a, 't-1', { author: hanoi, text: 'Reply from Ha Noi', at: T0 + 1_000 });
    replyToThread(b, 't-1', { author: bangkok, text: 'Reply from Bangkok', at: T0 + 1_000 });
    exchange(a, b);
    const onA = readThreads(a);
    expect(onA).toEqual(readThreads(b));
    expect(onA[0]!.messages.map((m) => m.text).sort()).toEqual(['Could we say “shall” here?', 'Reply from Bangkok', 'Reply from Ha Noi'].sort());
    expect(onA[0]!.messages[0]!.text).toBe('Could we say “shall” here?');
  });

  it('keeps a reply written while another laptop resolved the thread', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    open(a);
    exchange(a, b);
    resolveThread(a, 't-1', secretariat, T0 + 1);
    replyToThread(b, 't-1', { author: bangkok, text: 'One more thing', at: T0 + 2 });
    exchange(a, b);
    expect(readThreads(a)).toEqual(readThreads(b));
    expect(readThreads(b)[0]).toMatchObject({ resolved: true, resolvedBy: secretariat });
    expect(readThreads(b)[0]!.messages).toHaveLength(2);
  });

  it('keeps threads started on two laptops at the same time', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    startThread(a, { threadId: newThreadId(), quote: 'shall', author: hanoi, text: 'From Ha Noi', at: T0 });
    startThread(b, { threadId: newThreadId(), quote: 'should', author: bangkok, text: 'From Bangkok', at: T0 + 1 });
    exchange(a, b);
    expect(readThreads(a).map((t) => t.quote)).toEqual(['shall', 'should']);
    expect(readThreads(b)).toEqual(readThreads(a));
  });

  it('still shows the thread after the document is saved and opened again', () => {
    const doc = new Y.Doc();
    open(doc);
    replyToThread(doc, 't-1', { author: bangkok, text: 'Agreed.', at: T0 + 1 });
    resolveThread(doc, 't-1', secretariat, T0 + 2);
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(doc));
    expect(readThreads(reopened)).toEqual(readThreads(doc));
    expect(readThreads(reopened)[0]!.messages).toHaveLength(2);
  });

  it('keeps comments when the declaration text is edited and the edit undone', () => {
    const doc = new Y.Doc();
    const text = doc.getText('root');
    text.insert(0, 'Recognizing the necessity of sustainable urban development,');
    const undo = new Y.UndoManager(text, { trackedOrigins: new Set([null]) });
    open(doc);
    text.insert(0, 'Further ');
    undo.undo();
    expect(text.toString()).toBe('Recognizing the necessity of sustainable urban development,');
    expect(readThreads(doc)).toHaveLength(1);
  });

  it('refuses an empty comment or one over the limit, with a message a person can act on', () => {
    const doc = new Y.Doc();
    expect(() => startThread(doc, { threadId: 't', quote: 'x', author: hanoi, text: '   \n ', at: T0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_request', message: expect.stringMatching(/write something/i) }),
    );
    open(doc);
    const tooLong = 'a'.repeat(MAX_COMMENT_CHARACTERS + 1);
    expect(() => replyToThread(doc, 't-1', { author: bangkok, text: tooLong, at: T0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_request', message: expect.stringContaining('4000') }),
    );
    // Exactly the limit is fine, surrounding spaces do not count.
    replyToThread(doc, 't-1', { author: bangkok, text: ` ${'a'.repeat(MAX_COMMENT_CHARACTERS)} `, at: T0 });
    expect(readThreads(doc)[0]!.messages).toHaveLength(2);
    expect(commentTextProblem('')).toBe('empty');
    expect(commentTextProblem(tooLong)).toBe('too-long');
    expect(commentTextProblem('ok')).toBeNull();
  });

  it('counts the limit in characters a person sees, so an emoji is not counted twice', () => {
    expect(commentTextProblem('😀'.repeat(MAX_COMMENT_CHARACTERS))).toBeNull();
    expect(commentTextProblem('😀'.repeat(MAX_COMMENT_CHARACTERS + 1))).toBe('too-long');
  });

  it('refuses replies to a thread that no longer exists', () => {
    const doc = new Y.Doc();
    expect(() => replyToThread(doc, 'gone', { author: hanoi, text: 'hello', at: T0 })).toThrowError(expect.objectContaining({ code: 'not_found' }));
    expect(() => resolveThread(doc, 'gone', hanoi, T0)).toThrowError(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses a second thread with the same id', () => {
    const doc = new Y.Doc();
    open(doc);
    expect(() => open(doc)).toThrowError(expect.objectContaining({ code: 'invalid_request' }));
    expect(readThreads(doc)[0]!.messages).toHaveLength(1);
  });

  it('does not let observers comment or resolve', () => {
    const doc = new Y.Doc();
    expect(() => startThread(doc, { threadId: 't', quote: 'x', author: observer, text: 'hi', at: T0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_request' }),
    );
    open(doc);
    expect(() => resolveThread(doc, 't-1', observer, T0)).toThrowError(expect.objectContaining({ code: 'invalid_request' }));
    expect(readThreads(doc)[0]!.resolved).toBe(false);
  });

  it('keeps the quote on one line and cuts a very long one short', () => {
    const doc = new Y.Doc();
    const thread = startThread(doc, { threadId: 't', quote: 'Recognizing\nthe  necessity', author: hanoi, text: 'x', at: T0 });
    expect(thread.quote).toBe('Recognizing the necessity');
    const long = startThread(doc, { threadId: 'u', quote: 'word '.repeat(1000), author: hanoi, text: 'x', at: T0 });
    expect(Array.from(long.quote).length).toBeLessThanOrEqual(MAX_QUOTE_CHARACTERS);
    expect(long.quote.endsWith('…')).toBe(true);
    expect(quotePreview('short')).toBe('short');
    expect(quotePreview('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('lets people delete their own replies but not someone else’s or the opening comment', () => {
    const doc = new Y.Doc();
    const thread = open(doc);
    const reply = replyToThread(doc, 't-1', { author: bangkok, text: 'Oops', at: T0 + 1 });
    expect(() => deleteMessage(doc, 't-1', reply.id, hanoi)).toThrowError(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => deleteMessage(doc, 't-1', thread.messages[0]!.id, hanoi)).toThrowError(expect.objectContaining({ code: 'invalid_request' }));
    expect(deleteMessage(doc, 't-1', reply.id, bangkok)).toBe(true);
    expect(deleteMessage(doc, 't-1', reply.id, bangkok)).toBe(false);
    expect(readThreads(doc)[0]!.messages).toHaveLength(1);
  });

  it('skips threads and messages another version or a faulty peer wrote badly, without failing', () => {
    const doc = new Y.Doc();
    open(doc);
    replyToThread(doc, 't-1', { author: bangkok, text: 'Good reply', at: T0 + 1 });
    doc.transact(() => {
      const map = doc.getMap<unknown>(COMMENTS);
      map.set('not-a-map', 'hello');
      map.set('plain-object', { quote: 'x', createdAt: T0 });
      const noMessages = new Y.Map<unknown>();
      noMessages.set('quote', 'x');
      noMessages.set('createdAt', T0);
      noMessages.set('createdBy', hanoi);
      noMessages.set('resolved', false);
      map.set('no-messages', noMessages);
      const badAuthor = new Y.Map<unknown>();
      badAuthor.set('quote', 'x');
      badAuthor.set('createdAt', T0);
      badAuthor.set('createdBy', { name: '', role: 'king' });
      badAuthor.set('resolved', false);
      badAuthor.set('messages', Y.Array.from([{ id: 'm', author: hanoi, text: 'hi', at: T0 }]));
      map.set('bad-author', badAuthor);
      const wrongTypes = new Y.Map<unknown>();
      wrongTypes.set('quote', 42);
      wrongTypes.set('createdAt', 'yesterday');
      wrongTypes.set('messages', new Y.Array());
      map.set('wrong-types', wrongTypes);
      const messages = (map.get('t-1') as Y.Map<unknown>).get('messages') as Y.Array<unknown>;
      messages.push([null, 'text', { id: 'x', author: hanoi, text: '', at: T0 }, { id: 'y', author: hanoi, text: 'hi', at: -1 }]);
    });
    const threads = readThreads(doc);
    expect(threads.map((t) => t.id)).toEqual(['t-1']);
    expect(threads[0]!.messages.map((m) => m.text)).toEqual(['Could we say “shall” here?', 'Good reply']);
  });

  it('reads nothing from a document without comments', () => {
    expect(readThreads(new Y.Doc())).toEqual([]);
  });

  it('makes a fresh thread id every time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newThreadId()));
    expect(ids.size).toBe(50);
  });
});
