import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createConnection } from '../../../../electron/api/connection';
import { createServices, type Services } from '../../../../electron/services/services';
import type { ServerMessage } from '../../../../shared/api/messages';
import type { MeetingListEntry } from '../../../../shared/model/meeting';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, type TestHub, until } from '../hub/hubTestKit';

const CORRECTED = {
  title: 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals',
  place: 'Chaktomuk Conference Hall, Phnom Penh',
  hostCity: 'Phnom Penh',
  startDate: '2022-12-05',
  endDate: '2022-12-06',
};

async function refusal(call: () => unknown): Promise<{ code?: string; message?: string }> {
  try {
    await call();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error('expected a refusal');
}

describe('a meeting’s particulars and its place in the list of meetings', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const app = (extra: { lanBindHost?: string } = {}) => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), ...extra });
    cleanups.push(() => services.close());
    return services;
  };
  const hubAt = async (): Promise<TestHub> => {
    const hub = await startTestHub(tempDir());
    cleanups.push(() => hub.stop().catch(() => undefined));
    return hub;
  };
  /** Everything the secretariat doc holds, to prove a refused call wrote nothing. */
  const secretariatState = (services: Services, meetingId: string) =>
    services.replicas!.with(secretariatDocId(meetingId), (r) => Y.encodeStateAsUpdate(r.doc));
  const listed = async (services: Services, meetingId: string): Promise<MeetingListEntry | undefined> =>
    (await services.handlers['meetings.list']({})).find((m) => m.id === meetingId);

  /** The secretariat's laptop with the meeting on a hub, and a delegate's and an observer's laptop joined to it. */
  async function meetingOnHub() {
    const hub = await hubAt();
    const secretariat = app();
    const { id: meetingId } = await secretariat.handlers['meetings.create'](SAMPLE_MEETING);
    const code = (role: 'secretariat' | 'delegate' | 'observer') =>
      hub.services.invitations.issue({ meetingId, role, delegation: role === 'delegate' ? 'Ha Noi' : null }).code;
    await secretariat.handlers['meetings.join']({ hubUrl: hub.running.url, code: code('secretariat'), name: 'Sophea' });
    const delegate = app();
    await delegate.handlers['meetings.join']({ hubUrl: hub.running.url, code: code('delegate'), name: 'Lan' });
    const observer = app();
    await observer.handlers['meetings.join']({ hubUrl: hub.running.url, code: code('observer'), name: 'Press officer' });
    return { hub, meetingId, secretariat, delegate, observer };
  }

  it('the secretariat corrects the particulars, and every participant’s meeting and list read the correction', async () => {
    const { meetingId, secretariat, delegate, observer } = await meetingOnHub();
    const answer = await secretariat.handlers['meetings.update']({ meetingId, particulars: CORRECTED });
    expect(answer).toMatchObject({ id: meetingId, ...CORRECTED });
    expect(await secretariat.handlers['meetings.get']({ meetingId })).toMatchObject(CORRECTED);
    expect(await listed(secretariat, meetingId)).toMatchObject(CORRECTED);
    for (const [who, services] of [['the delegate', delegate], ['the observer', observer]] as const) {
      await until(() => (services.handlers['meetings.get']({ meetingId }) as { title: string }).title === CORRECTED.title, `${who} reads the new title`);
      expect(await services.handlers['meetings.get']({ meetingId })).toMatchObject(CORRECTED);
      expect(await listed(services, meetingId)).toMatchObject(CORRECTED);
    }
  });

  it('refuses a delegate’s or an observer’s correction and writes nothing, on their laptop or anyone’s', async () => {
    const { meetingId, secretariat, delegate, observer } = await meetingOnHub();
    const before = secretariatState(secretariat, meetingId);
    for (const services of [delegate, observer]) {
      const held = secretariatState(services, meetingId);
      const refused = await refusal(() => services.handlers['meetings.update']({ meetingId, particulars: CORRECTED }));
      expect(refused).toMatchObject({ code: 'forbidden', message: 'Only the secretariat can change the meeting’s particulars.' });
      expect(secretariatState(services, meetingId)).toEqual(held);
      expect(await services.handlers['meetings.get']({ meetingId })).toMatchObject(SAMPLE_MEETING);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secretariatState(secretariat, meetingId)).toEqual(before);
  });

  it('refuses dates that end before they start, or do not exist, as it refuses them for a new meeting, and writes nothing', async () => {
    const services = app();
    const { id: meetingId } = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const before = secretariatState(services, meetingId);
    const answers: ServerMessage[] = [];
    const connection = createConnection(services, (msg) => answers.push(msg), recordingLogger());
    cleanups.push(() => connection.close());
    const update = (id: number, particulars: Record<string, string>) =>
      connection.receive({ t: 'call', id, method: 'meetings.update', params: { meetingId, particulars: { ...SAMPLE_MEETING, ...particulars } } });
    update(1, { startDate: '2022-12-06', endDate: '2022-12-05' });
    update(2, { startDate: '2022-02-30', endDate: '2022-03-01' });
    update(3, { title: '   ' });
    await until(() => answers.length === 3, 'every call is answered');
    const errors = Object.fromEntries(answers.map((a) => [a.t === 'result' ? a.id : -1, a.t === 'result' && !a.ok ? a.error : null]));
    expect(errors[1]).toEqual({ code: 'invalid_request', message: 'The meeting cannot end before it starts. (particulars.endDate)' });
    expect(errors[2]).toEqual({ code: 'invalid_request', message: 'That date does not exist. (particulars.startDate)' });
    expect(errors[3]).toEqual({ code: 'invalid_request', message: 'This field is required. (particulars.title)' });
    expect(secretariatState(services, meetingId)).toEqual(before);
    expect(await services.handlers['meetings.get']({ meetingId })).toMatchObject(SAMPLE_MEETING);
  });

  it('answers a meeting this computer does not hold with not_found', async () => {
    const services = app();
    expect(await refusal(() => services.handlers['meetings.update']({ meetingId: 'meeting-missing', particulars: CORRECTED }))).toMatchObject({ code: 'not_found' });
  });

  it('lists each meeting with where it is shared, the user’s role there, and the changes its hub has not confirmed', async () => {
    const { hub, meetingId, delegate } = await meetingOnHub();
    const { id: ownId } = await delegate.handlers['meetings.create']({ ...SAMPLE_MEETING, title: 'Ha Noi preparatory meeting' });

    expect(await listed(delegate, ownId)).toMatchObject({ sharing: 'local', hubUrl: null, role: 'secretariat', delegation: null, status: null });
    await until(() => (delegate.handlers['meetings.syncStatus']({ meetingId }) as { unconfirmed: number } | null)?.unconfirmed === 0, 'the delegate is in sync');
    expect(await listed(delegate, meetingId)).toMatchObject({
      sharing: 'hub',
      hubUrl: hub.running.url,
      role: 'delegate',
      delegation: 'Ha Noi',
      status: { state: 'online', unconfirmed: 0 },
    });

    // The hub goes away and the delegate drafts on: the list says how much the hub has not got.
    await hub.stop();
    const document = await delegate.handlers['documents.create']({ meetingId, title: 'Ha Noi proposals' });
    delegate.replicas!.with(document.id, (r) => r.doc.getText('draft').insert(0, 'Encourage pilot projects;'));
    const entry = () => (delegate.handlers['meetings.list']({}) as MeetingListEntry[]).find((m) => m.id === meetingId);
    await until(() => (entry()?.status?.unconfirmed ?? 0) > 0, 'unconfirmed changes are counted');
    expect(entry()).toMatchObject({ sharing: 'hub', hubUrl: hub.running.url, role: 'delegate', delegation: 'Ha Noi' });
    expect(entry()?.status?.state).not.toBe('online');
  });

  it('lists a meeting hosted on this computer’s local network as such, at the address delegates join', async () => {
    const services = app({ lanBindHost: '127.0.0.1' });
    const { id: meetingId } = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const { addresses } = await services.handlers['meetings.host']({ meetingId });
    expect(await listed(services, meetingId)).toMatchObject({
      sharing: 'lan',
      hubUrl: addresses[0],
      role: 'secretariat',
      status: { state: 'hosting', unconfirmed: 0 },
    });
  });
});
