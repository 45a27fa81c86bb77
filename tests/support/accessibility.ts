import type { Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';
import { createRequire } from 'node:module';
import { expect } from './fixtures';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function describe(violation: Result): string {
  const nodes = violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n\s*/g, ' ')}`);
  return `${violation.id} (${violation.impact}): ${violation.help}\n${nodes.join('\n')}`;
}

/** Runs axe-core's WCAG 2.1 A and AA rules on the screen as it is; any serious or critical violation fails the test (after every screen has been checked). */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_21_AA,
  );
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect.soft(serious.map(describe), `serious or critical axe-core violations on ${screen}`).toEqual([]);
}
