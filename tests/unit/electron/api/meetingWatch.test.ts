import { afterEach, describe, expect, it } from 'vitest';
import { createConnection } from '../../../../electron/api/connection';
import { createServices, type Services } from '../../../../electron/services/services';
import type { MeetingEvent, ServerMessage } from '../../../../shared/api/messages';
import type { MeetingSyncStatus } from '../../../../shared/model/meeting';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, until } from '../hub/hubTestKit';

/** What main tells a window without being asked: measured from the moment it happens. */
const NOTICED_WITHIN_MS = 300;

describe('a window watching a meeting', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function watching(hubLimits?: Parameters<typeof startTestHub>[1]) {
    const hub = await startTestHub(tempDir(), hubLimits);
    cleanups.push(() => hub.stop());
    const log = recordingLogger();
    const refusedAt: number[] = [];
    const error = log.error;
    log.error = (event, fields) => {
      if (event === 'sync.change-refused') refusedAt.push(Date.now());
      error(event, fields);
    };
    const services: Services = createServices({ dataDir: tempDir(), version: 'test', log });
    cleanups.push(() => services.close());
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const code = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null }).code;
    await services.handlers['meetings.join']({ hubUrl: hub.running.url, code, name: 'Sophea' });
    const events: Array<{ at: number; event: MeetingEvent }> = [];
    const calls: ServerMessage[] = [];
    const connection = createConnection(
      services,
      (msg) => (msg.t === 'event' ? events.push({ at: Date.now(), event: msg.event }) : calls.push(msg)),
      recordingLogger(),
    );
    cleanups.push(() => connection.close());
    connection.receive({ t: 'watch', meetingId: meeting.id });
    await until(() => events.at(-1)?.event.status?.state === 'online' && events.at(-1)?.event.status?.unconfirmed === 0, 'told the meeting is online');
    /** The first event after `since` that satisfies `told`, and how long after `since` it came. */
    const noticed = async (since: number, told: (event: MeetingEvent) => boolean, what: string) => {
      await until(() => events.some((e) => e.at >= since && told(e.event)), what);
      return events.find((e) => e.at >= since && told(e.event))!.at - since;
    };
    return { hub, services, meeting, events, calls, noticed, refusedAt };
  }

  it('is told of a new document, a sync change and a hub refusal as they happen, not on a timer', async () => {
    const { hub, services, meeting, noticed, refusedAt } = await watching({ limits: { maxRoomBytes: 48 * 1024 } });

    const created = Date.now();
    const document = await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Phnom Penh Declaration' });
    expect(await noticed(created, (e) => e.detail?.documents.some((d) => d.id === document.id) === true, 'told of the new document')).toBeLessThan(NOTICED_WITHIN_MS);
    await until(() => (services.handlers['meetings.syncStatus']({ meetingId: meeting.id }) as MeetingSyncStatus | null)?.unconfirmed === 0, 'the document is on the hub');

    services.replicas!.with(document.id, (r) => r.doc.getText('pasted').insert(0, 'x'.repeat(64 * 1024)));
    await until(() => refusedAt.length > 0, 'the hub refuses the paste');
    expect(await noticed(refusedAt[0]!, (e) => /The hub refused a change/.test(e.status?.message ?? ''), 'told of the refusal')).toBeLessThan(NOTICED_WITHIN_MS);

    const stopped = Date.now();
    await hub.stop();
    expect(await noticed(stopped, (e) => e.status?.state !== 'online', 'told the hub is gone')).toBeLessThan(NOTICED_WITHIN_MS);
  });

  it('is told nothing while nothing changes', async () => {
    const { events, calls } = await watching();
    const before = events.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(events.length).toBe(before);
    expect(calls).toEqual([]);
  });

  it('is told no more once it stops watching', async () => {
    const { services, meeting } = await watching();
    const told: MeetingEvent[] = [];
    const connection = createConnection(services, (msg) => msg.t === 'event' && told.push(msg.event), recordingLogger());
    connection.receive({ t: 'watch', meetingId: meeting.id });
    await until(() => told.length > 0, 'told once on watching');
    connection.receive({ t: 'unwatch', meetingId: meeting.id });
    const before = told.length;
    await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Annex' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told.length).toBe(before);
    connection.close();
  });
});
