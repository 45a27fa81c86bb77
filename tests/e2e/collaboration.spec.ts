import type { Page } from '@playwright/test';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expectAllSynced, hostingDialog, hostWithCode, hubStatus, joinMeeting, meetingIdOf, publishToHub } from '../support/collaboration';
import { clickEndOf, paragraph } from '../support/draftingPage';
import { expect, test } from '../support/fixtures';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startThread } from '../../shared/declaration/comments';
import { bracketRange } from '../../shared/declaration/model/bracketMarks';
import { readParagraphs } from '../../shared/declaration/model/paragraphOrder';
import { hubCli, invite } from '../support/hub';


test.describe.configure({ timeout: 180_000 });

test('two delegations co-edit through a hub, keep working while it is down, and end with the same text', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const dirA = makeDir();
  let hostA = await launchHost(dirA);
  const hostB = await launchHost(makeDir());

  // The secretariat creates the meeting and publishes it to the hub with its own code.
  let a = await laptop(hostA.url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir);

  const b = await laptop(hostB.url);
  const rebuilds: string[] = [];
  b.on('console', (message) => {
    if (message.text().includes('drifted')) rebuilds.push(message.text());
  });
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await expect(hubStatus(b)).toContainText('You: Delegate (Ha Noi)');
  const roster = b.getByRole('list', { name: 'Participants' });
  await expect(roster.getByRole('listitem').filter({ hasText: 'Sophea (Secretariat)' })).toContainText('online');
  await expect(roster.getByRole('listitem').filter({ hasText: 'Lan' })).toContainText('Delegate · Ha Noi');

  await newDeclaration(a);
  const editorA = declarationText(a);
  await editorA.click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await b.getByRole('link', { name: /Draft declaration/ }).click();
  const editorB = declarationText(b);
  await expect(editorB).toContainText('Recognizing the role of capital cities,');

  // Real time: a new keystroke at A shows at B within a second, with A's cursor and name.
  await a.keyboard.type(' resilient');
  await expect(editorB).toContainText('capital cities, resilient', { timeout: 1000 });
  await expect(b.locator('.collab-cursor__name', { hasText: 'Sophea (Secretariat)' })).toBeVisible();
  await expect(b.getByRole('complementary', { name: 'Participants' })).toContainText('Sophea (Secretariat)');
  // Ordinary co-editing never trips the drift guard (it would rebuild B's editor under B's cursor).
  await b.waitForTimeout(1200);
  expect(rebuilds).toEqual([]);

  // The hub goes away: both keep editing, in the same paragraph and in new ones.
  const port = hub.port;
  await hub.stop('SIGKILL');
  await expect(hubStatus(a)).not.toContainText('Online');
  await editorA.click();
  await a.keyboard.press('Control+End');
  await a.keyboard.type(' and sustainable');
  await a.keyboard.press('Enter');
  await a.keyboard.type('Hereby agree to:');
  await expectSaved(a);
  await expect(hubStatus(a)).toContainText(/changes? not yet on the hub/);
  await editorB.click();
  await b.keyboard.press('Control+Home');
  await b.keyboard.type('We, the Mayors, ');
  await b.keyboard.press('Control+End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('Encourage pilot projects;');
  await expectSaved(b);

  // A's laptop restarts while still offline: its edits are there.
  const documentHash = new URL(a.url()).hash;
  await hostA.stop('SIGTERM');
  hostA = await launchHost(dirA);
  await a.context().close();
  a = await laptop(`${hostA.url}`);
  await a.goto(`${hostA.url.split('?')[0]}${documentHash}`);
  await expect(declarationText(a)).toContainText('resilient and sustainable');
  await expect(declarationText(a)).toContainText('Hereby agree to:');

  // The hub is back: everything merges, nothing either typed is lost, both hold the same text.
  // (Both split the last paragraph: each split is kept, so where the pieces stand is the model's
  // call; what must hold is that no piece is lost and both sides agree.)
  await launchHub(hubDir, port);
  const typed = ['We, the Mayors, ', 'Recognizing the role of capital cities, resilient', ' and sustainable', 'Hereby agree to:', 'Encourage pilot projects;'];
  for (const page of [a, b]) {
    for (const piece of typed) await expect(declarationText(page)).toContainText(piece, { timeout: 20_000 });
  }
  await expect.poll(async () => (await declarationText(a).innerText()) === (await declarationText(b).innerText())).toBe(true);
  await expectAllSynced(a);
  await expectAllSynced(b);
});

