import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createConnection } from '../../../../electron/api/connection';
import { createServices, type Services } from '../../../../electron/services/services';
import type { ServerMessage } from '../../../../shared/api/messages';
import { createDeclaration, recordingLogger, sequentialIds, useTempDirs } from '../../helpers';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a window’s connection to the services', () => {
  const tempDir = useTempDirs();
  let services: Services;
  afterEach(() => services?.close());

  function connect() {
    services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), newId: sequentialIds() });
    const received: ServerMessage[] = [];
    const connection = createConnection(services, (msg) => received.push(msg), recordingLogger());
    return { connection, received };
  }

  async function result(connection: ReturnType<typeof connect>['connection'], received: ServerMessage[], id: number, method: string, params: unknown) {
    connection.receive({ t: 'call', id, method, params });
    await tick();
    return received.find((m): m is Extract<ServerMessage, { t: 'result' }> => m.t === 'result' && m.id === id);
  }

  it('answers a valid call with its result', async () => {
    const { connection, received } = connect();
    expect(await result(connection, received, 1, 'meetings.list', {})).toEqual({ t: 'result', id: 1, ok: true, value: [] });
  });

  it.each([
    ['an unknown method', 'meetings.drop', {}, /no request called/],
    ['a missing field', 'meetings.create', { title: 'x' }, /required|expected/i],
    ['an impossible date', 'meetings.create', { title: 'T', place: 'P', hostCity: 'H', startDate: '2022-02-30', endDate: '2022-03-01' }, /does not exist/],
    ['an end before the start', 'meetings.create', { title: 'T', place: 'P', hostCity: 'H', startDate: '2022-12-02', endDate: '2022-12-01' }, /cannot end before/],
    ['an extra field', 'meetings.get', { meetingId: 'abcdefgh-1', drop: true }, /unrecognized/i],
    ['an id with path characters', 'meetings.get', { meetingId: '../../etc/passwd' }, /not a valid identifier/i],
    ['an over-long title', 'documents.rename', { documentId: 'abcdefgh-1', title: 'x'.repeat(301) }, /at most 300/],
  ])('refuses %s with invalid_request and a readable reason', async (_name, method, params, reason) => {
    const { connection, received } = connect();
    const answer = await result(connection, received, 7, method, params);
    expect(answer).toMatchObject({ t: 'result', id: 7, ok: false, error: { code: 'invalid_request' } });
    expect(answer && !answer.ok && 'error' in answer ? answer.error.message : '').toMatch(reason);
  });

  it('answers a message that is not part of the API without throwing', async () => {
    const { connection, received } = connect();
    for (const junk of [null, 42, 'call', { t: 'nope' }, { t: 'call', id: -1 }, { t: 'sync', doc: 'abcdefgh-1', data: 'not bytes' }]) {
      expect(() => connection.receive(junk)).not.toThrow();
    }
    connection.receive({ t: 'call', id: 3, method: 12 });
    await tick();
    expect(received).toContainEqual(expect.objectContaining({ t: 'result', id: 3, ok: false, error: expect.objectContaining({ code: 'invalid_message' }) }));
  });

  it('syncs a window’s Y.Doc with main’s replica and acknowledges only what is stored', async () => {
    const { connection, received } = connect();
    const doc = await createDeclaration(services);

    received.length = 0;
    connection.receive({ t: 'sync-open', doc, stream: 1 });
    const step1 = received.find((m) => m.t === 'sync');
    expect(step1).toBeDefined();

    // The window's doc: answer main's step 1 and send a local edit.
    const windowDoc = new Y.Doc();
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    const decoder = decoding.createDecoder((step1 as { data: Uint8Array }).data);
    decoding.readVarUint(decoder);
    syncProtocol.readSyncMessage(decoder, reply, windowDoc, 'window');
    connection.receive({ t: 'sync', doc, stream: 1, data: encoding.toUint8Array(reply) });

    const edit: Uint8Array[] = [];
    windowDoc.on('update', (u: Uint8Array) => edit.push(u));
    windowDoc.getText('probe').insert(0, 'Hereby agree to:');
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 0);
    syncProtocol.writeUpdate(update, edit[0]!);
    connection.receive({ t: 'sync', doc, stream: 1, data: encoding.toUint8Array(update) });

    expect(received.filter((m) => m.t === 'sync-ack').map((m) => (m as { received: number }).received)).toEqual([1, 2]);
    const stored = services.replicas!.with(doc, (replica) => replica.doc.getText('probe').toString());
    expect(stored).toBe('Hereby agree to:');
  });

  it('closes a sync stream that sends garbage, and keeps answering calls', async () => {
    const { connection, received } = connect();
    const doc = await createDeclaration(services);
    connection.receive({ t: 'sync-open', doc, stream: 1 });
    connection.receive({ t: 'sync', doc, stream: 1, data: new Uint8Array([9, 9, 9]) });
    expect(received).toContainEqual(expect.objectContaining({ t: 'sync-error', doc, error: expect.objectContaining({ code: 'invalid_message' }) }));
    expect(services.replicas!.openCount).toBe(0);
    expect(await result(connection, received, 5, 'meetings.list', {})).toMatchObject({ ok: true });
  });

  it('refuses to open a document that does not exist', () => {
    const { connection, received } = connect();
    connection.receive({ t: 'sync-open', doc: 'missing-00000001', stream: 1 });
    expect(received).toEqual([expect.objectContaining({ t: 'sync-error', error: expect.objectContaining({ code: 'not_found' }) })]);
  });
});

