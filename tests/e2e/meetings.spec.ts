import type { Page } from '@playwright/test';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expectAllSynced, hubStatus, joinMeeting, meetingIdOf, publishToHub } from '../support/collaboration';
import { expect, test } from '../support/fixtures';
import { invite } from '../support/hub';

/** A meeting's card in the list of meetings, found by its title. */
function card(page: Page, title: string) {
  return page.getByRole('list', { name: 'Meetings' }).getByRole('link', { name: `Open ${title}` });
}

/** The whole card: its details sit beside its link, which holds the title alone. */
function cardItem(page: Page, title: string) {
  return page.getByRole('list', { name: 'Meetings' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: `Open ${title}` }) });
}

test('the secretariat corrects a meeting’s title and dates, and the meeting screen and the list show them', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit meeting details' });
  // The form opens on the meeting as it stands.
  await expect(dialog.getByLabel('Title')).toHaveValue(PHNOM_PENH.title);
  await expect(dialog.getByLabel('Start date')).toHaveValue(PHNOM_PENH.startDate);

  await dialog.getByLabel('Title').fill('Twelfth Meeting of Governors and Mayors of ASEAN Capitals');
  await dialog.getByLabel('Start date').fill('2022-12-05');
  await dialog.getByLabel('End date').fill('2022-12-04');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog.getByText('The meeting cannot end before it starts.')).toBeVisible();
  await dialog.getByLabel('End date').fill('2022-12-06');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByRole('heading', { level: 1, name: 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals' })).toBeVisible();
  await expect(page.getByText(/^Phnom Penh, Cambodia · 5\s*–\s*6 December 2022 · Hosted by Phnom Penh$/)).toBeVisible();
  await page.getByRole('link', { name: 'All meetings' }).click();
  const corrected = card(page, 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals');
  await expect(cardItem(page, 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals')).toContainText(/5\s*–\s*6 December 2022/);
  await expect(card(page, PHNOM_PENH.title)).toHaveCount(0);
  // A meeting never shared is this computer's alone, and its user its secretariat.
  await expect(corrected).toHaveAccessibleDescription('Local only, on this computer · You: Secretariat');

  // Kept, not just shown: after a restart the correction is what Accord reads.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  const again = await launchHost();
  await page.goto(again.url);
  await expect(cardItem(page, 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals')).toContainText(/5\s*–\s*6 December 2022/);
});

test('the meeting screen shows its id, and Copy puts it on the clipboard and says so', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await page.goto(host.url);
  await createMeeting(page);
  const meetingId = meetingIdOf(page);
  await expect(page.getByText(`Meeting ID ${meetingId}`)).toBeVisible();
  await page.getByRole('button', { name: 'Copy meeting ID' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(meetingId);
});

test('the list says a meeting is hosted on this computer’s local network', async ({ laptop, makeDir, launchHost }) => {
  // The in-app hub listens on loopback here; at a venue it listens on the LAN.
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const a = await laptop((await launchHost(makeDir())).url);
  delete process.env.ACCORD_LAN_BIND;
  await createMeeting(a);
  await a.getByRole('button', { name: 'Host on local network' }).click();
  await a.getByRole('dialog', { name: 'Host this meeting on the local network?' }).getByRole('button', { name: 'Start hosting' }).click();
  const dialog = a.getByRole('dialog', { name: 'Host this meeting on the local network', exact: true });
  const addressItem = dialog.getByRole('list', { name: 'Hub address' }).getByRole('listitem').first();
  await expect(addressItem).toHaveText(/^ws:\/\/127\.0\.0\.1:\d+$/);
  const address = new URL((await addressItem.innerText()).trim()).host;
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(hubStatus(a)).toContainText('Hosting on the local network');
  await a.getByRole('link', { name: 'All meetings' }).click();
  await expect(card(a, PHNOM_PENH.title)).toHaveAccessibleDescription(`Hosted on this computer’s local network (${address}) · You: Secretariat`);
});

test('a delegate cannot edit the particulars but sees the correction, and the list shows the hub, the role and unsent changes as they change', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  test.setTimeout(120_000);
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir);
  const hubHost = new URL(hub.url).host;

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await expectAllSynced(b);
  await expect(b.getByRole('button', { name: 'Host on local network' })).toHaveCount(0);
  await expect(b.getByRole('button', { name: 'Edit details' })).toHaveCount(0);

  // The secretariat's correction reaches the delegate's meeting screen as it is made.
  await a.getByRole('button', { name: 'Edit details' }).click();
  const dialog = a.getByRole('dialog', { name: 'Edit meeting details' });
  await dialog.getByLabel('End date').fill('2022-12-03');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(b.getByText(/^Phnom Penh, Cambodia · 2\s*–\s*3 December 2022 · Hosted by Phnom Penh$/)).toBeVisible();

  // The delegate's list, left open, follows the hub and the secretariat without being reloaded.
  await b.getByRole('link', { name: 'All meetings' }).click();
  const listed = card(b, PHNOM_PENH.title);
  await expect(listed).toHaveAccessibleDescription(`Hub at ${hubHost} · Online · You: Delegate of Ha Noi · All changes synced`);
  await a.getByRole('button', { name: 'Edit details' }).click();
  await dialog.getByLabel('Title').fill('Twelfth Meeting of Governors and Mayors of ASEAN Capitals');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(card(b, 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals')).toBeVisible();
  await hub.stop('SIGKILL');
  const renamed = card(b, 'Twelfth Meeting of Governors and Mayors of ASEAN Capitals');
  await expect(renamed).toHaveAccessibleDescription(`Hub at ${hubHost} · Offline · You: Delegate of Ha Noi · All changes synced`);

  // Drafting on while the hub is down: the list counts what the hub has not got.
  await renamed.click();
  await newDeclaration(b);
  await declarationText(b).click();
  await b.keyboard.type('Encourage pilot projects;');
  await expectSaved(b);
  await b.getByRole('link', { name: /Back to/ }).click();
  await b.getByRole('link', { name: 'All meetings' }).click();
  await expect(renamed).toHaveAccessibleDescription(new RegExp(`^Hub at ${hubHost.replace(/\./g, '\\.')} · Offline · You: Delegate of Ha Noi · \\d+ changes? not yet on the hub$`));
});

test('the secretariat archives a document and the meeting and brings them back; a delete goes to the bin and is restored whole', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page);
  await declarationText(page).click();
  await page.keyboard.type('Kept through archive and bin;');
  await expectSaved(page);
  await page.getByRole('link', { name: /Back to/ }).click();

  const documents = page.getByRole('list', { name: 'Documents', exact: true });
  await page.getByRole('button', { name: 'Archive “Draft declaration”' }).click();
  await expect(page.getByText('No documents yet')).toBeVisible();
  await page.getByText('Archived documents (1)').click();
  await page.getByRole('button', { name: 'Bring back “Draft declaration”' }).click();
  await expect(documents.getByRole('link', { name: /Draft declaration/ })).toBeVisible();

  await page.getByRole('button', { name: 'Archive meeting' }).click();
  await expect(page.getByText('Archived by the secretariat, for every participant.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('archived-meeting.png') });
  await page.getByRole('link', { name: 'All meetings' }).click();
  await expect(page.getByRole('list', { name: 'Meetings' })).toHaveCount(0);
  await page.getByText('Archived meetings (1)').click();
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await page.getByRole('button', { name: 'Bring meeting back' }).click();
  await expect(page.getByText('Archived by the secretariat, for every participant.')).toHaveCount(0);

  await page.getByRole('button', { name: 'Move to bin: “Draft declaration”' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is in the bin' })).toContainText('“Draft declaration” is in the bin.');
  await expect(page.getByText('No documents yet')).toBeVisible();
  await page.getByRole('button', { name: 'Move meeting to bin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await expect(page.getByText('No meetings yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Bin' }).click();
  const bin = page.getByRole('list', { name: 'Bin' });
  await expect(bin.getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('bin.png') });
  await bin.getByRole('button', { name: `Restore “${PHNOM_PENH.title}”` }).click();
  await expect(bin.getByRole('listitem')).toHaveCount(1);
  await bin.getByRole('button', { name: 'Restore “Draft declaration”' }).click();
  await expect(page.getByText('The bin is empty.')).toBeVisible();
  await page.getByRole('link', { name: 'All meetings' }).click();
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await page.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(page)).toContainText('Kept through archive and bin;');
});