test('words a delegate types offline survive the secretariat moving, splitting and re-kinding those paragraphs meanwhile', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir);
  await newDeclaration(a);
  await declarationText(a).click();
  const lines = [
    'Recognizing the pace of urbanization in our capitals,',
    'Noting the plans for smart transport,',
    'Welcoming partnerships with the private sector and with universities,',
    'Encourage open data between cities;',
  ];
  for (const [index, line] of lines.entries()) {
    if (index > 0) await a.keyboard.press('Enter');
    await a.keyboard.type(line);
  }
  await expectSaved(a);

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');
  await b.getByRole('link', { name: /Draft declaration/ }).click();
  for (const line of lines) await expect(declarationText(b)).toContainText(line);

  const port = hub.port;
  await hub.stop('SIGKILL');
  await expect(hubStatus(a)).not.toContainText('Online');
  await expect(hubStatus(b)).not.toContainText('Online');

  // The secretariat, offline: moves the second paragraph up, splits the third in the middle and
  // makes the fourth an operative paragraph.
  await clickEndOf(a, 'Noting the plans');
  await a.keyboard.press('Alt+ArrowUp');
  const tail = 'and with universities,';
  await clickEndOf(a, 'Welcoming partnerships');
  for (let i = 0; i < tail.length; i += 1) await a.keyboard.press('ArrowLeft');
  await a.keyboard.press('Enter');
  await clickEndOf(a, 'Encourage open data');
  await a.keyboard.press('Control+Alt+5');
  await expect(paragraph(a, 'Noting the plans')).toHaveAttribute('data-kind', 'paragraph');
  await expect(declarationText(a).locator(':scope > *').first()).toContainText('Noting the plans');
  await expect(paragraph(a, tail)).not.toContainText('Welcoming');
  await expect(paragraph(a, 'Encourage open data')).toHaveAttribute('data-kind', 'op');
  await expectSaved(a);

  // The delegate, offline too: a word at the end of each of those paragraphs and of an untouched one.
  const words: Array<[string, string]> = [
    ['Recognizing the pace', ' and its promise'],
    ['Noting the plans', ' and cycling'],
    ['Welcoming partnerships', ' and research institutes'],
    ['Encourage open data', ' and their citizens'],
  ];
  for (const [where, typed] of words) {
    await clickEndOf(b, where);
    await b.keyboard.type(typed);
  }
  await expectSaved(b);
  await expect(hubStatus(b)).toContainText(/changes? not yet on the hub/);

  await launchHub(hubDir, port);
  for (const page of [a, b]) {
    await expectAllSynced(page);
    const text = declarationText(page);
    await expect(text).toContainText('Recognizing the pace of urbanization in our capitals, and its promise');
    await expect(text).toContainText('Noting the plans for smart transport, and cycling');
    await expect(text).toContainText('and with universities, and research institutes');
    await expect(text).toContainText('Encourage open data between cities; and their citizens');
    // And the secretariat's changes stand: moved, split, re-kinded.
    await expect(text.locator(':scope > *').first()).toContainText('Noting the plans');
    await expect(paragraph(page, 'Welcoming partnerships')).toHaveText('Welcoming partnerships with the private sector ');
    await expect(paragraph(page, 'Encourage open data')).toHaveAttribute('data-kind', 'op');
  }
  await expect.poll(async () => (await declarationText(a).innerText()) === (await declarationText(b).innerText())).toBe(true);
  await b.screenshot({ path: test.info().outputPath('merged-at-delegate.png'), fullPage: true });
});

