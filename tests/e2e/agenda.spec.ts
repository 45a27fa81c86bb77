import { execFileSync } from 'node:child_process';
import { km } from '../../shared/i18n/ui/km';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { addAgendaItem, agendaRow, agendaRows, expectAgenda } from '../support/agendaPage';
import { joinMeeting, publishToHub } from '../support/collaboration';
import { expect, test } from '../support/fixtures';
import { invite } from '../support/hub';

const OPENING = 'Opening ceremony';
const SMART = 'Smart city solutions';
const COFFEE = 'Coffee break';
const GREEN = 'Green and resilient capitals';
const ADOPTION = 'Adoption of the declaration';

test('the secretariat builds an agenda of five items, reorders it by keyboard and by drag, and finds it after a restart', async ({
  page,
  launchHost,
}) => {
  let host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await expect(page.getByText('No agenda items yet.')).toBeVisible();

  await addAgendaItem(page, { title: OPENING, kind: 'Opening', presenter: 'Phnom Penh', durationMinutes: 30 });
  await addAgendaItem(page, { title: SMART, kind: 'Session', presenter: 'Ha Noi', durationMinutes: 90 });
  await addAgendaItem(page, { title: COFFEE, kind: 'Break', durationMinutes: 15 });
  await addAgendaItem(page, { title: GREEN, kind: 'Session', presenter: 'Jakarta', durationMinutes: 60 });
  await addAgendaItem(page, { title: ADOPTION, kind: 'Adoption', presenter: 'Secretariat', durationMinutes: 30 });
  await expectAgenda(page, [
    `1 09:00–09:30 ${OPENING}`,
    `2 09:30–11:00 ${SMART}`,
    `3 11:00–11:15 ${COFFEE}`,
    `4 11:15–12:15 ${GREEN}`,
    `5 12:15–12:45 ${ADOPTION}`,
  ]);
  await expect(agendaRow(page, OPENING)).toContainText('Phnom Penh');
  await expect(agendaRow(page, OPENING)).toContainText('Opening');
  await expect(page.getByRole('button', { name: `Move “${OPENING}” up` })).toBeDisabled();
  await expect(page.getByRole('button', { name: `Move “${ADOPTION}” down` })).toBeDisabled();

  // Keyboard: the focused row moves with Alt+Arrow and keeps the focus; times follow the order.
  await agendaRow(page, COFFEE).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expectAgenda(page, [
    `1 09:00–09:30 ${OPENING}`,
    `2 09:30–11:00 ${SMART}`,
    `3 11:00–12:00 ${GREEN}`,
    `4 12:00–12:15 ${COFFEE}`,
    `5 12:15–12:45 ${ADOPTION}`,
  ]);
  await expect(agendaRow(page, COFFEE)).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await expectAgenda(page, [
    `1 09:00–09:30 ${OPENING}`,
    `2 09:30–09:45 ${COFFEE}`,
    `3 09:45–11:15 ${SMART}`,
    `4 11:15–12:15 ${GREEN}`,
    `5 12:15–12:45 ${ADOPTION}`,
  ]);
  await expect(agendaRow(page, COFFEE)).toBeFocused();
  // The visible buttons do the same, and keep the focus on the button pressed.
  const moveDown = page.getByRole('button', { name: `Move “${COFFEE}” down` });
  await moveDown.click();
  await expect(moveDown).toBeFocused();
  await expectAgenda(page, [
    `1 09:00–09:30 ${OPENING}`,
    `2 09:30–11:00 ${SMART}`,
    `3 11:00–11:15 ${COFFEE}`,
    `4 11:15–12:15 ${GREEN}`,
    `5 12:15–12:45 ${ADOPTION}`,
  ]);

  // Drag: the green capitals session dropped onto the smart city session takes its place.
  await agendaRow(page, GREEN).dragTo(agendaRow(page, SMART));
  await expectAgenda(page, [
    `1 09:00–09:30 ${OPENING}`,
    `2 09:30–10:30 ${GREEN}`,
    `3 10:30–12:00 ${SMART}`,
    `4 12:00–12:15 ${COFFEE}`,
    `5 12:15–12:45 ${ADOPTION}`,
  ]);

  // A break fixed at 11:30 overlaps the session still running then, and says so.
  await page.getByRole('button', { name: `Edit “${COFFEE}”` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit agenda item' });
  await edit.getByLabel('Fixed start (optional)').fill('11:30');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  const lines = [
    `1 09:00–09:30 ${OPENING}`,
    `2 09:30–10:30 ${GREEN}`,
    `3 10:30–12:00 ${SMART}`,
    `4 11:30–11:45 ${COFFEE}`,
    `5 11:45–12:15 ${ADOPTION}`,
  ];
  await expectAgenda(page, lines);
  await expect(agendaRow(page, COFFEE)).toContainText('Overlaps item 3');
  await expect(agendaRow(page, COFFEE)).toContainText('fixed start');
  // The adoption follows the break, so it too starts while item 3 is still running.
  await expect(agendaRow(page, ADOPTION)).toContainText('Overlaps item 3');
  await expect(agendaRows(page).filter({ hasText: 'Overlaps' })).toHaveCount(2);

  // Everything is on disk: a restart brings the whole agenda back.
  await expectSaved(page);
  // Quitting Accord closes its window with it.
  await page.goto('about:blank');
  await host.stop('SIGTERM');
  host = await launchHost();
  await page.goto(host.url);
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await expectAgenda(page, lines);
  await expect(agendaRow(page, COFFEE)).toContainText('Overlaps item 3');
  await expect(agendaRow(page, SMART)).toContainText('Ha Noi');
});

test('the agenda form says what is wrong, flags days outside the meeting, links a document and deletes an item', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page);
  await page.goBack();
  await page.getByRole('button', { name: 'Add agenda item' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add agenda item' });
  await dialog.getByLabel('Duration (minutes)').fill('0');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog.getByText('This field is required.')).toBeVisible();
  await expect(dialog.getByText('Enter a whole number of minutes from 1 to 1440.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No agenda items yet.')).toBeVisible();

  await addAgendaItem(page, { title: OPENING, kind: 'Opening', durationMinutes: 30 });
  await addAgendaItem(page, { title: 'Site visit', kind: 'Session', durationMinutes: 120, day: '2022-12-03', document: 'Draft declaration' });
  await expectAgenda(page, [`1 09:00–09:30 ${OPENING}`, '2 09:00–11:00 Site visit']);
  await expect(agendaRow(page, 'Site visit')).toContainText('Outside the meeting’s dates');
  await expect(agendaRow(page, 'Site visit').getByRole('link', { name: 'Draft declaration' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Saturday, 3 December 2022' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete “Site visit”' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete agenda item' });
  await expect(confirm).toContainText('“Site visit” will be removed');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expectAgenda(page, [`1 09:00–09:30 ${OPENING}`]);
  await expect(page.getByRole('heading', { level: 3, name: 'Saturday, 3 December 2022' })).toBeHidden();

  await page.getByRole('button', { name: `Edit “${OPENING}”` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit agenda item' });
  await edit.getByLabel('Linked document').selectOption({ label: 'Draft declaration' });
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await agendaRow(page, OPENING).getByRole('link', { name: 'Draft declaration' }).click();
  await expect(declarationText(page)).toBeVisible();
});


test('the secretariat reorders the agenda from another laptop through the hub, and a delegate sees the new order without edit controls', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  test.setTimeout(180_000);
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  await addAgendaItem(a, { title: OPENING, kind: 'Opening', durationMinutes: 30 });
  await addAgendaItem(a, { title: SMART, kind: 'Session', presenter: 'Ha Noi', durationMinutes: 90 });
  await addAgendaItem(a, { title: ADOPTION, kind: 'Adoption', durationMinutes: 30 });
  const meetingId = await publishToHub(a, hub, hubDir);
  const original = [`1 09:00–09:30 ${OPENING}`, `2 09:30–11:00 ${SMART}`, `3 11:00–11:30 ${ADOPTION}`];

  const delegate = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(delegate, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');
  await expectAgenda(delegate, original);
  await expect(delegate.getByText('The secretariat keeps the agenda: you can read it, not change it.')).toBeVisible();
  await expect(delegate.getByRole('button', { name: 'Add agenda item' })).toHaveCount(0);
  await expect(delegate.getByRole('button', { name: `Move “${SMART}” up` })).toHaveCount(0);
  await expect(delegate.getByRole('button', { name: `Edit “${SMART}”` })).toHaveCount(0);
  await expect(delegate.getByRole('button', { name: `Delete “${SMART}”` })).toHaveCount(0);
  await expect(agendaRow(delegate, SMART)).not.toHaveAttribute('draggable', 'true');
  // Alt+↑ on a row does nothing for a delegate.
  await agendaRow(delegate, SMART).click();
  await delegate.keyboard.press('Alt+ArrowUp');
  await expectAgenda(delegate, original);

  // A second secretariat laptop, with a secretariat code of its own.
  const secretariat = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(secretariat, hub.url, invite(hubDir, meetingId, 'secretariat'), 'Dara (Secretariat)');
  await expectAgenda(secretariat, original);
  await expect(secretariat.getByText('The secretariat keeps the agenda: you can read it, not change it.')).toHaveCount(0);
  await agendaRow(secretariat, SMART).focus();
  await secretariat.keyboard.press('Alt+ArrowUp');
  const reordered = [`1 09:00–10:30 ${SMART}`, `2 10:30–11:00 ${OPENING}`, `3 11:00–11:30 ${ADOPTION}`];
  await expectAgenda(secretariat, reordered);
  await expectAgenda(delegate, reordered);
  await expectAgenda(a, reordered);
  await expect(delegate.getByRole('button', { name: `Move “${SMART}” down` })).toHaveCount(0);
});

test('in Khmer the agenda writes every time the Khmer way, 12-hour, in its rows, its fields and its PDF', async ({ page, launchHost }) => {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await addAgendaItem(page, { title: OPENING, kind: 'Opening', durationMinutes: 30 });
  await addAgendaItem(page, { title: SMART, kind: 'Session', durationMinutes: 90, start: '13:30' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitemradio', { name: 'ខ្មែរ' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');

  await expectAgenda(page, [`1 9:00 AM–9:30 AM ${OPENING}`, `2 1:30 PM–3:00 PM ${SMART}`], km);
  // The day's start reads like the rows, not as the browser would write a time field.
  const dayStart = page.getByRole('textbox', { name: new RegExp(`^${km.agenda.dayStartLabel.replace('{{day}}', '')}`) });
  await expect(dayStart).toHaveValue('9:00 AM');
  await dayStart.fill('8:30');
  await dayStart.press('Enter');
  await expect(dayStart).toHaveValue('8:30 AM');
  await expectAgenda(page, [`1 8:30 AM–9:00 AM ${OPENING}`, `2 1:30 PM–3:00 PM ${SMART}`], km);

  await page.getByRole('button', { name: km.agenda.edit.replace('{{title}}', SMART) }).click();
  const edit = page.getByRole('dialog', { name: km.agenda.editTitle });
  const fixedStart = edit.getByLabel(km.agenda.fieldStart);
  await expect(fixedStart).toHaveValue('1:30 PM');
  await fixedStart.fill('2:15 pm');
  await edit.getByRole('button', { name: km.agenda.save }).click();
  await expect(edit).toBeHidden();
  await expectAgenda(page, [`1 8:30 AM–9:00 AM ${OPENING}`, `2 2:15 PM–3:45 PM ${SMART}`], km);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: km.export.agenda }).click();
  const file = test.info().outputPath('agenda.pdf');
  await (await downloading).saveAs(file);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/–\s+/g, '–');
  expect(text).toContain('8:30 AM–9:00 AM');
  expect(text).toContain('2:15 PM–3:45 PM');
  expect(text).not.toMatch(/\b\d\d:\d\d\b(?! [AP]M)/);
});
