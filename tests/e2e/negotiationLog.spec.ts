import { mkdirSync, copyFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { recordNegotiation } from '../../shared/declaration/negotiationLog';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expectAllSynced, joinMeeting, publishToHub } from '../support/collaboration';
import { clickEndOf, paragraph, selectWords } from '../support/draftingPage';
import { expect, test } from '../support/fixtures';
import { invite } from '../support/hub';

test.describe.configure({ timeout: 180_000 });

/** Where the screenshots of the log are kept for a person to look at, besides the test's own output. */
const SHOTS = process.env.ACCORD_LOG_SHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(name);
  await page.screenshot({ path });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path, `${SHOTS}/${name}`);
  }
}

function logPanel(page: Page) {
  return page.getByRole('dialog', { name: 'Negotiation log' });
}

/** The delegate brackets words of a paragraph for its own delegation, ticked by default. */
async function bracket(page: Page, inParagraph: string, words: string): Promise<void> {
  await selectWords(page, inParagraph, words);
  await page.getByRole('button', { name: 'Bracket', exact: true }).click();
  await page.getByRole('dialog', { name: 'Bracket the selected words' }).getByRole('button', { name: 'Bracket', exact: true }).click();
  await expect(paragraph(page, inParagraph).locator('.doc-bracket', { hasText: words })).toBeVisible();
}

