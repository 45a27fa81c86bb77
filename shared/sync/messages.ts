import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * The y-websocket protocol's messages, read by one table for every side that speaks it: the
 * window to main, main to the window, the hub to a participant, and the app to its hub (over
 * y-websocket's own client, whose table this replaces). What differs between sides is only what
 * they do with an update or a presence change: their SyncEndpoint.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** One side of a connection: what it holds, and what it does with what the other side sends. */
export interface SyncEndpoint {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** An update from the other side: a change it made, or (`answer`) its reply to our state vector. */
  update(update: Uint8Array, answer: boolean): void;
  /** A presence update from the other side (an awareness update, still encoded). */
  presence(update: Uint8Array): void;
  /** The other side's state vector (its sync step 1); the table answers it with what it lacks. */
  peerState?(stateVector: Uint8Array): void;
  /** The other side refused one of our changes (y-protocols' permission-denied). */
  denied?(reason: string): void;
}

type MessageHandler = (decoder: decoding.Decoder, encoder: encoding.Encoder, endpoint: SyncEndpoint) => void;

/** The handler of each message type, as y-websocket keeps them: a handler writes its answer, if any. */
export const messageHandlers: MessageHandler[] = [];

messageHandlers[MESSAGE_SYNC] = (decoder, encoder, endpoint) => {
  const kind = decoding.readVarUint(decoder);
  if (kind === syncProtocol.messageYjsSyncStep1) {
    const stateVector = decoding.readVarUint8Array(decoder);
    endpoint.peerState?.(stateVector);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, endpoint.doc, stateVector);
  } else if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
    endpoint.update(decoding.readVarUint8Array(decoder), kind === syncProtocol.messageYjsSyncStep2);
  } else {
    throw new Error(`unknown sync message type ${kind}`);
  }
};

messageHandlers[MESSAGE_AWARENESS] = (decoder, _encoder, endpoint) => endpoint.presence(decoding.readVarUint8Array(decoder));

messageHandlers[MESSAGE_QUERY_AWARENESS] = (_decoder, encoder, endpoint) => {
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(endpoint.awareness, [...endpoint.awareness.getStates().keys()]));
};

messageHandlers[MESSAGE_AUTH] = (decoder, _encoder, endpoint) =>
  authProtocol.readAuthMessage(decoder, endpoint.doc, (_doc, reason) => endpoint.denied?.(reason));

/** Reads one message for `endpoint`; returns the answer to send back, if any. Throws on what cannot be read. */
export function readMessage(endpoint: SyncEndpoint, data: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(data);
  const encoder = encoding.createEncoder();
  const type = decoding.readVarUint(decoder);
  const handler = messageHandlers[type];
  if (!handler) throw new Error(`unknown message type ${type}`);
  handler(decoder, encoder, endpoint);
  return encoding.length(encoder) > 0 ? encoding.toUint8Array(encoder) : null;
}

/** Our state vector (sync step 1): the other side answers with what we lack. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** One change of ours, as the other side applies it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The presence entries of these clients (removed ones included, as null). */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** y-protocols' permission-denied, which stock y-websocket clients read. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
