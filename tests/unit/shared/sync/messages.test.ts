import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessMessage, permissionDeniedMessage, readMessage, type SyncEndpoint, syncStep1Message, updateMessage } from '../../../../shared/sync/messages';

/** One side of a connection that records what the table hands it. */
function side(doc = new Y.Doc()) {
  const got = { updates: [] as Array<{ answer: boolean }>, presence: 0, peerStates: 0, denied: [] as string[] };
  const endpoint: SyncEndpoint = {
    doc,
    awareness: new Awareness(doc),
    update: (update, answer) => {
      Y.applyUpdate(doc, update);
      got.updates.push({ answer });
    },
    presence: () => (got.presence += 1),
    peerState: () => (got.peerStates += 1),
    denied: (reason) => got.denied.push(reason),
  };
  return { doc, endpoint, got };
}

describe('the y-websocket messages every side reads with one table', () => {
  it('answers a state vector with what the other side lacks, which it applies as an answer', () => {
    const a = side();
    const b = side();
    a.doc.getText('t').insert(0, 'Recognizing');
    const answer = readMessage(a.endpoint, syncStep1Message(b.doc));
    expect(a.got.peerStates).toBe(1);
    expect(readMessage(b.endpoint, answer!)).toBeNull();
    expect(b.got.updates).toEqual([{ answer: true }]);
    expect(b.doc.getText('t').toString()).toBe('Recognizing');
  });

  it('hands over updates, presence and refusals, and answers a presence query', () => {
    const a = side();
    const b = side();
    b.doc.on('update', (update: Uint8Array) => readMessage(a.endpoint, updateMessage(update)));
    b.doc.getText('t').insert(0, 'x');
    expect(a.got.updates).toEqual([{ answer: false }]);
    b.endpoint.awareness.setLocalState({ name: 'Linh' });
    expect(readMessage(a.endpoint, awarenessMessage(b.endpoint.awareness, [b.doc.clientID]))).toBeNull();
    expect(a.got.presence).toBe(1);
    readMessage(a.endpoint, permissionDeniedMessage('read only'));
    expect(a.got.denied).toEqual(['read only']);
    expect(readMessage(b.endpoint, Uint8Array.of(3))![0]).toBe(1);
  });

  it('throws on a message type it does not know, so the side can cut off who sent it', () => {
    expect(() => readMessage(side().endpoint, Uint8Array.of(9))).toThrow(/unknown message type 9/);
    expect(() => readMessage(side().endpoint, Uint8Array.of(0, 7))).toThrow(/unknown sync message type 7/);
  });
});
