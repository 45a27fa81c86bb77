import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expect, openNewDeclaration, test } from '../support/fixtures';

test('a declaration typed and formatted in Accord is all there after Accord is quit and started again', async ({ page, launchHost }) => {
  let host = await openNewDeclaration(page, launchHost);

  const editor = declarationText(page);
  await editor.click();
  await page.getByRole('combobox', { name: 'Paragraph kind' }).selectOption({ label: 'Heading 1' });
  await page.keyboard.type('Phnom Penh Declaration');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Italic' }).click();
  await page.keyboard.type('Recognizing');
  await page.getByRole('button', { name: 'Italic' }).click();
  await page.keyboard.type(' the necessity to build resilient and sustainable cities,');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Hereby agree to:');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Numbered list' }).click();
  await page.keyboard.press('Control+B');
  await page.keyboard.type('Strengthen');
  await page.keyboard.press('Control+B');
  await page.keyboard.type(' city-to-city cooperation;');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+U');
  await page.keyboard.type('Promote');
  await page.keyboard.press('Control+U');
  await page.keyboard.type(' digital public services.');
  await expectSaved(page);

  // Quitting Accord closes its window with it.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  host = await launchHost();
  await page.goto(host.url);
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await page.getByRole('link', { name: /Draft declaration/ }).click();

  const reopened = declarationText(page);
  await expect(reopened.getByRole('heading', { level: 1, name: 'Phnom Penh Declaration' })).toBeVisible();
  await expect(reopened.locator('em', { hasText: 'Recognizing' })).toBeVisible();
  await expect(reopened).toContainText('Recognizing the necessity to build resilient and sustainable cities,');
  await expect(reopened).toContainText('Hereby agree to:');
  const items = reopened.getByRole('list').getByRole('listitem');
  await expect(items).toHaveText(['Strengthen city-to-city cooperation;', 'Promote digital public services.']);
  await expect(reopened.locator('strong', { hasText: 'Strengthen' })).toBeVisible();
  await expect(reopened.locator('.doc-underline', { hasText: 'Promote' })).toBeVisible();
  await expectSaved(page);
});

test('nothing shown as Saved is lost when Accord is killed at that moment', async ({ page, launchHost }) => {
  let host = await openNewDeclaration(page, launchHost);
  const documentUrl = new URL(page.url()).hash;

  const lines = [
    'Encourage the exchange of good practices among member cities;',
    'Support pilot projects on clean water and sanitation;',
    'Invite development partners to join the network’s projects.',
  ];
  for (const [round, line] of lines.entries()) {
    const editor = declarationText(page);
    await editor.click();
    await page.keyboard.press('Control+End');
    if (round > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
    await expectSaved(page);
    // The moment the window says Saved, the power goes.
    await host.stop('SIGKILL');
    host = await launchHost();
    await page.goto(host.url);
    await page.goto(`${host.url.split('?')[0]}${documentUrl}`);
    for (const earlier of lines.slice(0, round + 1)) await expect(declarationText(page)).toContainText(earlier);
  }
});

test('undo and redo take back and restore typing', async ({ page, launchHost }) => {
  await openNewDeclaration(page, launchHost);
  const editor = declarationText(page);
  await editor.click();
  await page.keyboard.type('Adopted in Phnom Penh');
  await expect(editor).toHaveText('Adopted in Phnom Penh');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(editor).not.toContainText('Adopted in Phnom Penh');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(editor).toHaveText('Adopted in Phnom Penh');
  await expectSaved(page);
});

test('a paste too large to handle is refused with a message and changes nothing', async ({ page, launchHost }) => {
  await openNewDeclaration(page, launchHost);
  const editor = declarationText(page);
  await editor.click();
  await page.keyboard.type('Kept text.');
  await expectSaved(page);
  await editor.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(50 * 1024 * 1024));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert')).toContainText('That paste is too large (50.0 MB)');
  await expect(editor).toHaveText('Kept text.');
  await expectSaved(page);
});

test('Enter at the start of a paragraph opens an empty one above it and keeps typing in place', async ({ page, launchHost }) => {
  await openNewDeclaration(page, launchHost);
  const editor = declarationText(page);
  await editor.click();
  await page.keyboard.type('Encourage city-to-city cooperation;');
  await page.keyboard.press('Home');
  // Lexical takes the caret from the browser's selectionchange event, which fires after the key.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.anchorOffset)).toBe(0);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.keyboard.press('Enter');
  await page.keyboard.type('Strongly ');
  await expect(editor.locator('p')).toHaveText(['', 'Strongly Encourage city-to-city cooperation;']);
  await expectSaved(page);
});

test('the header says it is the name in the meeting’s list, and takes the text’s own title when asked', async ({ page, launchHost }) => {
  await page.goto((await launchHost()).url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  const name = page.getByRole('textbox', { name: 'Document title' });
  await expect(name).toHaveValue('Draft declaration');
  await expect(page.getByText('Name in the meeting’s list of documents; the title printed is the text’s first paragraph')).toBeVisible();
  const printed = (await declarationText(page).locator('[data-kind="title"]').innerText()).trim();
  expect(printed).not.toBe('Draft declaration');
  await page.getByRole('button', { name: `Use the text’s title: “${printed}”` }).click();
  await expect(name).toHaveValue(printed);
  await expect(page.getByRole('button', { name: /Use the text’s title/ })).toHaveCount(0);
  // Edited again in the text, the two differ again, and the header offers to follow.
  await declarationText(page).locator('[data-kind="title"]').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' 2022');
  await expect(page.getByRole('button', { name: `Use the text’s title: “${printed} 2022”` })).toBeVisible();
  await page.getByRole('link', { name: /Back to/ }).click();
  await expect(page.getByRole('link', { name: new RegExp(printed) })).toBeVisible();
});
