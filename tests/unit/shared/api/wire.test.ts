import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeServerFrame } from '../../../../shared/api/wire';

describe('the WebSocket framing of API messages', () => {
  it('carries calls as JSON and sync bytes as binary, unchanged', () => {
    const call = { t: 'call' as const, id: 4, method: 'meetings.list', params: {} };
    expect(decodeClientFrame(encodeClientFrame(call))).toEqual(call);
    const sync = { t: 'sync' as const, doc: 'abcdefgh-1', stream: 3, data: new Uint8Array([0, 1, 2, 255]) };
    const frame = encodeServerFrame(sync);
    expect(frame).toBeInstanceOf(Uint8Array);
    expect(decodeServerFrame(frame)).toEqual(sync);
  });

  it.each([
    ['text that is not JSON', '{"t":"call",'],
    ['JSON that is not a message', '{"hello":"world"}'],
    ['a truncated binary frame', new Uint8Array([10, 97, 98])],
    ['a binary frame with trailing bytes', new Uint8Array([10, ...'abcdefgh-1'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)).concat([1, 0, 99]))],
    ['an empty binary frame', new Uint8Array([])],
  ])('refuses %s with invalid_message', (_name, frame) => {
    expect(() => decodeClientFrame(frame as string | Uint8Array)).toThrowError(expect.objectContaining({ code: 'invalid_message' }));
  });
});