describe('saving through a connection when the disk refuses', () => {
  const tempDir = useTempDirs();

  it('reports storage_failed to the window instead of acknowledging the change', async () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), newId: sequentialIds() });
    const received: ServerMessage[] = [];
    const connection = createConnection(services, (msg) => received.push(msg), recordingLogger());
    const doc = await createDeclaration(services);
    connection.receive({ t: 'sync-open', doc, stream: 1 });
    const replica = services.replicas!.acquire(doc);
    const store = (services.replicas as unknown as { deps: { store: { appendUpdate: () => void } } }).deps.store;
    store.appendUpdate = () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };

    const windowDoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    windowDoc.on('update', (u: Uint8Array) => updates.push(u));
    windowDoc.getText('probe').insert(0, 'unsaved');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, updates[0]!);
    received.length = 0;
    connection.receive({ t: 'sync', doc, stream: 1, data: encoding.toUint8Array(encoder) });

    expect(received.some((m) => m.t === 'sync-ack')).toBe(false);
    expect(received).toContainEqual(
      expect.objectContaining({ t: 'sync-error', error: expect.objectContaining({ code: 'storage_failed', message: expect.stringMatching(/disk is full/) }) }),
    );
    services.replicas!.release(replica);
    connection.close();
    services.close();
  });
});

describe('a document opened again by the same window (reload)', () => {
  const tempDir = useTempDirs();

  it('starts counting afresh and never acknowledges for the old opening', async () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), newId: sequentialIds() });
    const received: ServerMessage[] = [];
    const connection = createConnection(services, (msg) => received.push(msg), recordingLogger());
    const doc = await createDeclaration(services);
    const windowDoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    windowDoc.on('update', (u: Uint8Array) => updates.push(u));
    const send = (stream: number) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, updates[updates.length - 1]!);
      connection.receive({ t: 'sync', doc, stream, data: encoding.toUint8Array(encoder) });
    };
    connection.receive({ t: 'sync-open', doc, stream: 1 });
    windowDoc.getText('t').insert(0, 'a');
    send(1);
    windowDoc.getText('t').insert(1, 'b');
    send(1);
    connection.receive({ t: 'sync-open', doc, stream: 2 });
    windowDoc.getText('t').insert(2, 'c');
    send(2);
    send(1); // a straggler from the old page: ignored
    const acks = received.filter((m) => m.t === 'sync-ack').map((m) => [(m as { stream: number }).stream, (m as { received: number }).received]);
    expect(acks).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(services.replicas!.openCount).toBe(1);
    connection.close();
    expect(services.replicas!.openCount).toBe(0);
    services.close();
  });

  it('does not acknowledge an update that waits for one it depends on', async () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), newId: sequentialIds() });
    const received: ServerMessage[] = [];
    const connection = createConnection(services, (msg) => received.push(msg), recordingLogger());
    const doc = await createDeclaration(services);
    connection.receive({ t: 'sync-open', doc, stream: 1 });
    const windowDoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    windowDoc.on('update', (u: Uint8Array) => updates.push(u));
    windowDoc.getText('t').insert(0, 'first');
    windowDoc.getText('t').insert(5, ' second');
    const message = (u: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, u);
      return encoding.toUint8Array(encoder);
    };
    received.length = 0;
    connection.receive({ t: 'sync', doc, stream: 1, data: message(updates[1]!) });
    expect(received.filter((m) => m.t === 'sync-ack')).toEqual([]);
    connection.receive({ t: 'sync', doc, stream: 1, data: message(updates[0]!) });
    expect(received.filter((m) => m.t === 'sync-ack')).toEqual([expect.objectContaining({ received: 2 })]);
    expect(services.replicas!.with(doc, (r) => r.doc.getText('t').toString())).toBe('first second');
    connection.close();
    services.close();
  });
});

describe('a document main rebuilds from its hub’s copy while a window has it open', () => {
  const tempDir = useTempDirs();

  it('tells the window to open it afresh, and keeps what the window sends before it does', async () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), newId: sequentialIds() });
    const received: ServerMessage[] = [];
    const connection = createConnection(services, (msg) => received.push(msg), recordingLogger());
    const doc = await createDeclaration(services);
    connection.receive({ t: 'sync-open', doc, stream: 4 });
    const held = services.replicas!.acquire(doc);
    const hubState = Y.encodeStateAsUpdate(held.doc);
    held.doc.getText('probe').insert(0, 'refused');
    const rebuilt = services.replicas!.rebuild(doc, hubState, Y.encodeStateAsUpdate(held.doc), 'refused');
    expect(received).toContainEqual({ t: 'sync-replaced', doc, stream: 4 });

    // A keystroke the window sent before it heard: applied to the old copy, carried to the new.
    const windowDoc = new Y.Doc();
    const updates: Uint8Array[] = [];
    windowDoc.on('update', (u: Uint8Array) => updates.push(u));
    windowDoc.getText('typed').insert(0, 'on its way');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, updates[0]!);
    connection.receive({ t: 'sync', doc, stream: 4, data: encoding.toUint8Array(encoder) });
    expect(received).toContainEqual(expect.objectContaining({ t: 'sync-ack', stream: 4 }));
    expect(rebuilt.replica.doc.getText('typed').toString()).toBe('on its way');
    expect(rebuilt.replica.doc.getText('probe').toString()).toBe('');

    // The window reopens it: its old copy is let go.
    connection.receive({ t: 'sync-open', doc, stream: 5 });
    services.replicas!.release(held);
    expect(held.doc.isDestroyed).toBe(true);
    services.replicas!.release(rebuilt.replica);
    connection.close();
    services.close();
  });
});
