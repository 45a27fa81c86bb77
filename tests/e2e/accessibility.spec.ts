import { en } from '../../shared/i18n/ui/en';
import { km } from '../../shared/i18n/ui/km';
import { vi } from '../../shared/i18n/ui/vi';
import type { Messages } from '../../shared/i18n/ui/en';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { addAgendaItem } from '../support/agendaPage';
import { selectWords } from '../support/draftingPage';
import { checkScreen } from '../support/accessibility';
import { expect, test } from '../support/fixtures';

// axe-core goes in as an inline script, which Accord's content security policy rightly refuses.
test.use({ bypassCSP: true });

const LANGUAGES: Array<[code: 'en' | 'vi' | 'km', words: Messages]> = [
  ['en', en],
  ['vi', vi],
  ['km', km],
];

for (const [code, words] of LANGUAGES) {
  test(`the home, meeting, declaration and export screens and their dialogs have no serious WCAG 2.1 AA violation, in ${en.languages[code]}`, async ({ page, launchHost }) => {
    test.setTimeout(150_000);
    const host = await launchHost();
    await page.goto(host.url);

    // A meeting with an agenda and a declaration with text, a bracket and its proposer, made in
    // English with the shared helpers; each screen is then checked in the language under test.
    await createMeeting(page);
    await addAgendaItem(page, { title: 'Opening ceremony', kind: 'Opening', presenter: 'Phnom Penh', durationMinutes: 30 });
    await addAgendaItem(page, { title: 'Coffee break', kind: 'Break', durationMinutes: 15 });
    await newDeclaration(page, 'Built from the meeting');
    await declarationText(page).locator('[data-kind="op"]').click();
    await page.keyboard.type('Cities shall publish open data;');
    await selectWords(page, 'Cities shall', 'shall');
    await page.getByRole('button', { name: 'Bracket', exact: true }).click();
    const bracketing = page.getByRole('dialog', { name: 'Bracket the selected words' });
    const picker = bracketing.getByRole('group', { name: 'Proposed by (for “shall”)' });
    await picker.getByRole('textbox').fill('Ha Noi');
    await picker.getByRole('textbox').press('Enter');
    await checkScreen(page, 'the bracket dialog (in English)');
    await bracketing.getByRole('button', { name: 'Bracket', exact: true }).click();
    await expectSaved(page);
    await page.keyboard.press('Control+s');
    await page.getByRole('dialog', { name: 'Save a version' }).getByRole('button', { name: 'Save version' }).click();
    await expect(page.getByRole('alert')).toContainText('Saved version');
    const declarationUrl = page.url();

    await page.goto(host.url);
    if (code !== 'en') {
      await page.getByRole('button', { name: en.settings.button }).click();
      await page.getByRole('menuitemradio', { name: en.languages[code] }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', code);
    }

    await expect(page.getByRole('heading', { level: 1, name: words.meetings.heading })).toBeVisible();
    await checkScreen(page, 'the meetings list');
    await page.getByRole('button', { name: words.settings.button }).click();
    await expect(page.getByRole('menuitemradio', { name: words.languages[code] })).toBeVisible();
    await checkScreen(page, 'the settings menu');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: words.meetings.new }).click();
    const newMeeting = page.getByRole('dialog', { name: words.newMeeting.title });
    await newMeeting.getByRole('button', { name: words.newMeeting.create }).click();
    await expect(newMeeting.getByText(words.newMeeting.required).first()).toBeVisible();
    await checkScreen(page, 'the new meeting dialog, with its errors');
    await newMeeting.getByRole('button', { name: words.newMeeting.cancel }).click();
    await expect(newMeeting).toBeHidden();
    await page.getByRole('button', { name: words.join.button }).click();
    const join = page.getByRole('dialog', { name: words.join.title });
    await expect(join).toBeVisible();
    await checkScreen(page, 'the join meeting dialog');
    await page.keyboard.press('Escape');
    await expect(join).toBeHidden();

    await page.getByRole('link', { name: words.meetings.open.replace('{{title}}', PHNOM_PENH.title) }).click();
    await expect(page.getByRole('heading', { level: 2, name: words.agenda.title })).toBeVisible();
    await checkScreen(page, 'the meeting screen');
    await page.getByRole('button', { name: words.agenda.add }).click();
    const item = page.getByRole('dialog', { name: words.agenda.addTitle });
    await expect(item).toBeVisible();
    await checkScreen(page, 'the add agenda item dialog');
    await item.getByRole('button', { name: words.agenda.cancel }).click();
    await expect(item).toBeHidden();
    await page.getByRole('button', { name: words.meeting.newDeclaration }).click();
    const newDocument = page.getByRole('dialog', { name: words.newDeclaration.title });
    await expect(newDocument).toBeVisible();
    await checkScreen(page, 'the new declaration dialog');
    await page.keyboard.press('Escape');
    await expect(newDocument).toBeHidden();

    await page.goto(declarationUrl);
    await expect(declarationText(page, words)).toContainText('Cities shall publish open data;');
    await checkScreen(page, 'the declaration');
    // The side panel then describes the paragraph and its bracket.
    await declarationText(page, words).getByText('shall', { exact: true }).click();
    await expect(page.getByText('Ha Noi').first()).toBeVisible();
    await checkScreen(page, 'the declaration, with the caret in a bracketed paragraph');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: words.palette.title });
    await expect(palette.getByRole('listbox').getByRole('option', { selected: true })).toBeVisible();
    await checkScreen(page, 'the clause palette');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await page.getByRole('button', { name: words.versions.saveButton }).click();
    const saveVersion = page.getByRole('dialog', { name: words.versions.saveTitle });
    await expect(saveVersion).toBeVisible();
    await checkScreen(page, 'the save version dialog');
    await page.keyboard.press('Escape');
    await expect(saveVersion).toBeHidden();
    await page.getByRole('button', { name: words.versions.listButton }).click();
    const versions = page.getByRole('dialog', { name: words.versions.title });
    await expect(versions.getByRole('row')).toHaveCount(2);
    await checkScreen(page, 'the versions dialog');
    await versions.getByRole('button', { name: words.versions.openNamed.replace('{{label}}', 'Rev.1') }).click();
    await expect(page.getByRole('region', { name: words.versions.readingTitle.replace('{{label}}', 'Rev.1') })).toContainText('Cities');
    await checkScreen(page, 'a version, read as it was');
    await page.goto(declarationUrl);
    await page.getByRole('button', { name: words.versions.listButton }).click();
    await versions.getByRole('button', { name: words.versions.compareNamed.replace('{{label}}', 'Rev.1') }).click();
    await expect(page.getByText(words.versions.currentText).first()).toBeVisible();
    await checkScreen(page, 'the comparison of a version with the current text');
    await page.goto(declarationUrl);
    await expect(declarationText(page, words)).toContainText('Cities shall publish open data;');
    await page.getByRole('button', { name: words.export.button }).click();
    const exportPanel = page.getByRole('dialog', { name: words.export.title });
    await expect(exportPanel.getByRole('img', { name: words.export.pageOf.replace('{{page}}', '1').replace('{{pages}}', '1') })).toBeVisible({
      timeout: 30_000,
    });
    await checkScreen(page, 'the export panel');
  });
}
