import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createMeeting, PHNOM_PENH } from '../support/accordPage';
import { expectAllSynced, hubStatus, publishToHub } from '../support/collaboration';
import { expect, test } from '../support/fixtures';

test.describe.configure({ timeout: 180_000 });

/** Where the screenshots are kept for a person to look at, besides the test's own output. */
const SHOTS = process.env.ACCORD_INVITES_SHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(name);
  await page.screenshot({ path });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path, `${SHOTS}/${name}`);
  }
}

/** Pastes text into a field the way a person does: from the clipboard, with the keyboard. */
async function paste(page: Page, field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press('Control+V');
}

test('invitations created and revoked from the app on a headless hub', async ({ laptop, makeDir, launchHost, launchHub }) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await a.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await createMeeting(a);
  await publishToHub(a, hub, hubDir);

  // The secretariat hands out a delegate's code from the meeting screen, without the hub's command line.
  await a.getByRole('button', { name: 'Invitations' }).click();
  const dialog = a.getByRole('dialog', { name: 'Invitations to this meeting' });
  await expect(dialog).toContainText(`on its hub, ${hub.url}.`);
  const own = dialog.getByRole('listitem').filter({ hasText: 'This laptop’s code' });
  await expect(own).toContainText('Secretariat');
  await expect(own.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await dialog.getByLabel('Delegation').fill('Ha Noi');
  await dialog.getByRole('button', { name: 'Create code' }).click();
  const row = dialog.getByRole('listitem').filter({ hasText: 'Ha Noi' });
  const code = (await row.getByLabel('Invitation code').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  const link = (await row.getByLabel('Join link').innerText()).trim();
  expect(link).toBe(`${hub.url.replace('ws://', 'http://')}/join#code=${code}`);
  await row.getByRole('button', { name: 'Copy link' }).click();
  await expect(row.getByRole('status')).toHaveText('Link copied');
  expect(await a.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // The card carries the meeting, who it is for, the hub, the code and a QR code of the link.
  await row.getByRole('button', { name: 'Print card' }).click();
  const card = a.getByRole('dialog', { name: 'Invitation card' });
  await expect(card.getByRole('heading', { name: PHNOM_PENH.title })).toBeVisible();
  await expect(card).toContainText('Delegate of Ha Noi');
  await expect(card).toContainText(hub.url);
  await expect(card).toContainText(code);
  await expect(card.getByRole('img', { name: 'QR code of the join link' })).toBeVisible();
  await card.getByRole('button', { name: 'Close' }).click();
  await expect(card).toBeHidden();

  // The link opens the hub's page, which says what to do with it.
  const page = await a.context().newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join a meeting in Accord' })).toBeVisible();
  await expect(page.getByText('On its home screen, choose Join meeting.')).toBeVisible();
  await page.close();

  // A delegate pastes the whole link into the Join dialog and is in.
  const b = await laptop((await launchHost(makeDir())).url);
  await b.getByRole('button', { name: 'Join meeting' }).click();
  const join = b.getByRole('dialog', { name: 'Join a meeting' });
  await paste(b, join.getByLabel('Hub address'), link);
  await expect(join.getByLabel('Hub address')).toHaveValue(hub.url);
  await expect(join.getByLabel('Invitation code')).toHaveValue(code);
  await join.getByLabel('Your name').fill('Lan');
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await expect(hubStatus(b)).toContainText('You: Delegate (Ha Noi)');
  await expectAllSynced(b);
  // Only the secretariat hands out codes.
  await expect(b.getByRole('button', { name: 'Invitations' })).toHaveCount(0);

  // The secretariat revokes the code: the delegate's app is sent away, and kept out.
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByLabel('Join link')).toHaveCount(0);
  await expect(hubStatus(b)).toContainText('Refused by the hub', { timeout: 5000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const late = await laptop((await launchHost(makeDir())).url);
  await late.getByRole('button', { name: 'Join meeting' }).click();
  const lateJoin = late.getByRole('dialog', { name: 'Join a meeting' });
  await lateJoin.getByLabel('Invitation code').fill(link);
  await lateJoin.getByLabel('Your name').fill('Lan again');
  await lateJoin.getByRole('button', { name: 'Join' }).click();
  await expect(lateJoin.getByRole('alert')).toContainText('The hub does not know this invitation code, or it has been revoked.');
});

test('a pasted join link fills the Join dialog, and a link that is not one is refused by its field', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  const join = page.getByRole('dialog', { name: 'Join a meeting' });
  const hubField = join.getByLabel('Hub address');
  const codeField = join.getByLabel('Invitation code');

  await paste(page, codeField, 'ftp://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R');
  await expect(join.getByRole('alert')).toHaveText('A join link starts with https:// (or http:// on a local network).');
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  // Nothing is sent while the field holds a link that is not one.
  await join.getByLabel('Your name').fill('Dara');
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(join.getByRole('alert')).toHaveCount(1);

  await codeField.fill('');
  await paste(page, codeField, 'https://hub.example.org/join#code=K7QP-2M9X');
  await expect(join.getByRole('alert')).toHaveText('This link does not carry a whole invitation code after #code=.');

  await codeField.fill('');
  await paste(page, codeField, ' https://Hub.Example.org:8443/join#code=k7qp2m9x4twahc3r ');
  await expect(hubField).toHaveValue('wss://hub.example.org:8443');
  await expect(codeField).toHaveValue('K7QP-2M9X-4TWA-HC3R');
  await expect(join.getByRole('status')).toHaveText('Hub address and code filled in from the join link.');
  await expect(join.getByRole('alert')).toHaveCount(0);

  // A plain hub address typed afterwards is just an address.
  await hubField.fill('ws://192.168.1.10:4455');
  await expect(hubField).toHaveValue('ws://192.168.1.10:4455');
  await expect(codeField).toHaveValue('K7QP-2M9X-4TWA-HC3R');
});

test('the invitations dialog and the printable card read well in English, Vietnamese and Khmer', async ({ laptop, makeDir, launchHost, launchHub }) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  await publishToHub(a, hub, hubDir);

  for (const [language, suffix, button, cardName] of [
    ['English', 'en', 'Invitations', 'Invitation card'],
    ['Tiếng Việt', 'vi', 'Lời mời', 'Thẻ mời'],
    ['ខ្មែរ', 'km', 'ការអញ្ជើញ', 'កាតអញ្ជើញ'],
  ] as const) {
    if (language !== 'English') {
      await a.getByRole('button', { name: /Settings|Cài đặt/ }).click();
      await a.getByRole('menuitemradio', { name: language }).click();
      await expect(a.locator('html')).toHaveAttribute('lang', suffix);
    }
    await a.getByRole('button', { name: button, exact: true }).click();
    const opened = a.getByRole('dialog').first();
    // A code is shown once, so each language's view makes its own.
    await opened.getByLabel(/Delegation|Phái đoàn|គណៈប្រតិភូ/).fill(suffix === 'km' ? 'ភ្នំពេញ' : suffix === 'vi' ? 'Hà Nội' : 'Vientiane');
    await opened.locator('form').getByRole('button').click();
    await expect(opened.locator('.invitation__url')).toHaveCount(1);
    await shoot(a, `invitations-${suffix}.png`);
    await opened.locator('.invitation__actions').getByRole('button').nth(1).click();
    const card = a.getByRole('dialog', { name: cardName });
    await expect(card.getByRole('img')).toBeVisible();
    await shoot(a, `card-${suffix}.png`);
    await a.emulateMedia({ media: 'print' });
    await shoot(a, `card-print-${suffix}.png`);
    await a.emulateMedia({ media: 'screen' });
    await card.locator('.card__actions button').first().click();
    await opened.locator('.dialog__actions button').last().click();
    await expect(a.getByRole('dialog')).toHaveCount(0);
  }
});
