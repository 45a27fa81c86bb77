import { expect, type Page } from '@playwright/test';
import { invite } from './hub';

/** Joins a meeting from the home screen, as a delegate does with the code the secretariat gave them. */
export async function joinMeeting(page: Page, hubUrl: string, code: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Join meeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a meeting' });
  await dialog.getByLabel('Hub address').fill(hubUrl);
  await dialog.getByLabel('Invitation code').fill(code);
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByRole('button', { name: 'Join' }).click();
}

export function hubStatus(page: Page) {
  return page.getByRole('status', { name: 'Hub connection' });
}

export async function expectAllSynced(page: Page): Promise<void> {
  await expect(hubStatus(page)).toContainText('Online');
  await expect(hubStatus(page)).toContainText('All changes synced');
}

export function meetingIdOf(page: Page): string {
  const match = /#\/meeting\/([a-z0-9-]+)/.exec(page.url());
  if (!match) throw new Error(`Not on a meeting screen: ${page.url()}`);
  return match[1]!;
}

/**
 * The secretariat publishes the meeting open on `page` to a hub with a secretariat code of its
 * own, from the home screen, and waits until the hub holds it all. Returns the meeting's id.
 */
export async function publishToHub(page: Page, hub: { url: string }, hubDir: string, name = 'Sophea (Secretariat)'): Promise<string> {
  const meetingId = meetingIdOf(page);
  await page.getByRole('link', { name: 'All meetings' }).click();
  await joinMeeting(page, hub.url, invite(hubDir, meetingId, 'secretariat'), name);
  await expectAllSynced(page);
  return meetingId;
}
