import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { en } from '../../shared/i18n/ui/en';
import { km } from '../../shared/i18n/ui/km';
import { vi } from '../../shared/i18n/ui/vi';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { joinMeeting, publishToHub } from '../support/collaboration';
import { clickEndOf, selectWords } from '../support/draftingPage';
import { expect, test } from '../support/fixtures';
import { invite } from '../support/hub';
import type { Page } from '@playwright/test';

async function saveVersion(page: Page, label: string, status?: string): Promise<void> {
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save a version' });
  await expect(dialog.getByLabel('Version')).toHaveValue(label);
  if (status) await dialog.getByLabel('Status').selectOption({ label: status });
  await dialog.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('alert')).toContainText(`Saved version “${label}”.`);
}

function versionsDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Versions' });
}

test('Rev.1 and Rev.2 are saved, compared as a redline, and restoring Rev.1 reaches a second delegation', async ({
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
  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');

  await newDeclaration(a, 'Built from the meeting');
  const text = declarationText(a);
  await text.locator('[data-kind="op"]').click();
  await a.keyboard.type('Encourage data sharing between cities;');
  await expectSaved(a);
  await saveVersion(a, 'Rev.1');

  await clickEndOf(a, 'data sharing between cities');
  await a.keyboard.press('ArrowLeft');
  await a.keyboard.type(' under open standards');
  await a.keyboard.press('End');
  await a.keyboard.press('Enter');
  await a.keyboard.type('Promote clean public transport;');
  await expectSaved(a);
  await saveVersion(a, 'Rev.2', 'Ad referendum');

  // The second delegation has Rev.2's text.
  await b.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(b)).toContainText('under open standards');

  // Compare Rev.1 with Rev.2: the new words and the new paragraph, as a redline and side by side.
  await a.getByRole('button', { name: 'Versions' }).click();
  const versions = versionsDialog(a);
  await expect(versions.getByRole('row', { name: 'Rev.2' })).toContainText('Ad referendum');
  await versions.getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'Rev.1' });
  await versions.getByRole('combobox', { name: 'with' }).selectOption({ label: 'Rev.2' });
  await versions.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(a.getByRole('heading', { name: 'Rev.1 → Rev.2' })).toBeVisible();
  const comparison = a.getByRole('region', { name: 'Version comparison' });
  await expect(comparison).toContainText('1 added');
  await a.getByRole('radio', { name: 'Redline' }).check();
  await expect(comparison.locator('ins', { hasText: 'under open standards' })).toBeVisible();
  await expect(comparison.locator('.compare__row--added')).toContainText('Promote clean public transport;');
  await expect(comparison.locator('.compare__row--added')).toContainText('OP2');
  await a.screenshot({ path: test.info().outputPath('compare-redline.png'), fullPage: true });
  await a.getByRole('radio', { name: 'Side by side' }).check();
  await expect(comparison.getByRole('columnheader', { name: 'Rev.1' })).toBeVisible();
  await expect(comparison.getByRole('columnheader', { name: 'Rev.2' })).toBeVisible();
  await a.screenshot({ path: test.info().outputPath('compare-side-by-side.png'), fullPage: true });

  // Restore Rev.1: a new change, which the second delegation receives; what it replaced is kept.
  await a.getByRole('link', { name: /Back to/ }).click();
  await a.getByRole('button', { name: 'Versions' }).click();
  await versionsDialog(a).getByRole('button', { name: 'Restore Rev.1' }).click();
  await a.getByRole('alertdialog').getByRole('button', { name: 'Restore Rev.1' }).click();
  await expect(a.getByRole('alert')).toContainText('Restored “Rev.1”');
  await expect(text).not.toContainText('under open standards');
  await expect(text).not.toContainText('Promote clean public transport;');
  await expect(text).toContainText('Encourage data sharing between cities;');
  await expect(declarationText(b)).not.toContainText('under open standards');
  await expect(declarationText(b)).not.toContainText('Promote clean public transport;');
  await expect(declarationText(b)).toContainText('Encourage data sharing between cities;');
  // A delegate may look at versions but not restore them.
  await b.getByRole('button', { name: 'Versions' }).click();
  await expect(versionsDialog(b).getByRole('button', { name: /^Restore/ })).toHaveCount(0);

  await a.getByRole('button', { name: 'Versions' }).click();
  await expect(versionsDialog(a).getByRole('row', { name: 'Before restoring Rev.1' })).toContainText('Automatic, before a restore');
});

