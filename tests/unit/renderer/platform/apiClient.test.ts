import { describe, expect, it } from 'vitest';
import type { ClientMessage, MeetingEvent, ServerMessage } from '../../../../shared/api/messages';
import { ApiClient, type SyncStreamHandlers } from '../../../../renderer/platform/apiClient';
import { type ChannelState, Listeners } from '../../../../renderer/platform/channel';

function fakeChannel() {
  const messages = new Listeners<ServerMessage>();
  const states = new Listeners<ChannelState>();
  const sent: ClientMessage[] = [];
  const channel = {
    state: 'open' as ChannelState,
    send: (m: ClientMessage) => sent.push(m),
    onMessage: (l: (m: ServerMessage) => void) => messages.add(l),
    onState: (l: (s: ChannelState) => void) => states.add(l),
  };
  return {
    sent,
    deliver: (m: ServerMessage) => messages.emit(m),
    /** The connection drops and comes back, as after main restarts. */
    reconnect: () => {
      channel.state = 'closed';
      states.emit('closed');
      channel.state = 'open';
      states.emit('open');
    },
    channel,
  };
}

const EVENT: MeetingEvent = { kind: 'meeting', meetingId: 'meeting-0001', status: null, participants: [], detail: null };

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

  it('watches a meeting once for every listener, tells a late listener the last word, and watches again after a reconnection', () => {
    const { channel, sent, deliver, reconnect } = fakeChannel();
    const client = new ApiClient(channel);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = client.watchMeeting('meeting-0001', (e) => first.push(e));
    deliver({ t: 'event', event: EVENT });
    const stopSecond = client.watchMeeting('meeting-0001', (e) => second.push(e));
    expect(sent.filter((m) => m.t === 'watch')).toHaveLength(1);
    expect(first).toEqual([EVENT]);
    expect(second).toEqual([EVENT]);

    reconnect();
    expect(sent.filter((m) => m.t === 'watch')).toHaveLength(2);
    stopFirst();
    expect(sent.some((m) => m.t === 'unwatch')).toBe(false);
    stopSecond();
    expect(sent.at(-1)).toEqual({ t: 'unwatch', meetingId: 'meeting-0001' });
    deliver({ t: 'event', event: EVENT });
    expect(first).toHaveLength(1);
  });

  it('watches the list of meetings once for every listener, and again after a reconnection, until the last stops', () => {
    const { channel, sent, deliver, reconnect } = fakeChannel();
    const client = new ApiClient(channel);
    const LIST = [
      {
        id: 'meeting-0001',
        title: 'Meeting of Governors and Mayors of ASEAN Capitals',
        place: 'Phnom Penh, Cambodia',
        hostCity: 'Phnom Penh',
        startDate: '2022-12-02',
        endDate: '2022-12-02',
        createdAt: 1,
        sharing: 'local' as const,
        hubUrl: null,
        role: 'secretariat' as const,
        delegation: null,
        status: null,
      },
    ];
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = client.watchMeetingList((list) => first.push(list));
    deliver({ t: 'meetings', meetings: LIST });
    const stopSecond = client.watchMeetingList((list) => second.push(list));
    expect(sent.filter((m) => m.t === 'watch-meetings')).toHaveLength(1);
    expect(first).toEqual([LIST]);
    expect(second).toEqual([LIST]);

    reconnect();
    expect(sent.filter((m) => m.t === 'watch-meetings')).toHaveLength(2);
    stopFirst();
    expect(sent.some((m) => m.t === 'unwatch-meetings')).toBe(false);
    stopSecond();
    expect(sent.at(-1)).toEqual({ t: 'unwatch-meetings' });
    deliver({ t: 'meetings', meetings: LIST });
    expect(first).toHaveLength(1);
  });
});
