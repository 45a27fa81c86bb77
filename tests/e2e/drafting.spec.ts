import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { joinMeeting, publishToHub } from '../support/collaboration';
import { clickEndOf, numbering, paragraph, selectWords, statusMarks } from '../support/draftingPage';
import { expect, test } from '../support/fixtures';
import { invite } from '../support/hub';
import { en } from '../../shared/i18n/ui/en';
import { km } from '../../shared/i18n/ui/km';
import { vi } from '../../shared/i18n/ui/vi';

test('a declaration built from the meeting numbers its operative paragraphs and keeps the numbers right as they move', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  const text = declarationText(page);
  await expect(text.getByRole('heading', { level: 1, name: 'Phnom Penh Declaration' })).toBeVisible();
  await expect(text).toContainText('ASEAN Capitals, gathered in Phnom Penh, Cambodia on 2 December 2022');
  await expect(text).toContainText('Adopted in Phnom Penh, Cambodia, on 2 December 2022.');

  // The empty PP and OP the draft starts with.
  await text.locator('[data-kind="pp"]').click();
  await page.keyboard.type('Recognizing the role of capital cities in sustainable development,');
  await text.locator('[data-kind="op"]').click();
  await page.keyboard.type('Encourage data sharing between cities;');
  await page.keyboard.press('Enter');
  await page.keyboard.type('open standards;');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.type('shared platforms;');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('Promote clean public transport;');

  await expect(text.locator('[style*="--accord-lead"]', { hasText: /^Recognizing$/ })).toBeVisible();
  await expect(text.locator('[style*="--accord-lead"]', { hasText: /^Encourage$/ })).toBeVisible();
  await expect.poll(() => numbering(page)).toEqual(['1. Encourage data sharing between cities;', '(a) open standards;', '(b) shared platforms;', '2. Promote clean public transport;']);

  // Alt+↑ moves the OP above the first one, which takes its sub-paragraphs along when it moves down.
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => numbering(page)).toEqual(['1. Promote clean public transport;', '2. Encourage data sharing between cities;', '(a) open standards;', '(b) shared platforms;']);
  await clickEndOf(page, 'Encourage data sharing');
  await page.getByRole('button', { name: 'Move paragraph up' }).click();
  await expect.poll(() => numbering(page)).toEqual(['1. Encourage data sharing between cities;', '(a) open standards;', '(b) shared platforms;', '2. Promote clean public transport;']);

  // The kind menu: an OP made a PP leaves one OP, renumbered at once.
  await clickEndOf(page, 'Promote clean');
  await page.getByRole('combobox', { name: 'Paragraph kind' }).selectOption({ label: 'Preambular paragraph (PP)' });
  await expect.poll(() => numbering(page)).toEqual(['1. Encourage data sharing between cities;', '(a) open standards;', '(b) shared platforms;']);
  await page.keyboard.press('Control+Alt+Digit5');
  await expect.poll(() => numbering(page)).toEqual(['1. Encourage data sharing between cities;', '(a) open standards;', '(b) shared platforms;', '2. Promote clean public transport;']);
  await expectSaved(page);
  await page.screenshot({ path: test.info().outputPath('declaration-structure.png'), fullPage: true });
});

