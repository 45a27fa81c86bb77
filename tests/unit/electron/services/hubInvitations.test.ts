import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubInvitationsService } from '../../../../electron/services/hubInvitations';
import { AppStore } from '../../../../electron/storage/appStore';
import type { Role } from '../../../../shared/model/invitation';
import { recordingLogger, useTempDirs } from '../../helpers';
import { startTestHub, stockClient, until } from '../hub/hubTestKit';

const MEETING = 'meeting-0000-phnom-penh';

describe('invitations on a hub, from the app of a meeting’s secretariat', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** This laptop, having joined MEETING on `hubUrl` with `code` as `role`. */
  function laptop(hubUrl: string, code: string, role: Role = 'secretariat') {
    const store = AppStore.open(join(tempDir(), 'accord.sqlite'));
    cleanups.push(() => store.close());
    store.ensureDoc({ id: MEETING, kind: 'meeting', meetingId: null, now: Date.now() });
    store.saveRemote({ meeting_id: MEETING, hub_url: hubUrl, code, role, delegation: role === 'delegate' ? 'Ha Noi' : null, participant: 'Sophea', joined_at: Date.now() });
    const log = recordingLogger();
    return { handlers: createHubInvitationsService({ store, log }), log };
  }

  async function hub() {
    const started = await startTestHub(tempDir());
    cleanups.push(() => started.stop());
    return started;
  }

  it('lists, creates and revokes the meeting’s invitations with the code the laptop joined with', async () => {
    const h = await hub();
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null }).code;
    const { handlers } = laptop(h.running.url, code);

    const issued = await handlers['meetings.hubInvite']({ meetingId: MEETING, role: 'delegate', delegation: 'Vientiane' });
    expect(issued).toMatchObject({ role: 'delegate', delegation: 'Vientiane', code: expect.stringMatching(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/) });
    const delegate = stockClient(h.running.url, `meeting/${MEETING}`, issued.code);
    cleanups.push(() => delegate.destroy());
    await until(() => delegate.provider.synced, 'the delegate joins with the new code');

    const listed = await handlers['meetings.hubInvitations']({ meetingId: MEETING });
    expect(listed.hubUrl).toBe(h.running.url);
    expect(listed.invitations.map((i) => i.delegation)).toEqual([null, 'Vientiane']);
    expect(listed.caller).toBe(listed.invitations[0]!.id);

    const revoked = await handlers['meetings.hubRevokeInvitation']({ meetingId: MEETING, invitationId: issued.id });
    expect(revoked.revokedAt).toEqual(expect.any(Number));
    await until(() => delegate.closes.includes(4403), 'the delegate is disconnected');
  });

  it('is not offered to a delegate, nor for a meeting that is not on a hub, and asks no hub then', async () => {
    let asked = 0;
    const server = createServer((_req, res) => (asked += 1, res.end('{}')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { handlers } = laptop(url, 'AAAA-BBBB-CCCC-DDDD', 'delegate');
    await expect(handlers['meetings.hubInvitations']({ meetingId: MEETING })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(handlers['meetings.hubInvite']({ meetingId: MEETING, role: 'observer', delegation: null })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(handlers['meetings.hubInvitations']({ meetingId: 'meeting-0009-elsewhere' })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(asked).toBe(0);
  });

  it('says so when the hub no longer accepts the laptop’s code, and passes on the hub’s reason for a refusal', async () => {
    const h = await hub();
    const code = h.services.invitations.issue({ meetingId: MEETING, role: 'secretariat', delegation: null }).code;
    const { handlers } = laptop(h.running.url, code);
    const own = h.services.invitations.list(MEETING)[0]!;
    await expect(handlers['meetings.hubRevokeInvitation']({ meetingId: MEETING, invitationId: own.id })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('This is the code this request was made with'),
    });
    h.services.invitations.revoke(code);
    await expect(handlers['meetings.hubInvitations']({ meetingId: MEETING })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('no longer accepts this laptop’s secretariat code'),
    });
  });

  it.each([
    ['an answer that is not JSON', 200, 'OK'],
    ['an answer of the wrong shape', 200, JSON.stringify({ invitations: [{ id: 1 }], caller: 'x' })],
    ['another meeting’s invitations', 200, JSON.stringify({ invitations: [{ id: 'a', meetingId: 'meeting-0001-vientiane', role: 'observer', delegation: null, createdAt: 1, revokedAt: null }], caller: 'a' })],
    ['an error it does not explain', 500, '<html>'],
  ])('takes nothing from a hub that sends %s', async (_what, status, body) => {
    const server = createServer((_req, res) => (res.writeHead(status, { 'Content-Type': 'application/json' }), res.end(body)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const { handlers } = laptop(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, 'AAAA-BBBB-CCCC-DDDD');
    await expect(handlers['meetings.hubInvitations']({ meetingId: MEETING })).rejects.toMatchObject({ code: 'internal' });
  });
});
