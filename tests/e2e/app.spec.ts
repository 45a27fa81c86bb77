import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { km } from '../../shared/i18n/ui/km';
import { createMeeting, declarationText, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expect, test } from '../support/fixtures';

test('a new meeting appears on the home screen with its place and dates', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await expect(page.getByText('No meetings yet.')).toBeVisible();
  await createMeeting(page);
  await expect(page.getByText('Phnom Penh, Cambodia · 2 December 2022 · Hosted by Phnom Penh')).toBeVisible();
  await page.getByRole('link', { name: 'All meetings' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }) });
  await expect(card).toContainText('Hosted by Phnom Penh');
  // The whole card opens the meeting, not only its title: here a click at its right edge.
  const box = (await card.boundingBox())!;
  await card.click({ position: { x: box.width - 16, y: box.height / 2 } });
  await expect(page.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
});

test('the new-meeting form says what is wrong instead of creating a bad meeting', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New meeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'New meeting' });
  await dialog.getByLabel('Title').fill('Smart Cities Network annual meeting');
  await dialog.getByLabel('Start date').fill('2020-09-10');
  await dialog.getByLabel('End date').fill('2020-09-09');
  await dialog.getByRole('button', { name: 'Create meeting' }).click();
  await expect(dialog.getByText('This field is required.').first()).toBeVisible();
  await expect(dialog.getByText('The meeting cannot end before it starts.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No meetings yet.')).toBeVisible();
});

test('the interface switches to Vietnamese from the settings menu and stays so after a restart', async ({ page, launchHost }) => {
  let host = await launchHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitemradio', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cuộc họp' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cuộc họp mới' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  // Quitting Accord closes its window with it.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  host = await launchHost();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Cuộc họp' })).toBeVisible();
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
});

test('the interface reads in Khmer, in a Khmer face, and the clause palette says its library is English and Vietnamese', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitemradio', { name: 'ខ្មែរ' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await declarationText(page, km).click();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: km.palette.title });
  await expect(palette).toContainText(km.palette.libraryLanguages);
  await page.screenshot({ path: test.info().outputPath('khmer-palette.png') });
  await page.keyboard.press('Escape');
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: km.meetings.heading })).toBeVisible();
  // The Khmer face is the one that draws it, not a system fallback.
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Khmer"', 'ខ្មែរ'))).toBe(true);
  await page.screenshot({ path: test.info().outputPath('khmer-home.png') });
});

test('an unreadable database shows which file is wrong, and the file is left untouched', async ({ page, dataDir, launchHost }) => {
  const file = join(dataDir, 'accord.sqlite');
  writeFileSync(file, 'Minutes of the 3rd annual meeting, saved over the database by mistake.\n');
  const before = createHash('sha256').update(readFileSync(file)).digest('hex');
  const host = await launchHost();
  await page.goto(host.url);
  const alert = page.getByRole('alert');
  await expect(page.getByRole('heading', { name: 'Accord cannot open its data' })).toBeVisible();
  await expect(alert).toContainText(file);
  await expect(alert).toContainText('left exactly as it was');
  // Quitting Accord closes its window with it.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
});

test('the host refuses a browser that was not given its address with the secret', async ({ page, launchHost }) => {
  const host = await launchHost();
  const bare = host.url.split('?')[0]!;
  const response = await page.goto(bare);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Open Accord with the address it printed')).toBeVisible();
});

test('a window whose Accord was restarted says how to reopen it, instead of reconnecting forever', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await host.stop('SIGTERM');
  await expect(page.getByRole('alert')).toContainText('Reconnecting');
  // A new Accord, under a new address and key: this window's can never connect to it.
  await launchHost();
  await expect(page.getByRole('alert')).toContainText('open Accord again from the address it printed when it started', { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('services-gone.png') });
});
