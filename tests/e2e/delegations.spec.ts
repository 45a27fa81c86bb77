import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createMeeting, declarationText, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expectAllSynced, hubStatus, joinMeeting, meetingIdOf } from '../support/collaboration';
import { selectWords } from '../support/draftingPage';
import { expect, test } from '../support/fixtures';

// Sharp enough to read Khmer's stacked consonants in the screenshots.
test.use({ deviceScaleFactor: 2 });

/** Where the screenshots of the list are kept for a person to look at, besides the test's own output. */
const SHOTS = process.env.ACCORD_DELEGATIONS_SHOTS;

async function shoot(page: Page, name: string, what = page.getByRole('region', { name: /Delegations|Các phái đoàn|គណៈប្រតិភូ/ })): Promise<void> {
  const path = test.info().outputPath(name);
  await what.screenshot({ path });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path, `${SHOTS}/${name}`);
  }
}

const HEADS = [
  { city: 'Phnom Penh', name: 'H.E. Mr. Khuong Sreng', title: 'Governor of Phnom Penh' },
  { city: 'Vientiane', name: 'H.E. Mr. Atsaphangthong Siphandone', title: 'Mayor of Vientiane' },
  { city: 'Ha Noi', name: 'H.E. Mr. Tran Sy Thanh', title: 'Chairman of the Ha Noi People’s Committee' },
];

function delegationsTable(page: Page) {
  return page.getByRole('table', { name: 'Delegations' });
}

/** The listed delegations as the table shows them: number, city, head. */
function delegationRows(page: Page) {
  return delegationsTable(page).getByRole('row').filter({ has: page.getByRole('rowheader') });
}

async function addDelegation(page: Page, city: string, name = '', title = ''): Promise<void> {
  await page.getByRole('button', { name: 'Add delegation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add delegation' });
  await dialog.getByLabel('City or delegation').fill(city);
  await dialog.getByLabel('Head of delegation (optional)').fill(name);
  await dialog.getByLabel('Title of the head (optional)').fill(title);
  await dialog.getByRole('button', { name: 'Add delegation' }).click();
  await expect(dialog).toHaveCount(0);
}