test('an observer reads but cannot edit, and a revoked code is refused', async ({ laptop, makeDir, launchHost, launchHub }) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir, 'Secretariat');
  await newDeclaration(a);
  await declarationText(a).click();
  await a.keyboard.type('Adopted in Phnom Penh.');
  await expectSaved(a);

  const observer = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(observer, hub.url, invite(hubDir, meetingId, 'observer'), 'Press officer');
  await observer.getByRole('link', { name: /Draft declaration/ }).click();
  const text = declarationText(observer);
  await expect(text).toContainText('Adopted in Phnom Penh.');
  await expect(text).toHaveAttribute('contenteditable', 'false');
  await expect(observer.getByText('Observers can read but not edit this document.')).toBeVisible();
  await expect(observer.getByRole('button', { name: 'New declaration' })).toHaveCount(0);

  const code = invite(hubDir, meetingId, 'delegate', 'Vientiane');
  hubCli(hubDir, 'revoke', '--code', code);
  const late = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(late, hub.url, code, 'Late delegate');
  await expect(late.getByRole('dialog', { name: 'Join a meeting' }).getByRole('alert')).toContainText(
    'The hub does not know this invitation code, or it has been revoked.',
  );
});

test('the secretariat hosts a meeting on the local network and a delegate joins with a code it handed out', async ({ laptop, makeDir, launchHost }) => {
  // The in-app hub listens on loopback here; at a venue it listens on the LAN.
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const a = await laptop((await launchHost(makeDir())).url);
  delete process.env.ACCORD_LAN_BIND;
  await createMeeting(a);
  const meetingId = meetingIdOf(a);
  await a.getByRole('button', { name: 'Host on local network' }).click();
  // Nothing listens before the secretariat has read what hosting exposes, and said yes.
  const confirm = a.getByRole('dialog', { name: 'Host this meeting on the local network?' });
  await expect(confirm).toContainText(/Accord will accept connections on port \d+ from every network this computer is on/);
  await expect(confirm.getByRole('list', { name: 'Hub address' })).toContainText('127.0.0.1');
  await confirm.getByRole('button', { name: 'Start hosting' }).click();
  const dialog = a.getByRole('dialog', { name: 'Host this meeting on the local network', exact: true });
  // The address appears once the in-app hub is listening.
  const addressItem = dialog.getByRole('list', { name: 'Hub address' }).getByRole('listitem').first();
  await expect(addressItem).toHaveText(/^ws:\/\//);
  const address = (await addressItem.innerText()).trim();
  expect(address).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  await dialog.getByLabel('Delegation').fill('Phnom Penh');
  await dialog.getByRole('button', { name: 'Create code' }).click();
  const code = (await dialog.getByLabel('Invitation code').innerText()).trim();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(hubStatus(a)).toContainText('Hosting on the local network');

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, address, code, 'Dara');
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await expectAllSynced(b);

  await newDeclaration(a);
  await declarationText(a).click();
  await a.keyboard.type('Hereby agree to strengthen city-to-city cooperation;');
  await b.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(b)).toContainText('Hereby agree to strengthen city-to-city cooperation;');

  // The delegation's own draft is listed apart from the meeting's official documents, on both laptops.
  await b.goBack();
  await expect(b.getByRole('heading', { level: 2, name: 'Delegations’ documents' })).toHaveCount(0);
  await newDeclaration(b);
  await declarationText(b).click();
  await b.keyboard.type('Phnom Penh proposes a cooperation fund;');
  await expectSaved(b);
  for (const page of [a, b]) {
    await page.goto(`${page.url().split('#')[0]}#/meeting/${meetingId}`);
    const official = page.getByRole('list', { name: 'Documents', exact: true });
    const delegations = page.getByRole('list', { name: 'Delegations’ documents', exact: true });
    await expect(official.getByRole('link')).toHaveCount(1);
    await expect(official.getByRole('link', { name: /^Declaration Draft declaration Edited/ })).toBeVisible();
    await expect(delegations.getByRole('link')).toHaveCount(1);
    await expect(delegations.getByRole('link', { name: /Draft declaration 2 Phnom Penh/ })).toBeVisible();
  }
  await a.getByRole('list', { name: 'Delegations’ documents' }).getByRole('link').click();
  await expect(declarationText(a)).toContainText('Phnom Penh proposes a cooperation fund;');
});

