import { execFileSync } from 'node:child_process';
import { vi } from '../../shared/i18n/ui/vi';
import { createMeeting, declarationText, expectSaved, newDeclaration } from '../support/accordPage';
import { selectWords } from '../support/draftingPage';
import { expect, test } from '../support/fixtures';

test('the negotiation draft and the final text are previewed as pages and saved as PDF and Word', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  const text = declarationText(page);
  await text.locator('[data-kind="op"]').click();
  await page.keyboard.type('Cities shall publish open data;');
  await selectWords(page, 'Cities shall', 'shall');
  await page.getByRole('button', { name: 'Bracket', exact: true }).click();
  const bracketing = page.getByRole('dialog', { name: 'Bracket the selected words' });
  const picker = bracketing.getByRole('group', { name: 'Proposed by (for “shall”)' });
  await picker.getByRole('textbox').fill('Ha Noi');
  await picker.getByRole('textbox').press('Enter');
  await bracketing.getByRole('button', { name: 'Bracket', exact: true }).click();
  await expectSaved(page);

  await page.getByRole('button', { name: 'Export' }).click();
  const panel = page.getByRole('dialog', { name: 'Export' });
  // Not modal: the draft can still be edited while the pages are laid out.
  await expect(panel.getByRole('img', { name: 'Page 1 of 1' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('status')).toContainText('1 page');
  await text.locator('[data-kind="pp"]').click();
  await page.keyboard.type('Recognizing the role of cities,');
  await expectSaved(page);
  await page.screenshot({ path: test.info().outputPath('export-panel.png') });

  const save = async (label: string) => {
    const downloading = page.waitForEvent('download');
    await panel.getByRole('button', { name: label }).click();
    const download = await downloading;
    const file = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };
  const negotiation = execFileSync('pdftotext', [await save('Save PDF…'), '-'], { encoding: 'utf8' });
  expect(negotiation).toContain('Phnom Penh Declaration');
  expect(negotiation).toContain('Ha Noi');
  expect(negotiation).toMatch(/\[\s*shall/);

  // A clean text of words nobody agreed to is never saved without the secretariat knowing.
  await panel.getByRole('radio', { name: 'Final' }).check();
  const unagreed = panel.getByRole('region', { name: 'Not all of this text is agreed' });
  await expect(unagreed.getByRole('listitem').filter({ hasText: 'PP1' })).toHaveText('PP1: pending');
  await expect(unagreed.getByRole('listitem').filter({ hasText: 'OP1' })).toHaveText('OP1: open bracket, pending');
  await expect(panel.getByRole('button', { name: 'Save PDF…' })).toBeDisabled();
  await expect(panel.getByText('Choose what the final text does with these parts first.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-unagreed.png') });

  await unagreed.getByRole('radio', { name: 'Print them as they stand (the first wording of each bracket)' }).check();
  await expect(panel.getByRole('img', { name: 'Page 1 of 1' })).toBeVisible({ timeout: 30_000 });
  const final = execFileSync('pdftotext', [await save('Save PDF…'), '-'], { encoding: 'utf8' });
  expect(final).toContain('Recognizing the role of cities,');
  expect(final).toContain('Cities shall publish open data;');
  expect(final).not.toContain('Ha Noi');
  expect(final).not.toContain('[');

  await unagreed.getByRole('radio', { name: 'Leave them out, and number the rest afresh' }).check();
  const agreedOnly = execFileSync('pdftotext', [await save('Save PDF…'), '-'], { encoding: 'utf8' });
  expect(agreedOnly).not.toContain('Recognizing the role of cities,');
  expect(agreedOnly).not.toContain('publish open data');

  await panel.getByRole('radio', { name: 'Word', exact: true }).check();
  const docx = await save('Save Word…');
  expect(docx.endsWith('.docx')).toBe(true);
});

test('an English declaration exported from a Vietnamese window is all English, until its own language is changed', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitemradio', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.getByRole('button', { name: vi.export.button, exact: true }).click();
  const panel = page.getByRole('dialog', { name: vi.export.title });
  const language = panel.getByRole('combobox', { name: vi.export.documentLanguage });
  await expect(language).toHaveValue('en');
  const save = async () => {
    await expect(panel.getByRole('status')).toContainText('1', { timeout: 30_000 });
    const downloading = page.waitForEvent('download');
    await panel.getByRole('button', { name: vi.export.save.replace('{{format}}', 'PDF') }).click();
    const download = await downloading;
    const file = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  };
  const english = await save();
  expect(english).toContain('Page 1 of 1');
  expect(english).toMatch(/Current text · \d{1,2} [A-Z][a-z]+ \d{4}/);
  expect(english).not.toMatch(/Trang|DỰ THẢO|tháng/);

  await language.selectOption('vi');
  await expect(panel.getByRole('status')).toContainText(vi.export.layingOut);
  const vietnamese = await save();
  expect(vietnamese).toContain('Trang 1 / 1');
  expect(vietnamese).not.toContain('Page 1 of 1');
  // The document's own setting, kept for the next export, whoever makes it.
  await page.reload();
  await page.getByRole('button', { name: vi.export.button, exact: true }).click();
  await expect(page.getByRole('dialog', { name: vi.export.title }).getByRole('combobox', { name: vi.export.documentLanguage })).toHaveValue('vi');
});

test('a document’s symbol and distribution line head every page of its PDF', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  await declarationText(page).locator('[data-kind="op"]').click();
  // Enough operative paragraphs for several pages.
  for (let i = 1; i <= 45; i += 1) {
    await page.keyboard.insertText(`Encourage member cities to share what they learn about open data, flood warnings and clean air, paragraph ${i};`);
    await page.keyboard.press('Enter');
  }
  await expectSaved(page);
  await page.getByRole('button', { name: 'Export' }).click();
  const panel = page.getByRole('dialog', { name: 'Export' });
  await panel.getByRole('textbox', { name: 'Symbol' }).fill('ASCN/8/DECL/Rev.2');
  await panel.getByRole('textbox', { name: 'Distribution' }).fill('General');
  await panel.getByRole('textbox', { name: 'Distribution' }).press('Enter');
  await expect(panel.getByRole('status')).toContainText(/\d+ pages/, { timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save PDF…' }).click();
  const file = test.info().outputPath('declaration.pdf');
  await (await downloading).saveAs(file);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThanOrEqual(3);
  for (let n = 1; n <= pages; n += 1) {
    const text = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
    expect(text, `page ${n}`).toContain('ASCN/8/DECL/Rev.2');
    expect(text, `page ${n}`).toContain('Distribution: General');
  }
  // Kept with the document, for everyone's next export.
  await panel.getByRole('button', { name: 'Close export' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('dialog', { name: 'Export' }).getByRole('textbox', { name: 'Symbol' })).toHaveValue('ASCN/8/DECL/Rev.2');
});