test('the log filtered by a delegation shows only what concerns it, and takes new entries while open', async ({ laptop, makeDir, launchHost, launchHub }) => {
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  const a = await laptop((await launchHost(makeDir())).url);
  await createMeeting(a);
  const meetingId = await publishToHub(a, hub, hubDir);
  await newDeclaration(a, 'Built from the meeting');
  const text = declarationText(a);
  await text.locator('[data-kind="pp"]').click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await text.locator('[data-kind="op"]').click();
  await a.keyboard.type('Cities shall publish open data;');
  await a.keyboard.press('Enter');
  await a.keyboard.type('Promote clean public transport;');

  // The secretariat's decisions: PP1 agreed, OP1 agreed ad referendum.
  const panel = a.getByRole('region', { name: 'Paragraph' });
  await clickEndOf(a, 'Recognizing the role');
  await panel.getByLabel('Status').selectOption({ label: 'Agreed' });
  await clickEndOf(a, 'publish open data');
  await panel.getByLabel('Status').selectOption({ label: 'Agreed ad referendum' });
  await expectSaved(a);
  await expectAllSynced(a);

  // Ha Noi's delegate proposes a bracket in OP2.
  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, hub.url, invite(hubDir, meetingId, 'delegate', 'Ha Noi'), 'Lan');
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await b.getByRole('link', { name: /Phnom Penh Declaration|Draft declaration/ }).click();
  await expect(declarationText(b)).toContainText('Promote clean public transport;');
  await bracket(b, 'Promote clean', 'clean');

  await a.getByRole('button', { name: 'Negotiation log' }).click();
  const log = logPanel(a);
  const entries = log.getByRole('list', { name: 'Entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(3);
  const proposal = entries.first();
  await expect(proposal).toContainText('OP2');
  await expect(proposal).toContainText('Bracket proposed');
  await expect(proposal).toContainText('“clean” (Ha Noi)');
  await expect(proposal).toContainText('Lan · Ha Noi (Delegate)');
  await expect(proposal).toContainText('Verified by the hub');
  await expect(entries.nth(1)).toContainText('OP1');
  await expect(entries.nth(1)).toContainText('Marked “Agreed ad referendum”');
  await expect(entries.nth(1)).toContainText('Sophea (Secretariat) · Secretariat');
  await expect(entries.nth(2)).toContainText('PP1');
  await expect(entries.nth(2)).toContainText('Marked “Agreed”');

  const delegation = log.getByLabel('Delegation');
  const paragraphFilter = log.getByLabel('Paragraph');
  await delegation.selectOption({ label: 'Ha Noi' });
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Bracket proposed');
  await expect(log.getByRole('status')).toHaveText('1 of 3 entries');
  await delegation.selectOption({ label: 'Secretariat' });
  await expect(entries).toHaveCount(2);
  await expect(entries).toContainText(['Marked “Agreed ad referendum”', 'Marked “Agreed”']);

  // Both filters at once: the secretariat did nothing in OP2.
  await paragraphFilter.selectOption({ label: 'OP2' });
  await expect(entries).toHaveCount(0);
  await expect(log).toContainText('No entry matches these filters.');
  await log.getByRole('button', { name: 'Show all entries' }).click();
  await expect(entries).toHaveCount(3);

  // Live: Ha Noi proposes again while the secretariat reads the log, filtered to Ha Noi.
  await delegation.selectOption({ label: 'Ha Noi' });
  await expect(entries).toHaveCount(1);
  await bracket(b, 'publish open data', 'open data');
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('OP1');
  await expect(entries.first()).toContainText('“open data” (Ha Noi)');
  await paragraphFilter.selectOption({ label: 'OP2' });
  await delegation.selectOption({ label: 'Secretariat' });
  await shoot(a, 'negotiation-log-no-match-en.png');

  // The secretariat agrees Ha Noi's wording in OP2: the agreement is about Ha Noi too.
  await log.getByRole('button', { name: 'Close the negotiation log' }).click();
  await expect(log).toBeHidden();
  await paragraph(a, 'public transport').locator('.doc-alternative', { hasText: 'clean' }).click();
  await panel.getByRole('button', { name: 'Agree on “clean”' }).click();
  await expect(paragraph(a, 'public transport').locator('.doc-bracket')).toHaveCount(0);
  await a.getByRole('button', { name: 'Negotiation log' }).click();
  await expect(entries).toHaveCount(5);
  await expect(entries.first()).toContainText('OP2');
  await expect(entries.first()).toContainText('Bracket agreed: “clean” kept');
  await expect(entries.first()).toContainText('Proposed by Ha Noi');
  await delegation.selectOption({ label: 'Ha Noi' });
  await expect(entries).toHaveCount(3);
  await delegation.selectOption({ label: 'All delegations' });
  await shoot(a, 'negotiation-log-en.png');

  for (const [language, name] of [
    ['Tiếng Việt', 'negotiation-log-vi.png'],
    ['ខ្មែរ', 'negotiation-log-km.png'],
  ] as const) {
    await a.getByRole('button', { name: /Settings|Cài đặt/ }).click();
    await a.getByRole('menuitemradio', { name: language }).click();
    await expect(a.locator('html')).toHaveAttribute('lang', language === 'ខ្មែរ' ? 'km' : 'vi');
    await expect(a.getByRole('dialog').getByRole('listitem')).toHaveCount(5);
    await shoot(a, name);
  }
});

test('a log entry a modified client signs as the secretariat shows the delegation the hub recorded, and the name it claims', async ({
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
  await newDeclaration(a);
  await declarationText(a).click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await expectAllSynced(a);
  const documentId = /#\/document\/([a-z0-9-]+)/.exec(a.url())![1]!;

  // Manila's delegation runs a modified client: a plain Yjs client that logs a proposal as the secretariat's.
  const code = invite(hubDir, meetingId, 'delegate', 'Manila');
  const forger = new Y.Doc();
  const provider = new WebsocketProvider(hub.url, `doc/${meetingId}/${documentId}`, forger, {
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { Authorization: `Bearer ${code}` } });
      }
    } as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await expect.poll(() => provider.synced).toBe(true);
    await a.getByRole('button', { name: 'Negotiation log' }).click();
    const log = logPanel(a);
    await expect(log).toContainText('Nothing is recorded yet.');
    await shoot(a, 'negotiation-log-empty-en.png');
    recordNegotiation(forger, {
      type: 'bracket-added',
      bracketId: 'bracket-forged',
      alternatives: [{ text: 'capital', proposers: ['Ha Noi'] }],
      by: { name: 'Sophea (Secretariat)', role: 'secretariat', delegation: null },
      at: Date.now(),
    });
    const entry = log.getByRole('listitem');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Manila (Delegate)');
    await expect(entry).toContainText('Recorded as Sophea (Secretariat) · Secretariat');
    await expect(entry).not.toContainText('Verified by the hub');
    await shoot(a, 'negotiation-log-recorded-as-en.png');

    // Filtered as the hub knows the writer: Manila's (and Ha Noi's, named as proposing), never the secretariat's.
    await expect(log.getByLabel('Delegation').locator('option')).toHaveText(['All delegations', 'Ha Noi', 'Manila']);
    await log.getByLabel('Delegation').selectOption({ label: 'Manila' });
    await expect(entry).toHaveCount(1);
  } finally {
    provider.destroy();
  }
});