test('the secretariat stops hosting a meeting on the local network, then publishes the same meeting to a hub', async ({ laptop, makeDir, launchHost, launchHub }) => {
  test.setTimeout(120_000);
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const a = await laptop((await launchHost(makeDir())).url);
  delete process.env.ACCORD_LAN_BIND;
  await createMeeting(a);
  const { address, code } = await hostWithCode(a, 'Phnom Penh');
  const dialog = hostingDialog(a);
  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, address, code, 'Dara');
  await expectAllSynced(b);

  await a.getByRole('button', { name: 'Invitations' }).click();
  await dialog.getByRole('button', { name: 'Stop hosting' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Connected delegates are disconnected; their edits stay on their laptops');
  await a.screenshot({ path: test.info().outputPath('stop-hosting.png') });
  await dialog.getByRole('button', { name: 'Stop hosting now' }).click();
  await expect(dialog).toBeHidden();
  await expect(a.getByRole('button', { name: 'Host on local network' })).toBeVisible();
  await expect(hubStatus(b)).not.toContainText('Online', { timeout: 15_000 });

  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  await publishToHub(a, hub, hubDir);
  await expectAllSynced(a);
});

test('each screen left idle asks main nothing: what changes is pushed to it', async ({ laptop, makeDir, launchHost, launchHub }) => {
  test.setTimeout(120_000);
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  // Every API request the window sends, on whichever connection it opens from now on.
  const calls: string[] = [];
  a.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('"t":"call"')) calls.push(frame.payload);
    }),
  );
  await a.reload();
  const idle = async (screen: string) => {
    await a.waitForTimeout(1000);
    const before = calls.length;
    await a.waitForTimeout(10_000);
    expect(calls.slice(before), `requests sent by the idle ${screen}`).toEqual([]);
  };
  await expect(a.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await idle('list of meetings');

  await createMeeting(a);
  await publishToHub(a, hub, hubDir);
  await expectAllSynced(a);
  await idle('meeting screen');

  await newDeclaration(a);
  await declarationText(a).click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await expectAllSynced(a);
  await idle('declaration screen');
  // The count is real: the actions in between did send requests.
  expect(calls.length).toBeGreaterThan(3);
  // And what changes still shows: the hub goes away, and the window says so.
  await hub.stop('SIGKILL');
  await expect(hubStatus(a)).not.toContainText('Online');
});

test('a change the hub refuses is said in the window with the hub’s reason and set aside, and the next words in the paragraph reach the hub', async ({ laptop, makeDir, launchHost, launchHub }) => {
  const hubDir = makeDir();
  // A hub whose rooms may hold 64 KB at most.
  const hub = await launchHub(hubDir, 0, ['--max-room-mb', '0.0625']);
  const host = await launchHost(makeDir());
  const a = await laptop(host.url);
  await createMeeting(a);
  await publishToHub(a, hub, hubDir);
  await newDeclaration(a);
  const editor = declarationText(a);
  await editor.click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await expectAllSynced(a);

  // A paste larger than the room may hold.
  await editor.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Annex. '.repeat(12_000));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expectSaved(a);
  const warning = hubStatus(a).getByRole('alert');
  await expect(warning).toContainText('The hub refused a change: This room has reached its size limit');
  await expect(warning).toContainText('It was set aside and kept on this laptop');
  await expect(warning).toContainText('It held: “Annex. Annex.');
  // The document follows the hub's copy again: without the paste, with everything before it.
  await expect(editor).not.toContainText('Annex.');
  await expect(editor).toContainText('Recognizing the role of capital cities,');
  await editor.getByText('Recognizing the role of capital cities,').click();
  await a.keyboard.press('End');
  await a.keyboard.type(' and of their mayors');
  await expectAllSynced(a);
  await expect(editor).toContainText('Recognizing the role of capital cities, and of their mayors');
  await warning.getByRole('button', { name: 'Dismiss' }).click();
  await expect(warning).toBeHidden();
});

