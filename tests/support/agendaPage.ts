import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../../shared/i18n/ui/en';

/** The words the agenda's table is named by (English unless another catalogue is given). */
type Words = { agenda: { title: string } };

export interface AgendaEntry {
  title: string;
  kind: 'Opening' | 'Session' | 'Break' | 'Adoption' | 'Closing';
  presenter?: string;
  durationMinutes: number;
  /** `HH:MM`; empty: starts when the previous item ends. */
  start?: string;
  day?: string;
  document?: string;
}

export function agendaTable(page: Page, words: Words = en): Locator {
  return page.getByRole('table', { name: words.agenda.title });
}

/** The agenda's item rows (each has its title as row header; day headings do not). */
export function agendaRows(page: Page, words: Words = en): Locator {
  return agendaTable(page, words).getByRole('row').filter({ has: page.getByRole('rowheader') });
}

export function agendaRow(page: Page, title: string): Locator {
  return agendaRows(page).filter({ has: page.getByRole('rowheader', { name: title }) });
}

/** Adds an item through the dialog, as the secretariat does. */
export async function addAgendaItem(page: Page, entry: AgendaEntry): Promise<void> {
  await page.getByRole('button', { name: 'Add agenda item' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add agenda item' });
  await dialog.getByLabel('Title').fill(entry.title);
  await dialog.getByLabel('Kind').selectOption({ label: entry.kind });
  await dialog.getByLabel('Presenter or delegation').fill(entry.presenter ?? '');
  if (entry.day) await dialog.getByLabel('Day').fill(entry.day);
  await dialog.getByLabel('Fixed start (optional)').fill(entry.start ?? '');
  await dialog.getByLabel('Duration (minutes)').fill(String(entry.durationMinutes));
  if (entry.document) await dialog.getByLabel('Linked document').selectOption({ label: entry.document });
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog).toBeHidden();
  await expect(agendaRow(page, entry.title)).toBeVisible();
}

/** Each item row as "number time title", e.g. "1 09:00–09:30 Opening ceremony". */
export function agendaLines(page: Page, words: Words = en): Promise<string[]> {
  return agendaRows(page, words).evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...(row as HTMLTableRowElement).cells];
      const number = cells[0]?.textContent?.replace(/\D/g, '') ?? '';
      const time = cells[1]?.querySelector('.agenda__times')?.textContent ?? '';
      const title = cells[2]?.querySelector('.agenda__item-title')?.textContent ?? '';
      return `${number} ${time} ${title}`;
    }),
  );
}

export async function expectAgenda(page: Page, lines: string[], words: Words = en): Promise<void> {
  await expect.poll(() => agendaLines(page, words)).toEqual(lines);
}
