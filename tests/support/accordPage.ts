import { expect, type Page } from '@playwright/test';
import { en } from '../../shared/i18n/ui/en';

export const PHNOM_PENH = {
  title: 'Meeting of Governors and Mayors of ASEAN Capitals',
  place: 'Phnom Penh, Cambodia',
  hostCity: 'Phnom Penh',
  startDate: '2022-12-02',
  endDate: '2022-12-02',
};

/** What a secretariat officer does to start a meeting, by role and accessible name. */
export async function createMeeting(page: Page, meeting = PHNOM_PENH): Promise<void> {
  await page.getByRole('button', { name: 'New meeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'New meeting' });
  await dialog.getByLabel('Title').fill(meeting.title);
  await dialog.getByLabel('Place').fill(meeting.place);
  await dialog.getByLabel('Host city').fill(meeting.hostCity);
  await dialog.getByLabel('Start date').fill(meeting.startDate);
  await dialog.getByLabel('End date').fill(meeting.endDate);
  await dialog.getByRole('button', { name: 'Create meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: meeting.title })).toBeVisible();
}

/** The declaration's text box, named as the interface names it (English unless another catalogue is given). */
export function declarationText(page: Page, words: { editor: { label: string } } = en) {
  return page.getByRole('textbox', { name: words.editor.label });
}

/** New declaration, blank or built from the meeting, opened in the editor. */
export async function newDeclaration(page: Page, draft: 'Blank draft' | 'Built from the meeting' = 'Blank draft'): Promise<void> {
  await page.getByRole('button', { name: 'New declaration' }).click();
  const dialog = page.getByRole('dialog', { name: 'New declaration' });
  await dialog.getByRole('radio', { name: new RegExp(draft) }).check();
  await dialog.getByRole('button', { name: 'Create declaration' }).click();
  await expect(declarationText(page)).toBeVisible();
  await expect(saveStatus(page)).toHaveText('Saved');
}

export function saveStatus(page: Page) {
  return page.getByRole('status', { name: 'Save status' });
}

/** Waits until the window says every change is on disk. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveText('Saved');
}