test('a comment a modified client signs with another delegation’s name shows as unverified, with the seat the hub recorded', async ({ laptop, makeDir, launchHost, launchHub }) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir);
  await newDeclaration(a);
  await declarationText(a).click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await expectAllSynced(a);
  const documentId = /#\/document\/([a-z0-9-]+)/.exec(a.url())![1]!;

  // Manila's delegation runs a modified client: a plain Yjs client that signs as Hanoi.
  const code = invite(hubDir, meetingId, 'delegate', 'Manila');
  const forger = new Y.Doc();
  const provider = new WebsocketProvider(hub.url, `doc/${meetingId}/${documentId}`, forger, {
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { Authorization: `Bearer ${code}` } });
      }
    } as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await expect.poll(() => provider.synced).toBe(true);
    startThread(forger, { threadId: 'thread-forged-0001', quote: 'capital cities', text: 'Hanoi withdraws its proposal.', author: { name: 'Head of Hanoi', role: 'delegate', delegation: 'Hanoi' }, at: Date.now() });
    const comment = a.getByRole('listitem').filter({ hasText: 'Hanoi withdraws its proposal.' });
    await expect(comment).toContainText('Head of Hanoi');
    await expect(comment).toContainText('Unverified: recorded from Manila');

    // It brackets words for Hanoi too: proposed by Hanoi, recorded by Manila's client.
    const paragraph = readParagraphs(forger)[0]!;
    const at = paragraph.text.toString().indexOf('capital');
    expect(bracketRange(forger, paragraph.id, at, at + 'capital'.length, ['Hanoi']).ok).toBe(true);
    const wording = declarationText(a).locator('[data-proposers]').first();
    await expect(wording).toHaveText('capital');
    await wording.click();
    const detail = a.getByRole('group', { name: 'Bracket' });
    await expect(detail).toContainText('Proposed by Hanoi');
    await expect(detail).toContainText('Recorded by Manila');
  } finally {
    provider.destroy();
  }
});

test('two participants whose names once hashed to the same colour show in different colours, and the first keeps hers when the second arrives', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  // "Dara (Secretariat)" and "Thida" share a colour under the old name hash (see presenceColors.test.ts).
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir, 'Dara (Secretariat)');
  await newDeclaration(a);
  await declarationText(a).click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await expectAllSynced(a);

  const dot = (page: Page, name: string) =>
    page
      .getByRole('complementary', { name: 'Participants' })
      .getByRole('listitem')
      .filter({ hasText: name })
      .locator('.participant__dot')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
  const daraAlone = await dot(a, 'Dara (Secretariat)');

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Thida');
  await b.getByRole('link', { name: /Draft declaration/ }).click();
  await declarationText(b).click();
  await b.keyboard.press('End');
  await expect(a.getByRole('complementary', { name: 'Participants' })).toContainText('Thida');
  await expect(b.getByRole('complementary', { name: 'Participants' })).toContainText('Dara (Secretariat)');

  // Both windows agree on both colours, the two differ, and Dara's has not changed.
  await expect.poll(() => dot(b, 'Dara (Secretariat)')).toBe(daraAlone);
  await expect.poll(() => dot(a, 'Thida')).toBe(await dot(b, 'Thida'));
  expect(await dot(a, 'Dara (Secretariat)')).toBe(daraAlone);
  expect(await dot(a, 'Thida')).not.toBe(daraAlone);
  // Thida's cursor at Dara's window is drawn in Thida's colour.
  const thidaCursor = a.locator('.collab-cursor', { has: a.locator('.collab-cursor__name', { hasText: 'Thida' }) });
  await expect.poll(() => thidaCursor.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(await dot(a, 'Thida'));
  await a.screenshot({ path: test.info().outputPath('two-participants.png') });
});
