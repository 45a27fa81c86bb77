import { afterEach, describe, expect, it } from 'vitest';
import { createConnection } from '../../../../electron/api/connection';
import { createServices, type Services } from '../../../../electron/services/services';
import type { MeetingListEntry } from '../../../../shared/model/meeting';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, until } from '../hub/hubTestKit';

describe('a window watching the list of meetings', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function watching() {
    const services: Services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger() });
    cleanups.push(() => services.close());
    const local = await services.handlers['meetings.create']({ ...SAMPLE_MEETING, title: 'Smart Cities Network annual meeting' });
    const lists: MeetingListEntry[][] = [];
    // The window sends nothing after its watch: whatever it learns is pushed.
    const connection = createConnection(services, (msg) => msg.t === 'meetings' && lists.push(msg.meetings), recordingLogger());
    cleanups.push(() => connection.close());
    connection.receive({ t: 'watch-meetings' });
    await until(() => lists.length === 1, 'told the list on watching');
    const latest = () => lists.at(-1)!;
    const entry = (id: string) => latest().find((m) => m.id === id);
    return { services, connection, local, lists, latest, entry };
  }

  it('is told of a new meeting, a corrected title, a hub that went away and a change the hub has not confirmed, without asking', async () => {
    const { services, local, latest, entry } = await watching();
    expect(latest().map((m) => m.title)).toEqual(['Smart Cities Network annual meeting']);

    const hub = await startTestHub(tempDir());
    cleanups.push(() => hub.stop().catch(() => undefined));
    const shared = await services.handlers['meetings.create'](SAMPLE_MEETING);
    await until(() => entry(shared.id)?.sharing === 'local', 'told of the new meeting');
    const code = hub.services.invitations.issue({ meetingId: shared.id, role: 'secretariat', delegation: null }).code;
    await services.handlers['meetings.join']({ hubUrl: hub.running.url, code, name: 'Sophea' });
    await until(() => entry(shared.id)?.sharing === 'hub' && entry(shared.id)?.status?.state === 'online', 'told it is on the hub');

    await services.handlers['meetings.update']({ meetingId: local.id, particulars: { ...SAMPLE_MEETING, title: 'Smart Cities Network, twelfth meeting' } });
    await until(() => entry(local.id)?.title === 'Smart Cities Network, twelfth meeting', 'told of the corrected title');

    await hub.stop();
    await until(() => entry(shared.id)?.status?.state !== 'online', 'told the hub is gone');
    await services.handlers['meetings.update']({ meetingId: shared.id, particulars: { ...SAMPLE_MEETING, endDate: '2022-12-03' } });
    await until(() => (entry(shared.id)?.status?.unconfirmed ?? 0) > 0 && entry(shared.id)?.endDate === '2022-12-03', 'told of the change the hub has not got');
  });

  it('is told nothing while nothing changes, and nothing once it stops watching', async () => {
    const { services, connection, local, lists } = await watching();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lists).toHaveLength(1);
    connection.receive({ t: 'unwatch-meetings' });
    await services.handlers['meetings.update']({ meetingId: local.id, particulars: { ...SAMPLE_MEETING, title: 'Renamed' } });
    await services.handlers['meetings.create'](SAMPLE_MEETING);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lists).toHaveLength(1);
  });
});
