import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMeeting, declarationText, expectSaved, PHNOM_PENH } from '../support/accordPage';
import { meetingIdOf } from '../support/collaboration';
import { expect, test } from '../support/fixtures';

const EARLIER_STATE = readFileSync(fileURLToPath(new URL('../fixtures/legacy/clauses.bin', import.meta.url)));

/** An .accord file as the previous release wrote it: a declaration in Lexical's own Yjs layout. */
function earlierAccordFile(meetingId: string): string {
  const blob = { base64: EARLIER_STATE.toString('base64'), sha256: createHash('sha256').update(EARLIER_STATE).digest('hex') };
  const by = { name: 'Sophea', delegation: null, role: 'secretariat' };
  return JSON.stringify({
    format: 'accord-document',
    formatVersion: 1,
    exportedAt: 1,
    exportedBy: by,
    document: { id: 'declaration-from-earlier-release', title: 'Phnom Penh Declaration', meetingId, meetingTitle: PHNOM_PENH.title, createdAt: 1 },
    state: blob,
    versions: [{ id: 'version-from-earlier-release', label: 'Rev.1', status: 'draft', origin: 'saved', author: by, createdAt: 1, circulated: null, state: blob }],
  });
}

test('a declaration from the previous release opens read-only, and the secretariat converts it once with every word', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  const file = test.info().outputPath('earlier.accord');
  writeFileSync(file, earlierAccordFile(meetingIdOf(page)));
  await page.getByLabel('Choose an Accord document file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported “Phnom Penh Declaration”');
  await page.getByRole('link', { name: /Phnom Penh Declaration/ }).click();

  const text = declarationText(page);
  await expect(page.getByRole('note')).toContainText('written by an earlier version of Accord');
  await expect(text).toContainText('Phnom Penh Declaration on Liveable Cities');
  await expect(text).toHaveAttribute('contenteditable', 'false');
  const earlierWords = await text.innerText();
  await page.screenshot({ path: test.info().outputPath('earlier-format.png'), fullPage: true });

  await page.getByRole('button', { name: 'Convert' }).click();
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(text).toHaveAttribute('contenteditable', 'true');
  await expect.poll(() => text.innerText()).toBe(earlierWords);
  // The converted declaration is drafted on as any other.
  await text.locator('[data-kind="title"]').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' and Communities');
  await expect(text.locator('[data-kind="title"]')).toContainText('Liveable Cities and Communities');
  await expectSaved(page);

  await page.getByRole('link', { name: /Back to/ }).click();
  await expect(page.getByRole('link', { name: /Phnom Penh Declaration \(before conversion\)/ })).toBeVisible();
  await page.getByRole('link', { name: /Phnom Penh Declaration \(before conversion\)/ }).click();
  await expect(page.getByRole('note')).toContainText('the copy from before the conversion');
  await expect(text).not.toContainText('and Communities');
  await page.getByRole('link', { name: 'Open the converted declaration' }).click();
  await expect(text).toContainText('Liveable Cities and Communities');
});