test('a saved version opens read-only, and an .accord file carries the draft to a laptop off the network', async ({
  page,
  laptop,
  makeDir,
  launchHost,
}) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  await declarationText(page).locator('[data-kind="op"]').click();
  await page.keyboard.type('Encourage data sharing between cities;');
  await expectSaved(page);
  await saveVersion(page, 'Rev.1');
  await declarationText(page).locator('[data-kind="pp"]').click();
  await page.keyboard.type('Recognizing the role of cities,');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Versions' }).click();
  await versionsDialog(page).getByRole('button', { name: 'Open Rev.1' }).click();
  const saved = page.getByRole('textbox', { name: 'Text of Rev.1' });
  await expect(saved).toContainText('Encourage data sharing between cities;');
  await expect(saved).not.toContainText('Recognizing the role of cities');
  await expect(saved).toHaveAttribute('contenteditable', 'false');
  await page.screenshot({ path: test.info().outputPath('version-read-only.png'), fullPage: true });
  await page.getByRole('link', { name: /Back to/ }).click();

  await page.getByRole('button', { name: 'Versions' }).click();
  const downloading = page.waitForEvent('download');
  await versionsDialog(page).getByRole('button', { name: 'Save to a file (.accord)…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Draft declaration.accord');
  const file = test.info().outputPath('Draft declaration.accord');
  await download.saveAs(file);

  const otherHost = await launchHost(makeDir());
  const other = await laptop(otherHost.url);
  await createMeeting(other);
  // A damaged file is refused, plainly, and nothing appears.
  const broken = test.info().outputPath('broken.accord');
  writeFileSync(broken, '{"format":"accord-document","formatVersion":1,"state":');
  await other.getByLabel('Choose an Accord document file').setInputFiles(broken);
  await expect(other.getByRole('alert')).toContainText('broken.accord was not imported: This is not an Accord document file (.accord), or it was cut short.');
  await expect(other.getByText('No documents yet')).toBeVisible();

  await other.getByLabel('Choose an Accord document file').setInputFiles(file);
  await expect(other.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported “Draft declaration” with 1 version.');
  await other.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(other)).toContainText('Recognizing the role of cities,');
  await other.getByRole('button', { name: 'Versions' }).click();
  await expect(versionsDialog(other).getByRole('row', { name: 'Rev.1' })).toBeVisible();

  // The same file given to another meeting goes to the meeting that holds the document, and says so.
  await other.goto(otherHost.url);
  await createMeeting(other, { ...PHNOM_PENH, title: 'Meeting of ASEAN Ministers' });
  await other.getByLabel('Choose an Accord document file').setInputFiles(file);
  const notice = other.getByRole('status').filter({ hasText: 'belongs to another meeting' });
  await expect(notice).toContainText(`“Draft declaration” belongs to another meeting, “${PHNOM_PENH.title}”: the file was merged into it there`);
  await expect(other.getByText('No documents yet')).toBeVisible();
  await notice.getByRole('button', { name: 'Open “Draft declaration”' }).click();
  await expect(declarationText(other)).toContainText('Recognizing the role of cities,');
});

test('your own name and delegation, given once in the settings, are on your versions and comments', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name: 'Your name and delegation…' }).click();
  const profile = page.getByRole('dialog', { name: 'Your name and delegation' });
  await profile.getByLabel('Your name').fill('Sophea Chan');
  await profile.getByLabel('Delegation or office (optional)').fill('ASCN Secretariat');
  await expect(profile.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('profile.png') });
  await profile.getByRole('button', { name: 'Save' }).click();
  await expect(profile).toBeHidden();

  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  await declarationText(page).locator('[data-kind="op"]').click();
  await page.keyboard.type('Encourage open data between cities;');
  await expectSaved(page);
  await saveVersion(page, 'Rev.1');
  await page.getByRole('button', { name: 'Versions' }).click();
  await expect(versionsDialog(page).getByRole('row', { name: 'Rev.1' })).toContainText('Sophea Chan');
  await versionsDialog(page).getByRole('button', { name: 'Close' }).click();

  await selectWords(page, 'open data', 'open data');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = page.getByRole('region', { name: 'Comments' });
  await comments.getByLabel('Comment', { exact: true }).fill('Which data?');
  await comments.getByRole('button', { name: 'Add comment' }).click();
  await expect(comments.getByRole('article', { name: 'Comment on “open data”' })).toContainText('Sophea Chan');

  // Kept: the settings menu names you after a restart of the window.
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('menuitem', { name: 'Sophea Chan… (change)' })).toBeVisible();
});

