// Typing in a long declaration against typing in a short one, same run, same window: the time
// from a keystroke to the next frame the window paints, measured in the page. What grows with
// the length of the text (the binding, numbering, the panels beside the text) shows as the long
// declaration's figure moving away from the short one's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHostProcess } from '../support/host';
import { launchAppWindow } from './browser';
import { buildDeclaration, type DeclarationFixture } from './fixture';

const SIZES = { long: 1000, short: 20 };
/** Amendments beside the paragraphs, so each history has edits in it as a real one does. */
const EDITS = 50;
/** Rounds alternate the two declarations, so a slower moment of the machine hits both alike. */
const ROUNDS = 6;
const KEYSTROKES_PER_ROUND = 100;
const WARMUP_KEYSTROKES = 15;
/** A fast typist: about 12 characters a second. */
const SPACING_MS = 80;
const GOAL = { p99Ms: 33, ratio: 1.3 };
const EDITOR_LABEL = 'Declaration text';
const TYPED = 'and with the support of the member cities ';

/**
 * Installed in the page: every keydown's time to the next frame after it, the frame's end being
 * a task posted from inside requestAnimationFrame (it runs once that frame is produced). The
 * start is the event's own timestamp, so time the event waited behind other work counts too.
 */
const RECORDER = `(() => {
  const latencies = [];
  window.__accordKeys = latencies;
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => latencies.push(performance.now() - start);
      channel.port2.postMessage(null);
    });
  }, true);
})();`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function openAt(page: Page, url: string, fixture: DeclarationFixture): Promise<void> {
  await page.goto(url, { timeout: 30_000 });
  const text = page.getByRole('textbox', { name: EDITOR_LABEL, exact: true });
  await text.getByText(fixture.lastParagraph.slice(0, 40)).waitFor({ timeout: 60_000 });
  // The caret at the end of the middle paragraph, as a delegate amending it would put it.
  const middle = text.locator(':scope > *').nth(Math.floor(fixture.paragraphs / 2));
  await middle.scrollIntoViewIfNeeded();
  await middle.locator('[data-lexical-text]').last().click();
  await page.keyboard.press('End');
  await page.evaluate(RECORDER);
}

async function typeAndMeasure(page: Page, count: number): Promise<number[]> {
  await page.evaluate(() => ((window as unknown as { __accordKeys: number[] }).__accordKeys.length = 0));
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press(TYPED[i % TYPED.length] === ' ' ? 'Space' : TYPED[i % TYPED.length]!);
    await page.waitForTimeout(SPACING_MS);
  }
  await page.waitForFunction((n) => (window as unknown as { __accordKeys: number[] }).__accordKeys.length >= n, count, { timeout: 10_000 });
  return page.evaluate(() => [...(window as unknown as { __accordKeys: number[] }).__accordKeys]);
}

export async function typingBench(): Promise<void> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-typing-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'accord-bench-typing-profile-'));
  try {
    const long = await buildDeclaration(dataDir, SIZES.long, EDITS);
    const short = await buildDeclaration(dataDir, SIZES.short, EDITS);
    const built = performance.now() - started;
    const host = await startHostProcess(dataDir);
    const figures = { long: [] as number[], short: [] as number[] };
    try {
      const context = await launchAppWindow(profileDir);
      try {
        const pages = { long: await context.newPage(), short: await context.newPage() };
        for (const [size, fixture] of [['long', long], ['short', short]] as const) {
          await openAt(pages[size], `${host.url}#/document/${fixture.docId}`, fixture);
          await typeAndMeasure(pages[size], WARMUP_KEYSTROKES);
        }
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const size of round % 2 ? (['long', 'short'] as const) : (['short', 'long'] as const)) {
            await pages[size].bringToFront();
            figures[size].push(...(await typeAndMeasure(pages[size], KEYSTROKES_PER_ROUND)));
          }
        }
        // What was typed is in the text: the keystrokes measured were keystrokes the editor took.
        for (const size of ['long', 'short'] as const) {
          const shown = await pages[size].getByRole('textbox', { name: EDITOR_LABEL, exact: true }).innerText();
          if (!shown.includes(TYPED.trim())) throw new Error(`the ${size} declaration does not show what was typed`);
        }
      } finally {
        await context.close();
      }
    } finally {
      await host.stop();
    }

    const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;
    const p = (size: 'long' | 'short', q: number) => percentile(figures[size], q);
    const ratio = p('long', 99) / p('short', 99);
    const met = p('long', 99) <= GOAL.p99Ms && ratio <= GOAL.ratio;
    console.log('');
    console.log(
      `typing, keystroke → next frame: ${figures.long.length} keystrokes in each declaration, ${SPACING_MS} ms apart, ` +
        `caret at the end of the middle paragraph, ${ROUNDS} alternating rounds after ${WARMUP_KEYSTROKES} warm-up keystrokes`,
    );
    console.log(`                                    p50        p95        p99        max`);
    for (const [size, label] of [['short', `${SIZES.short} paragraphs (baseline)`], ['long', `${SIZES.long} paragraphs`]] as const) {
      console.log(`  ${label.padEnd(24)} ${ms(p(size, 50))}  ${ms(p(size, 95))}  ${ms(p(size, 99))}  ${ms(Math.max(...figures[size]))}`);
    }
    console.log(`  long p99 / baseline p99    ${ratio.toFixed(2)}×   (data written in ${(built / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(
      `goal: p99 ≤ ${GOAL.p99Ms} ms and ≤ ${GOAL.ratio}× the ${SIZES.short}-paragraph p99 — ${met ? 'met' : 'not met'} ` +
        `(${p('long', 99).toFixed(1)} ms, ${ratio.toFixed(2)}×)`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}