test('a phrase is bracketed for two delegations with an alternative, agreed, and its paragraph marked agreed', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  const text = declarationText(page);
  await text.locator('[data-kind="op"]').click();
  await page.keyboard.type('Cities shall publish open data;');

  await selectWords(page, 'Cities shall', 'shall');
  await page.getByRole('button', { name: 'Bracket', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Bracket the selected words' });
  const firstPicker = dialog.getByRole('group', { name: 'Proposed by (for “shall”)' });
  await firstPicker.getByRole('textbox').fill('Ha Noi');
  await firstPicker.getByRole('textbox').press('Enter');
  await firstPicker.getByRole('textbox').fill('Phnom Penh');
  await firstPicker.getByRole('textbox').press('Enter');
  await dialog.getByRole('button', { name: 'Add an alternative wording' }).click();
  await dialog.getByLabel('Alternative 2').fill('should');
  const secondPicker = dialog.getByRole('group', { name: 'Proposed by (for “should”)' });
  await secondPicker.getByRole('textbox').fill('Vientiane');
  await secondPicker.getByRole('textbox').press('Enter');
  await dialog.getByRole('button', { name: 'Bracket', exact: true }).click();

  const bracket = paragraph(page, 'publish open data').locator('.doc-bracket');
  await expect(bracket.locator('.doc-alternative')).toHaveText(['shall', 'should']);
  await expect(bracket.locator('.doc-alternative').first()).toHaveAttribute('title', 'Proposed by Ha Noi, Phnom Penh');
  await expect(bracket.locator('.doc-alternative').last()).toHaveAttribute('title', 'Proposed by Vientiane');

  // Selecting the bracket shows who proposed what, and the one action that agrees it.
  await bracket.locator('.doc-alternative').first().click();
  const panel = page.getByRole('region', { name: 'Paragraph' });
  await expect(panel.getByRole('group', { name: 'Bracket' })).toContainText('Proposed by Ha Noi, Phnom Penh');
  await expect(panel.getByRole('group', { name: 'Bracket' })).toContainText('Proposed by Vientiane');
  await expectSaved(page);
  await page.screenshot({ path: test.info().outputPath('bracket.png'), fullPage: true });
  await panel.getByRole('button', { name: 'Agree on “should”' }).click();
  await expect(paragraph(page, 'publish open data')).toHaveText('Cities should publish open data;');
  await expect(paragraph(page, 'publish open data').locator('.doc-bracket')).toHaveCount(0);

  // The secretariat marks it agreed; the filter then hides it.
  await clickEndOf(page, 'publish open data');
  await panel.getByLabel('Status').selectOption({ label: 'Agreed' });
  await expect(paragraph(page, 'publish open data')).toHaveAttribute('data-status', 'agreed');
  await page.getByLabel('Only paragraphs not yet agreed').check();
  await expect(paragraph(page, 'publish open data')).toBeHidden();
  await expect(text.locator('[data-kind="adoption"]')).toBeVisible();
  await expectSaved(page);
});


test('every paragraph’s status mark reads whole beside it, in a wide and a narrow window, in English, Vietnamese and Khmer', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  const text = declarationText(page);
  await text.locator('[data-kind="pp"]').click();
  await page.keyboard.type('Recognizing the role of capital cities in sustainable development,');
  await text.locator('[data-kind="op"]').click();
  await page.keyboard.type('Encourage data sharing between cities;');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Promote clean public transport across the region, with shared platforms and open standards for ticketing;');
  const panel = page.getByRole('region', { name: 'Paragraph' });
  const mark = async (words: string, label: string, citation: string) => {
    await clickEndOf(page, words);
    await expect(panel.getByRole('heading', { level: 2 })).toContainText(citation);
    await panel.getByLabel('Status').selectOption({ label });
  };
  await mark('Recognizing', 'Agreed', 'PP1');
  await mark('Encourage data', 'Agreed', 'OP1');
  await mark('Promote clean', 'Agreed ad referendum', 'OP2');
  // Words changed after agreement: the mark says so.
  await clickEndOf(page, 'Encourage data');
  await page.keyboard.type(' and regions');
  await expectSaved(page);

  let settings = en.settings.button;
  for (const [language, words] of [['en', en], ['vi', vi], ['km', km]] as const) {
    if (language !== 'en') {
      await page.getByRole('button', { name: settings }).click();
      await page.getByRole('menuitemradio', { name: words.languages[language] }).click();
      settings = words.settings.button;
    }
    await expect(declarationText(page, words)).toBeVisible();
    for (const width of [1280, 900]) {
      await page.setViewportSize({ width, height: 860 });
      await page.screenshot({ path: test.info().outputPath(`status-marks-${language}-${width}.png`) });
      const marks = await statusMarks(page);
      expect(marks.map((m) => m.label)).toEqual([words.status.agreed, words.status.changedSinceAgreed, words.status['ad-referendum']]);
      for (const { paragraph: where, label, mark: box, clips } of marks) {
        for (const clip of clips) {
          const inside = box.left >= clip.box.left - 0.5 && box.right <= clip.box.right + 0.5 && box.top >= clip.box.top - 0.5 && box.bottom <= clip.box.bottom + 0.5;
          expect(inside, `“${label}” beside “${where}…” at ${width}px: ${JSON.stringify(box)} is cut by ${clip.name} ${JSON.stringify(clip.box)}`).toBe(true);
        }
      }
    }
  }
});

test('operative paragraphs reordered at one laptop are numbered the same at another', async ({ laptop, makeDir, launchHost, launchHub }) => {
  test.setTimeout(120_000);
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir);
  await newDeclaration(a, 'Built from the meeting');
  await declarationText(a).locator('[data-kind="op"]').click();
  for (const [index, line] of ['Encourage data sharing;', 'Promote clean transport;', 'Task the secretariat to report.'].entries()) {
    if (index > 0) await a.keyboard.press('Enter');
    await a.keyboard.type(line);
  }
  await expectSaved(a);

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await b.getByRole('link', { name: /Phnom Penh Declaration|Draft declaration/ }).click();
  const initial = ['1. Encourage data sharing;', '2. Promote clean transport;', '3. Task the secretariat to report.'];
  await expect.poll(() => numbering(b)).toEqual(initial);

  await clickEndOf(b, 'Task the secretariat');
  await b.keyboard.press('Alt+ArrowUp');
  await b.keyboard.press('Alt+ArrowUp');
  const reordered = ['1. Task the secretariat to report.', '2. Encourage data sharing;', '3. Promote clean transport;'];
  await expect.poll(() => numbering(b)).toEqual(reordered);
  await expect.poll(() => numbering(a), { timeout: 15_000 }).toEqual(reordered);
});