test('a redline PDF: Rev.1 and Rev.2 compared, saved as PDF and Word, whole or with the changes only', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  await declarationText(page).locator('[data-kind="op"]').click();
  await page.keyboard.type('Encourage data sharing between cities;');
  await expectSaved(page);
  await saveVersion(page, 'Rev.1');
  await selectWords(page, 'Encourage data sharing', 'between');
  await page.keyboard.type('among member');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Promote clean public transport;');
  await expectSaved(page);
  await saveVersion(page, 'Rev.2');

  await page.getByRole('button', { name: 'Versions' }).click();
  await versionsDialog(page).getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'Rev.1' });
  await versionsDialog(page).getByRole('combobox', { name: 'with' }).selectOption({ label: 'Rev.2' });
  await versionsDialog(page).getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Rev.1 → Rev.2' })).toBeVisible();
  await page.getByRole('radio', { name: 'Redline' }).check();
  const exporting = page.getByRole('region', { name: 'Export this comparison' });
  await expect(exporting).toContainText('Printed in the document’s language: English.');
  await page.screenshot({ path: test.info().outputPath('compare-export-en.png'), fullPage: true });

  const save = async (button: string) => {
    const downloading = page.waitForEvent('download');
    await exporting.getByRole('button', { name: button }).click();
    const download = await downloading;
    const file = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };
  const pdf = await save('Save redline PDF…');
  expect(basename(pdf)).toBe('Draft declaration (Comparison, Rev.1 – Rev.2).pdf');
  const printed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  const words = printed.replace(/\s+/g, ' ');
  // The deleted word and the inserted ones, both there: a redline, not the new text alone.
  expect(words).toMatch(/Encourage data sharing between ?among member cities;/);
  expect(words).toContain('Promote clean public transport;');
  expect(words).toMatch(/From Rev\.1 \(\d{1,2} \w+ \d{4}, \d\d:\d\d\) to Rev\.2 \(\d{1,2} \w+ \d{4}, \d\d:\d\d\)/);
  expect(words).toContain('Added');
  expect(words).toContain('Page 1 of 1');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, test.info().outputPath('redline-page1')]);

  await exporting.getByRole('checkbox', { name: 'Changes only' }).check();
  const changes = execFileSync('pdftotext', [await save('Save redline PDF…'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(changes).toContain('Changes only');
  expect(changes).toMatch(/OP1 1\. Encourage data sharing between ?among member cities;/);
  expect(changes).toContain('OP2 2. Promote clean public transport;');
  // The title and the parts nobody touched are left out of a list of amendments.
  expect(changes).not.toContain('Hereby');
  // On the paper chosen: Letter is 612 points wide.
  await exporting.getByRole('combobox', { name: 'Paper' }).selectOption('letter');
  const letter = await save('Save redline PDF…');
  expect(execFileSync('pdfinfo', [letter], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts/);

  const word = await save('Save redline Word file…');
  expect(basename(word)).toBe('Draft declaration (Comparison, Rev.1 – Rev.2, Changes only).docx');
  const runs = [...strFromU8(unzipSync(readFileSync(word))['word/document.xml']!).matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => r[1]!);
  const run = (text: string) => runs.find((r) => r.includes(`>${text}</w:t>`));
  expect(run('between')).toContain('<w:strike/>');
  expect(run('among')).toContain('<w:u w:val="single"/>');
  expect(run('member ')).toContain('<w:u w:val="single"/>');
  expect(run('Promote clean public transport;')).toContain('<w:u w:val="single"/>');

  // The same controls in every language of the interface.
  let settings = en.settings.button;
  for (const [language, words] of [['vi', vi], ['km', km]] as const) {
    await page.getByRole('button', { name: settings }).click();
    await page.getByRole('menuitemradio', { name: words.languages[language] }).click();
    settings = words.settings.button;
    const region = page.getByRole('region', { name: words.redlineExport.title });
    await expect(region.getByRole('button', { name: words.redlineExport.pdf })).toBeVisible();
    await expect(region.getByRole('button', { name: words.redlineExport.docx })).toBeVisible();
    await expect(region.getByRole('checkbox', { name: words.redlineExport.changesOnly })).toBeChecked();
    await page.screenshot({ path: test.info().outputPath(`compare-export-${language}.png`), fullPage: true });
  }
});
