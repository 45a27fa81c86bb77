import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Updates a modified client can send, written the way an attacker would: with Yjs itself, under
 * whichever client id they like. Shared by the gate's tests, the hub's attack tests and the fuzz.
 */

/** `depth` arrays, each inside the previous one, under the root array 'nest'. */
export function nestedArrays(depth: number, clientId = 66): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.transact(() => {
    let current = doc.getArray<unknown>('nest');
    for (let i = 0; i < depth; i += 1) {
      const next = new Y.Array<unknown>();
      current.insert(0, [next]);
      current = next;
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** `count` characters, each typed before the previous one, so each item is anchored to the last. */
export function precedingChain(count: number, clientId = 66, root = 'chain'): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const text = doc.getText(root);
  doc.transact(() => {
    for (let i = 0; i < count; i += 1) text.insert(0, 'x');
  });
  return Y.encodeStateAsUpdate(doc);
}

/** An update of one client's text items, written field by field as a modified client can. */
export function encodeItems(client: number, items: Array<{ origin: Y.ID | null; rightOrigin: Y.ID | null; text: string; parent?: string }>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, items.length);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, 0);
  let clock = 0;
  for (const item of items) {
    const parent = (item.origin === null && item.rightOrigin === null ? (item.parent ?? 'body') : null) as unknown as Y.AbstractType<unknown>;
    new Y.Item(Y.createID(client, clock), null, item.origin, null, item.rightOrigin, parent, null, new Y.ContentString(item.text)).write(encoder, 0);
    clock += item.text.length;
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/** An update that only deletes clocks [clock, clock + len) of `client`, as anyone can write one. */
export function deleteOnly(client: number, clock: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client's deletions
  for (const n of [client, 1, clock, len]) encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket sync message carrying `update`: 2 an update, 1 an answer to the hub's state vector. */
export function syncMessage(update: Uint8Array, kind: 1 | 2 = 2): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, update);
  return new Uint8Array(encoding.toUint8Array(encoder));
}