test('delegations used by the opening: the secretariat lists three with their heads, and a declaration built from the meeting names them and offers them as proposers', async ({
  page,
  launchHost,
}) => {
  test.setTimeout(120_000);
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await expect(page.getByRole('region', { name: 'Delegations' })).toContainText('No delegations listed yet.');
  for (const head of HEADS) await addDelegation(page, head.city, head.name, head.title);
  await expect(delegationRows(page)).toHaveText([/^1Phnom Penh.*Khuong Sreng/, /^2Vientiane/, /^3Ha Noi/]);

  // A city already listed is refused, however it is spelt.
  await page.getByRole('button', { name: 'Add delegation' }).click();
  const adding = page.getByRole('dialog', { name: 'Add delegation' });
  await adding.getByLabel('City or delegation').fill('  ha noi ');
  await adding.getByRole('button', { name: 'Add delegation' }).click();
  await expect(adding.getByText('ha noi is already listed.')).toBeVisible();
  await adding.getByRole('button', { name: 'Cancel' }).click();

  // Ha Noi is named before Vientiane: moved up by keyboard, as a secretariat officer would.
  await delegationsTable(page).getByRole('row', { name: /Ha Noi/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(delegationRows(page)).toHaveText([/^1Phnom Penh/, /^2Ha Noi/, /^3Vientiane/]);
  await expect(delegationsTable(page).getByRole('row', { name: /Ha Noi/ })).toBeFocused();
  // A head is corrected, and a guest delegation added then removed.
  await page.getByRole('button', { name: 'Edit Vientiane' }).click();
  const editing = page.getByRole('dialog', { name: 'Edit delegation' });
  await expect(editing.getByLabel('Title of the head (optional)')).toHaveValue('Mayor of Vientiane');
  await editing.getByLabel('Title of the head (optional)').fill('Mayor of Vientiane Capital');
  await editing.getByRole('button', { name: 'Save changes' }).click();
  await addDelegation(page, 'Bangkok');
  await expect(delegationRows(page).last()).toHaveText(/^4Bangkok\s*Not yet known/);
  await page.getByRole('button', { name: 'Remove Bangkok' }).click();
  await page.getByRole('dialog', { name: 'Remove delegation' }).getByRole('button', { name: 'Remove' }).click();
  await expect(delegationRows(page)).toHaveCount(3);
  await shoot(page, 'delegations-en.png');

  for (const [language, name, heading] of [
    ['Tiếng Việt', 'delegations-vi.png', 'Các phái đoàn'],
    ['ខ្មែរ', 'delegations-km.png', 'បញ្ជីគណៈប្រតិភូ'],
  ] as const) {
    await page.getByRole('button', { name: /Settings|Cài đặt/ }).click();
    await page.getByRole('menuitemradio', { name: language }).click();
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    await shoot(page, name);
  }
  await page.getByRole('button', { name: /ការកំណត់|Settings/ }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Add delegation' }).click();
  await shoot(page, 'delegations-dialog-en.png', page.getByRole('dialog', { name: 'Add delegation' }));
  await page.getByRole('dialog', { name: 'Add delegation' }).getByRole('button', { name: 'Cancel' }).click();

  await newDeclaration(page, 'Built from the meeting');
  await expect(declarationText(page).locator('[data-kind="opening"]')).toHaveText(
    'We, the Governors and Mayors of the ASEAN Capitals, namely H.E. Mr. Khuong Sreng, Governor of Phnom Penh; ' +
      'H.E. Mr. Tran Sy Thanh, Chairman of the Ha Noi People’s Committee; and H.E. Mr. Atsaphangthong Siphandone, Mayor of Vientiane Capital, ' +
      'gathered in Phnom Penh, Cambodia on 2 December 2022 on the occasion of the Meeting of Governors and Mayors of ASEAN Capitals,',
  );

  // Bracketing words offers the listed delegations, in the list's order, to choose the proposers from.
  await declarationText(page).locator('[data-kind="op"]').click();
  await page.keyboard.type('Cities shall publish open data;');
  await selectWords(page, 'Cities shall', 'shall');
  await page.getByRole('button', { name: 'Bracket', exact: true }).click();
  const bracketing = page.getByRole('dialog', { name: 'Bracket the selected words' });
  const proposers = bracketing.getByRole('group', { name: 'Proposed by (for “shall”)' }).getByRole('checkbox');
  await expect(proposers).toHaveCount(3);
  expect(await proposers.evaluateAll((boxes) => boxes.map((box) => box.parentElement?.textContent?.trim()))).toEqual(['Phnom Penh', 'Ha Noi', 'Vientiane']);
  await bracketing.getByRole('checkbox', { name: 'Ha Noi' }).check();
  await bracketing.getByRole('button', { name: 'Bracket', exact: true }).click();
  await expect(declarationText(page).locator('.doc-bracket .doc-alternative')).toHaveAttribute('title', 'Proposed by Ha Noi');
});

test('the invitation form offers the listed delegations, and a delegate who joins reads the list without changing it', async ({ laptop, makeDir, launchHost }) => {
  test.setTimeout(120_000);
  // The in-app hub listens on loopback here; at a venue it listens on the LAN.
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const a = await laptop((await launchHost(makeDir())).url);
  delete process.env.ACCORD_LAN_BIND;
  await createMeeting(a);
  const meetingId = meetingIdOf(a);
  await addDelegation(a, 'Phnom Penh', 'H.E. Mr. Khuong Sreng', 'Governor of Phnom Penh');
  await addDelegation(a, 'Ha Noi');

  await a.getByRole('button', { name: 'Host on local network' }).click();
  await a.getByRole('dialog', { name: 'Host this meeting on the local network?' }).getByRole('button', { name: 'Start hosting' }).click();
  const hosting = a.getByRole('dialog', { name: 'Host this meeting on the local network', exact: true });
  const addressItem = hosting.getByRole('list', { name: 'Hub address' }).getByRole('listitem').first();
  await expect(addressItem).toHaveText(/^ws:\/\/127\.0\.0\.1:\d+$/);
  const address = (await addressItem.innerText()).trim();
  const delegation = hosting.getByLabel('Delegation');
  await expect(delegation).toHaveAccessibleDescription('Choose a listed delegation or type another.');
  const offered = await delegation.evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value));
  expect(offered).toEqual(['Phnom Penh', 'Ha Noi']);
  await delegation.fill('Ha Noi');
  await hosting.getByRole('button', { name: 'Create code' }).click();
  const code = (await hosting.getByLabel('Invitation code').innerText()).trim();
  await expect(hosting.getByRole('list', { name: 'Invitations' })).toContainText('Ha Noi');
  await hosting.getByRole('button', { name: 'Close' }).click();
  await expect(hubStatus(a)).toContainText('Hosting on the local network');

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, address, code, 'Lan');
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await expectAllSynced(b);
  const list = b.getByRole('region', { name: 'Delegations' });
  await expect(list).toContainText('The secretariat keeps the list of delegations: you can read it, not change it.');
  await expect(delegationRows(b)).toHaveText([/^1Phnom Penh\s*H\.E\. Mr\. Khuong Sreng\s*Governor of Phnom Penh$/, /^2Ha Noi\s*Not yet known$/]);
  await expect(list.getByRole('button')).toHaveCount(0);
  await shoot(b, 'delegations-read-only-en.png');

  // The secretariat's change reaches the delegate as it is made.
  await a.getByRole('button', { name: 'Move Ha Noi up' }).click();
  await expect(delegationRows(b)).toHaveText([/^1Ha Noi/, /^2Phnom Penh/]);
  expect(meetingIdOf(b)).toBe(meetingId);
});