test('a short declaration is built from clause templates through the palette, blanks filled by typing', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page);
  const text = declarationText(page);
  await text.click();

  const insertFromPalette = async (query: string, title: string) => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Insert a clause' });
    await palette.getByRole('combobox', { name: 'Search clauses' }).fill(query);
    await palette.getByRole('listbox', { name: 'Clauses' }).getByRole('option', { name: new RegExp(title) }).click();
    await expect(palette).toBeHidden();
  };
  await insertFromPalette('governors opening', 'Opening: Governors and Mayors');
  await expect(text.locator('[data-kind="opening"]')).toHaveText(
    'We, the Governors and Mayors of the ASEAN Capitals, gathered in Phnom Penh, Cambodia on 2 December 2022 for the Meeting of Governors and Mayors of ASEAN Capitals,',
  );
  await insertFromPalette('urbanization', 'Recognizing: pace of urbanization');
  await expect(text.locator('[data-kind="pp"] [style*="--accord-lead"]')).toHaveText('Recognizing');

  // Tags and words together find the clause; its preview shows the blanks still to fill.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Insert a clause' });
  await palette.getByRole('combobox', { name: 'Language of the clauses' }).selectOption('en');
  await palette.getByRole('combobox', { name: 'Search clauses' }).fill('landfill environment');
  await expect(palette.getByRole('region', { name: 'Preview' })).toContainText('{{percentage}}');
  await palette.getByRole('button', { name: 'Insert as Operative paragraph (OP)' }).click();

  // The first blank is selected: typing fills it; the next is still marked until filled.
  const op = text.locator('[data-kind="op"]');
  await expect(op.locator('.doc-field')).toHaveCount(2);
  await page.keyboard.type('50');
  await expect(op.locator('.doc-field')).toHaveCount(1);
  await op.locator('.doc-field').click();
  await page.keyboard.type('2030');
  await expect(op.locator('.doc-field')).toHaveCount(0);
  await expect(op).toHaveText('Reduce the waste sent to landfill by 50 per cent by 2030, through separation at source, recycling and the circular economy;');
  await expect.poll(() => numbering(page)).toEqual(['1. Reduce the waste sent to landfill by 50 per cent by 2030, through separation at source, recycling and the circular economy;']);

  // The Vietnamese library answers a query typed without diacritics.
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Insert a clause' }).getByRole('combobox', { name: 'Language of the clauses' }).selectOption('vi');
  await page.getByRole('dialog', { name: 'Insert a clause' }).getByRole('combobox', { name: 'Search clauses' }).fill('thong qua');
  await expect(page.getByRole('dialog', { name: 'Insert a clause' }).getByRole('listbox', { name: 'Clauses' }).getByRole('option').first()).toContainText('Thông qua: địa điểm và ngày');
  await page.getByRole('dialog', { name: 'Insert a clause' }).getByRole('button', { name: 'Close' }).click();
  await insertFromPalette('adoption place date', 'Adoption: place and date');
  await expect(text.locator('[data-kind="adoption"]')).toHaveText('Adopted in Phnom Penh, Cambodia, on 2 December 2022.');
  await expectSaved(page);
  await page.screenshot({ path: test.info().outputPath('from-templates.png'), fullPage: true });
});

test('a comment on some words starts a thread beside the text, takes a reply and is resolved', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page, 'Built from the meeting');
  await declarationText(page).locator('[data-kind="op"]').click();
  await page.keyboard.type('Encourage open data between cities;');
  await selectWords(page, 'open data', 'open data');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = page.getByRole('region', { name: 'Comments' });
  await comments.getByLabel('Comment', { exact: true }).fill('Which data? Ha Noi proposes “transport data”.');
  await comments.getByRole('button', { name: 'Add comment' }).click();
  const thread = comments.getByRole('article', { name: 'Comment on “open data”' });
  await expect(thread).toContainText('Which data? Ha Noi proposes “transport data”.');
  await expect(paragraph(page, 'Encourage open data').locator('mark.doc-comment')).toHaveText('open data');

  await thread.getByLabel('Reply').fill('Agreed to keep it general.');
  await thread.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(thread).toContainText('Agreed to keep it general.');
  await thread.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(paragraph(page, 'Encourage open data').locator('mark.doc-comment--resolved')).toHaveCount(1);
  await expectSaved(page);

  // Threads are part of the document: they are there after a restart.
  // Quitting Accord closes its window with it.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  const again = await launchHost();
  await page.goto(again.url);
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await page.getByRole('link', { name: /Draft declaration/ }).click();
  await page.getByRole('region', { name: 'Comments' }).getByRole('button', { name: /Resolved \(1\)/ }).click();
  await expect(page.getByRole('region', { name: 'Comments' })).toContainText('Agreed to keep it general.');
});

test('Ctrl+K pressed just as the clause palette closes opens it again', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page);
  await declarationText(page).click();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Insert a clause' });
  await expect(palette).toBeVisible();
  // In one task, as a fast hand does it: the dialog's close event is still queued when the key arrives.
  await page.evaluate(() => {
    const close = [...document.querySelectorAll<HTMLButtonElement>('dialog.palette button')].find((button) => button.textContent === 'Close');
    close!.click();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }));
  });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox', { name: 'Search clauses' })).toBeFocused();
  await palette.getByRole('button', { name: 'Close' }).click();
  await expect(palette).toBeHidden();
});
