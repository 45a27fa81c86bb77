import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AccordError } from './errors';
import { ClientMessage, ServerMessage } from './messages';

/**
 * Framing for byte-stream transports such as a WebSocket. Sync messages go as binary frames
 * (doc id + y-protocols bytes, no base64 inflation); everything else is JSON text.
 * Electron IPC needs none of this: structured clone carries the objects as they are.
 */
type Frame = string | Uint8Array;

function encode(msg: ClientMessage | ServerMessage): Frame {
  if (msg.t === 'sync') {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, msg.doc);
    encoding.writeVarUint(encoder, msg.stream);
    encoding.writeVarUint8Array(encoder, msg.data);
    return encoding.toUint8Array(encoder);
  }
  return JSON.stringify(msg);
}

function decodeRaw(frame: Frame): unknown {
  if (typeof frame === 'string') {
    try {
      return JSON.parse(frame) as unknown;
    } catch {
      throw new AccordError('invalid_message', 'The message is not valid JSON.');
    }
  }
  try {
    const decoder = decoding.createDecoder(frame);
    const doc = decoding.readVarString(decoder);
    const stream = decoding.readVarUint(decoder);
    const data = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return { t: 'sync', doc, stream, data };
  } catch {
    throw new AccordError('invalid_message', 'The binary message is truncated or malformed.');
  }
}

export const encodeClientFrame = (msg: ClientMessage): Frame => encode(msg);
export const encodeServerFrame = (msg: ServerMessage): Frame => encode(msg);

export function decodeClientFrame(frame: Frame): ClientMessage {
  const parsed = ClientMessage.safeParse(decodeRaw(frame));
  if (!parsed.success) throw new AccordError('invalid_message', 'The message does not match the Accord API.');
  return parsed.data;
}

export function decodeServerFrame(frame: Frame): ServerMessage {
  const parsed = ServerMessage.safeParse(decodeRaw(frame));
  if (!parsed.success) throw new AccordError('invalid_message', 'The message does not match the Accord API.');
  return parsed.data;
}
