import type { Page } from '@playwright/test';
import { createMeeting, PHNOM_PENH } from '../support/accordPage';
import { meetingIdOf } from '../support/collaboration';
import { expect, test } from '../support/fixtures';

/** A meeting's card in the list of meetings, found by its title. */
function card(page: Page, title: string) {
  return page.getByRole('list', { name: 'Meetings' }).getByRole('link', { name: `Open ${title}` });
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
  await expect(corrected).toContainText(/5\s*–\s*6 December 2022/);
  await expect(card(page, PHNOM_PENH.title)).toHaveCount(0);

  // Kept, not just shown: after a restart the correction is what Accord reads.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  const again = await launchHost();
  await page.goto(again.url);
  await expect(corrected).toContainText(/5\s*–\s*6 December 2022/);
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
