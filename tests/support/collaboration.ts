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

/** The hosting dialog of a meeting this laptop hosts on the local network. */
export function hostingDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Host this meeting on the local network', exact: true });
}

/**
 * Hosts the meeting on screen on the local network (confirmed as a secretariat does) and creates a
 * delegate's code; returns the first address delegates reach it at and the code. The hosting dialog
 * is closed again.
 */
export async function hostWithCode(page: Page, delegation: string): Promise<{ address: string; code: string }> {
  await page.getByRole('button', { name: 'Host on local network' }).click();
  await page.getByRole('dialog', { name: 'Host this meeting on the local network?' }).getByRole('button', { name: 'Start hosting' }).click();
  const dialog = hostingDialog(page);
  const address = (await dialog.getByRole('list', { name: 'Hub address' }).getByRole('listitem').first().innerText()).trim();
  await dialog.getByLabel('Delegation').fill(delegation);
  await dialog.getByRole('button', { name: 'Create code' }).click();
  const code = (await dialog.getByLabel('Invitation code').innerText()).trim();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { address, code };
}

/** Stops hosting the meeting on screen, from its hosting dialog opened by `button`, and confirms it. */
export async function stopHosting(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = hostingDialog(page);
  await dialog.getByRole('button', { name: 'Stop hosting' }).click();
  await dialog.getByRole('button', { name: 'Stop hosting now' }).click();
  await expect(dialog).toBeHidden();
}
