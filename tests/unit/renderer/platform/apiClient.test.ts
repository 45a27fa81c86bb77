import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../../../shared/api/messages';
import { ApiClient, type SyncStreamHandlers } from '../../../../renderer/platform/apiClient';
import { type ChannelState, Listeners } from '../../../../renderer/platform/channel';

function fakeChannel() {
  const messages = new Listeners<ServerMessage>();
  const sent: ClientMessage[] = [];
  return {
    sent,
    deliver: (m: ServerMessage) => messages.emit(m),
    channel: {
      state: 'open' as ChannelState,
      send: (m: ClientMessage) => sent.push(m),
      onMessage: (l: (m: ServerMessage) => void) => messages.add(l),
      onState: () => () => undefined,
    },
  };
}

function recorder(): SyncStreamHandlers & { acks: number[] } {
  const acks: number[] = [];
  return { acks, data: () => undefined, ack: (n) => acks.push(n), error: () => undefined, open: () => undefined, down: () => undefined, replaced: () => undefined };
}

describe('the window’s API client', () => {
  it('ignores an acknowledgement that belongs to an earlier opening of the document', async () => {
    const { channel, sent, deliver } = fakeChannel();
    const client = new ApiClient(channel);
    const first = client.openSync('declaration-0001', recorder());
    await Promise.resolve();
    const firstStream = (sent.find((m) => m.t === 'sync-open') as { stream: number }).stream;
    first.close();
    const handlers = recorder();
    client.openSync('declaration-0001', handlers);
    await Promise.resolve();
    const secondStream = (sent.filter((m) => m.t === 'sync-open')[1] as { stream: number }).stream;
    expect(secondStream).not.toBe(firstStream);
    deliver({ t: 'sync-ack', doc: 'declaration-0001', stream: firstStream, received: 40 });
    deliver({ t: 'sync-ack', doc: 'declaration-0001', stream: secondStream, received: 1 });
    expect(handlers.acks).toEqual([1]);
  });

  it('rejects a result that does not match the contract', async () => {
    const { channel, deliver } = fakeChannel();
    const client = new ApiClient(channel);
    const answer = client.call('meetings.list', {});
    deliver({ t: 'result', id: 1, ok: true, value: [{ id: 'not valid' }] });
    await expect(answer).rejects.toMatchObject({ code: 'invalid_message' });
  });
});
