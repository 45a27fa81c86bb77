import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../../../electron/hub/hubServer';
import { readClientOwners } from '../../../../shared/model/clientOwners';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import {
  HubCarriedInvitations,
  hubCarriedInvitationsPath,
  HubCarryResult,
  HubErrorBody,
  HubInvitationList,
  HubIssuedInvitation,
  HubRevokedInvitation,
  hubInvitationPath,
  hubInvitationsPath,
} from '../../../../shared/model/invitation';
import { useTempDirs } from '../../helpers';
import { startTestHub, stockClient, type TestHub, until } from './hubTestKit';

const MEETING = 'meeting-0000-phnom-penh';
const OTHER = 'meeting-0001-vientiane';

describe('a meeting’s invitations over the hub’s HTTP API', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function hub(options?: Parameters<typeof startTestHub>[1]): Promise<TestHub & { http: string; issue: (meetingId: string, role: 'secretariat' | 'delegate' | 'observer', delegation?: string) => string }> {
    const started = await startTestHub(tempDir(), options);
    cleanups.push(() => started.stop());
    return {
      ...started,
      http: started.running.url.replace(/^ws/, 'http'),
      issue: (meetingId, role, delegation) => started.services.invitations.issue({ meetingId, role, delegation: delegation ?? null }).code,
    };
  }

  const call = (h: { http: string }, path: string, code: string | null, init: { method?: string; body?: string; contentType?: string } = {}) =>
    fetch(`${h.http}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(code === null ? {} : { Authorization: `Bearer ${code}` }),
        ...(init.body === undefined ? {} : { 'Content-Type': init.contentType ?? 'application/json' }),
      },
      body: init.body,
    });

  const create = (h: { http: string }, code: string, body: unknown, meetingId = MEETING) =>
    call(h, hubInvitationsPath(meetingId), code, { method: 'POST', body: JSON.stringify(body) });

  async function refusal(response: Response) {
    return { status: response.status, ...HubErrorBody.parse(await response.json()) };
  }

  it('lets a secretariat code list, create and revoke its meeting’s invitations, showing each code once', async () => {
    const h = await hub({ revocationCheckMs: 60_000 });
    const secretariat = h.issue(MEETING, 'secretariat');
    h.issue(OTHER, 'delegate', 'Vientiane');

    const created = await create(h, secretariat, { role: 'delegate', delegation: 'Ha Noi' });
    expect(created.status).toBe(201);
    const { invitation } = HubIssuedInvitation.parse(await created.json());
    expect(invitation).toMatchObject({ meetingId: MEETING, role: 'delegate', delegation: 'Ha Noi', revokedAt: null });

    // The new code opens the meeting's rooms.
    const delegate = stockClient(h.running.url, `meeting/${MEETING}`, invitation.code);
    cleanups.push(() => delegate.destroy());
    await until(() => delegate.provider.synced, 'the delegate has joined with the new code');

    const listed = await call(h, hubInvitationsPath(MEETING), secretariat);
    expect(listed.status).toBe(200);
    const raw = await listed.text();
    const list = HubInvitationList.parse(JSON.parse(raw));
    // Only this meeting's, and never a code or its hash: the hub cannot show a code again.
    expect(list.invitations.map((i) => [i.role, i.delegation])).toEqual([
      ['secretariat', null],
      ['delegate', 'Ha Noi'],
    ]);
    expect(list.caller).toBe(list.invitations[0]!.id);
    expect(raw).not.toContain(invitation.code);
    expect(raw).not.toMatch(/hash/i);

    // Revoking closes the delegate's live connection at once, not at the next periodic check.
    const revoked = await call(h, hubInvitationPath(MEETING, invitation.id), secretariat, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(HubRevokedInvitation.parse(await revoked.json()).invitation.revokedAt).toEqual(expect.any(Number));
    await until(() => delegate.closes.includes(CLOSE.revoked), 'the delegate is disconnected', 1500);
    const again = stockClient(h.running.url, `meeting/${MEETING}`, invitation.code);
    cleanups.push(() => again.destroy());
    await until(() => again.closes.includes(CLOSE.badCode), 'the revoked code is refused');
  });

  it('refuses a delegate’s or an observer’s code, and a secretariat code of another meeting, changing nothing', async () => {
    const h = await hub();
    const delegate = h.issue(MEETING, 'delegate', 'Ha Noi');
    const observer = h.issue(MEETING, 'observer');
    const otherSecretariat = h.issue(OTHER, 'secretariat');
    const secretariat = h.issue(MEETING, 'secretariat');
    const target = h.services.invitations.list(MEETING).find((i) => i.role === 'delegate')!;

    for (const code of [delegate, observer]) {
      expect(await refusal(await call(h, hubInvitationsPath(MEETING), code))).toMatchObject({ status: 403, code: 'forbidden', message: expect.stringContaining('Only a secretariat code') });
      expect((await create(h, code, { role: 'secretariat', delegation: null })).status).toBe(403);
      expect((await call(h, hubInvitationPath(MEETING, target.id), code, { method: 'DELETE' })).status).toBe(403);
    }
    expect(await refusal(await call(h, hubInvitationsPath(MEETING), otherSecretariat))).toMatchObject({ status: 403, message: 'This secretariat code is for another meeting.' });
    expect((await create(h, otherSecretariat, { role: 'secretariat', delegation: null })).status).toBe(403);
    expect((await call(h, hubInvitationPath(MEETING, target.id), otherSecretariat, { method: 'DELETE' })).status).toBe(403);

    expect(h.services.invitations.list(MEETING)).toHaveLength(3);
    expect(h.services.invitations.verify(delegate)).toBeDefined();
    // Nor can a meeting's secretariat reach another meeting's invitation through its own path.
    const foreign = h.services.invitations.list(OTHER)[0]!;
    expect(await refusal(await call(h, hubInvitationPath(MEETING, foreign.id), secretariat, { method: 'DELETE' }))).toMatchObject({ status: 404 });
    expect(h.services.invitations.isActive(foreign.id)).toBe(true);
  });

  it('refuses an unknown, missing or revoked code with 401', async () => {
    const h = await hub();
    const secretariat = h.issue(MEETING, 'secretariat');
    h.issue(MEETING, 'secretariat');
    h.services.invitations.revoke(secretariat);
    for (const code of [secretariat, 'K7QP-2M9X-4TWA-HC3R', 'not a code', null]) {
      const response = await call(h, hubInvitationsPath(MEETING), code);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await refusal(response)).toEqual({ status: 401, code: 'unauthorized', message: 'This invitation code is unknown or has been revoked.' });
    }
    expect((await create(h, secretariat, { role: 'observer', delegation: null })).status).toBe(401);
    expect(h.services.invitations.list(MEETING)).toHaveLength(2);
  });

  it('refuses a malformed body with 400 and says what to send', async () => {
    const h = await hub();
    const secretariat = h.issue(MEETING, 'secretariat');
    const post = (body: string, contentType?: string) => call(h, hubInvitationsPath(MEETING), secretariat, { method: 'POST', body, contentType });
    expect(await refusal(await post('{"role": "delegate", '))).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(await refusal(await post('\u0000\u0001garbage'))).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(await refusal(await post('[]'))).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('"role"') });
    expect(await refusal(await post('{"role": "chair", "delegation": null}'))).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(await refusal(await post('{"role": "delegate", "delegation": null}'))).toMatchObject({
      status: 400,
      message: 'A delegate invitation names its delegation; other roles do not.',
    });
    expect(await refusal(await post('{"role": "secretariat", "delegation": null, "meetingId": "meeting-0001-vientiane"}'))).toMatchObject({ status: 400 });
    expect(await refusal(await post('{"role": "delegate", "delegation": "Ha Noi\\nSecretariat"}'))).toMatchObject({ status: 400, message: 'A delegation’s name is one line of text.' });
    expect(await refusal(await post(JSON.stringify({ role: 'delegate', delegation: 'x'.repeat(101) })))).toMatchObject({ status: 400 });
    expect((await post('role=observer', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect(h.services.invitations.list(MEETING)).toHaveLength(1);
  });

  it('refuses a body over its limit with 413, declared or streamed, without reading the rest', async () => {
    const h = await hub();
    const secretariat = h.issue(MEETING, 'secretariat');
    const huge = JSON.stringify({ role: 'delegate', delegation: 'x'.repeat(2_000_000) });
    expect(await refusal(await call(h, hubInvitationsPath(MEETING), secretariat, { method: 'POST', body: huge }))).toMatchObject({ status: 413, code: 'too_large' });

    // Streamed with no declared length: refused as soon as it passes the limit.
    const url = new URL(`${h.http}${hubInvitationsPath(MEETING)}`);
    const streamed = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Authorization: `Bearer ${secretariat}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024, 'x');
      const pump = () => {
        while (sent < 50_000_000) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      req.write('{"role":"delegate","delegation":"');
      pump();
    });
    expect(streamed.status).toBe(413);
    expect(streamed.sent).toBeLessThan(50_000_000);
    expect(h.services.invitations.list(MEETING)).toHaveLength(1);
  });

  it('keeps a meeting to its number of invitations, revoked ones included', async () => {
    const h = await hub({ limits: { maxInvitationsPerMeeting: 3 } });
    const secretariat = h.issue(MEETING, 'secretariat');
    const first = HubIssuedInvitation.parse(await (await create(h, secretariat, { role: 'observer', delegation: null })).json()).invitation;
    await call(h, hubInvitationPath(MEETING, first.id), secretariat, { method: 'DELETE' });
    expect((await create(h, secretariat, { role: 'delegate', delegation: 'Yangon' })).status).toBe(201);
    expect(await refusal(await create(h, secretariat, { role: 'delegate', delegation: 'Manila' }))).toMatchObject({
      status: 409,
      code: 'limit',
      message: expect.stringContaining('(3), revoked ones included'),
    });
    // Another meeting has its own allowance.
    expect((await create(h, h.issue(OTHER, 'secretariat'), { role: 'observer', delegation: null }, OTHER)).status).toBe(201);
  });

  it('answers too many requests from one address with 429 until the minute has passed', async () => {
    const h = await hub({ limits: { apiRequestsPerMinute: 5 } });
    const secretariat = h.issue(MEETING, 'secretariat');
    for (let i = 0; i < 5; i += 1) expect((await call(h, hubInvitationsPath(MEETING), i % 2 ? 'K7QP-2M9X-4TWA-HC3R' : secretariat)).status).not.toBe(429);
    const limited = await call(h, hubInvitationsPath(MEETING), secretariat);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await refusal(limited)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(h.log.errors.filter((e) => e.event === 'hub.api-refused' && e.fields?.status === 429)).toHaveLength(1);
  });

  it('will not revoke the code a request is made with, and revoking twice is the same as once', async () => {
    const h = await hub();
    const secretariat = h.issue(MEETING, 'secretariat');
    const own = h.services.invitations.list(MEETING)[0]!;
    expect(await refusal(await call(h, hubInvitationPath(MEETING, own.id), secretariat, { method: 'DELETE' }))).toMatchObject({ status: 409, code: 'own_code' });
    expect(h.services.invitations.verify(secretariat)).toBeDefined();

    const observer = HubIssuedInvitation.parse(await (await create(h, secretariat, { role: 'observer', delegation: null })).json()).invitation;
    const once = HubRevokedInvitation.parse(await (await call(h, hubInvitationPath(MEETING, observer.id), secretariat, { method: 'DELETE' })).json());
    const twice = HubRevokedInvitation.parse(await (await call(h, hubInvitationPath(MEETING, observer.id), secretariat, { method: 'DELETE' })).json());
    expect(twice.invitation.revokedAt).toBe(once.invitation.revokedAt);
    expect((await call(h, hubInvitationsPath(MEETING), secretariat, { method: 'PUT' })).status).toBe(405);
    expect((await call(h, `${hubInvitationsPath(MEETING)}/%E0%A4%A`, secretariat, { method: 'DELETE' })).status).toBe(404);
  });

  it('serves a join page that explains the link in every language, runs nothing and is framed nowhere', async () => {
    const h = await hub();
    const response = await fetch(`${h.http}/join`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('script-src');
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('On its home screen, choose Join meeting.');
    expect(html).toContain('<section lang="vi">');
    expect(html).toContain('Trên màn hình chính, chọn Tham gia cuộc họp.');
    expect(html).toContain('<section lang="km">');
    // Khmer reads even where the system has no Khmer font: the app's own is inlined.
    expect(html).toMatch(/@font-face\{font-family:"Accord Khmer";src:url\(data:font\/woff2;base64,[A-Za-z0-9+/]{1000,}/);
    expect(policy).toContain('font-src data:');
  });
  it('carries a meeting’s invitations to the hub it moves to: every code works there for the same grant, revocations go along, and nothing else is taken', async () => {
    const from = await hub();
    const to = await hub({ revocationCheckMs: 60_000 });
    const oldSecretariat = from.issue(MEETING, 'secretariat');
    const delegateCode = from.issue(MEETING, 'delegate', 'Ha Noi');
    const revokedCode = from.issue(MEETING, 'delegate', 'Vientiane');
    from.services.invitations.revoke(revokedCode);
    from.issue(OTHER, 'delegate', 'Bangkok');

    // Hashes only to the meeting's secretariat, never a code; a delegate is refused.
    expect((await call(from, hubCarriedInvitationsPath(MEETING), delegateCode)).status).toBe(403);
    const given = await call(from, hubCarriedInvitationsPath(MEETING), oldSecretariat);
    expect(given.status).toBe(200);
    const text = await given.text();
    expect(text).not.toContain(delegateCode);
    const { invitations } = HubCarriedInvitations.parse(JSON.parse(text));
    expect(invitations.map((i) => i.delegation ?? '(secretariat)').sort()).toEqual(['(secretariat)', 'Ha Noi', 'Vientiane']);

    const newSecretariat = to.issue(MEETING, 'secretariat');
    const carry = (body: unknown, code = newSecretariat, meetingId = MEETING) =>
      call(to, hubCarriedInvitationsPath(meetingId), code, { method: 'POST', body: JSON.stringify(body) });
    const carried = await carry({ invitations });
    expect(HubCarryResult.parse(await carried.json())).toEqual({ added: 3, kept: 0, refused: 0 });
    const lookUp = (code: string) => call(to, '/v1/invitation', code);
    expect(await (await lookUp(delegateCode)).json()).toMatchObject({ meetingId: MEETING, role: 'delegate', delegation: 'Ha Noi' });
    expect((await lookUp(revokedCode)).status).toBe(401);
    const delegateId = from.services.invitations.verify(delegateCode)!.id;
    expect(to.services.invitations.verify(delegateCode)?.id).toBe(delegateId);

    // Carried again after a revocation at the old hub: the revocation applies, and the connection ends.
    const delegate = stockClient(to.running.url, `meeting/${MEETING}`, delegateCode);
    cleanups.push(() => delegate.destroy());
    await until(() => delegate.provider.synced, 'the carried code opens the meeting');
    from.services.invitations.revoke(delegateCode);
    const again = HubCarriedInvitations.parse(await (await call(from, hubCarriedInvitationsPath(MEETING), oldSecretariat)).json());
    expect(HubCarryResult.parse(await (await carry(again)).json())).toEqual({ added: 0, kept: 3, refused: 0 });
    expect((await lookUp(delegateCode)).status).toBe(401);
    await until(() => delegate.closes.includes(CLOSE.revoked), 'the revoked code’s connection is closed');

    // An id or a code held here for something else is refused, not overwritten; a revoked one is not revived.
    const first = invitations.find((i) => i.role === 'secretariat');
    const reissued = { ...first!, revokedAt: null };
    const fresh = { ...first!, id: 'carried-later', codeHash: 'f'.repeat(64) };
    const sameCodeOtherId = { ...first!, id: 'another-id' };
    const answer = HubCarryResult.parse(await (await carry({ invitations: [fresh, sameCodeOtherId] }, newSecretariat, MEETING)).json());
    expect(answer).toEqual({ added: 1, kept: 0, refused: 1 });
    const otherSecretariat = to.issue(OTHER, 'secretariat');
    expect(HubCarryResult.parse(await (await carry({ invitations: [reissued] }, otherSecretariat, OTHER)).json())).toEqual({ added: 0, kept: 0, refused: 1 });

    // Malformed, oversized and unauthorised requests.
    expect((await refusal(await carry({ invitations: [{ ...first!, codeHash: 'not a hash' }] }))).status).toBe(400);
    expect((await refusal(await carry({ invitations: [], extra: 1 }))).status).toBe(400);
    expect((await carry({ invitations: [] }, to.issue(MEETING, 'delegate', 'Ha Noi'))).status).toBe(403);
    expect((await carry({ invitations: [] }, otherSecretariat)).status).toBe(403);
    const huge = await call(to, hubCarriedInvitationsPath(MEETING), newSecretariat, { method: 'POST', body: 'x'.repeat(1100 * 1024) });
    expect(huge.status).toBe(413);
  });
  it('takes the meeting’s record of owners with its invitations: a delegation that reaches the new hub before the secretariat cannot take another’s client id', async () => {
    const from = await hub();
    const to = await hub();
    from.issue(MEETING, 'delegate', 'Ha Noi');
    const bangkokCode = from.issue(MEETING, 'delegate', 'Bangkok');
    const hanoiCode = from.issue(MEETING, 'delegate', 'Ha Noi');
    const doc = `doc/${MEETING}/declaration-0000-phnom-penh`;

    // Ha Noi wrote at the hub the meeting moves from; Bangkok's laptop holds it too.
    const hanoi = new Y.Doc();
    hanoi.getText('body').insert(0, 'Ha Noi proposes a river fund; ');
    const bangkok = new Y.Doc();
    Y.applyUpdate(bangkok, Y.encodeStateAsUpdate(hanoi));

    // The secretariat carries the invitations and the record of owners its room holds.
    const { invitations } = HubCarriedInvitations.parse(await (await call(from, hubCarriedInvitationsPath(MEETING), from.issue(MEETING, 'secretariat'))).json());
    const owners = [{ clientId: hanoi.clientID, role: 'delegate', delegation: 'Ha Noi' }];
    const carried = await call(to, hubCarriedInvitationsPath(MEETING), to.issue(MEETING, 'secretariat'), { method: 'POST', body: JSON.stringify({ invitations, owners }) });
    expect(carried.status).toBe(200);

    // Bangkok gets there first, holding Ha Noi's words: they are not its to bring, nor its id to take.
    const first = stockClient(to.running.url, doc, bangkokCode, bangkok);
    cleanups.push(() => first.destroy());
    await until(() => first.provider.synced, 'Bangkok is in');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const record = () => to.services.replicas.with(secretariatDocId(MEETING), (r) => readClientOwners(r.doc).get(hanoi.clientID));
    expect(record()).toEqual({ role: 'delegate', delegation: 'Ha Noi' });

    // Ha Noi follows and goes on writing under its id.
    const second = stockClient(to.running.url, doc, hanoiCode, hanoi);
    cleanups.push(() => second.destroy());
    await until(() => second.provider.synced, 'Ha Noi is in');
    hanoi.getText('body').insert(hanoi.getText('body').length, 'to be managed jointly.');
    const held = () => to.services.replicas.with('declaration-0000-phnom-penh', (r) => r.doc.getText('body').toString());
    await until(() => held() === 'Ha Noi proposes a river fund; to be managed jointly.', 'Ha Noi’s words land under its id');

    // A record is what the secretariat's room says: well formed, or refused whole.
    const bad = await call(to, hubCarriedInvitationsPath(MEETING), to.issue(MEETING, 'secretariat'), {
      method: 'POST',
      body: JSON.stringify({ invitations: [], owners: [{ clientId: -1, role: 'delegate', delegation: 'Ha Noi' }] }),
    });
    expect(bad.status).toBe(400);
  });
});
