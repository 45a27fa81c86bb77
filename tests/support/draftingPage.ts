import { expect, type Locator, type Page } from '@playwright/test';
import { declarationText } from './accordPage';

/** A paragraph of the declaration by a words it contains. */
export function paragraph(page: Page, text: string): Locator {
  return declarationText(page).locator(':scope > *', { hasText: text });
}

/** The derived numbers of the operative paragraphs and sub-paragraphs, with their first words. */
export async function numbering(page: Page): Promise<string[]> {
  return declarationText(page)
    .locator(':scope > [data-kind="op"], :scope > [data-kind="sub"]')
    .evaluateAll((nodes) => nodes.map((node) => `${(node as HTMLElement).dataset.number ?? '?'} ${node.textContent}`));
}

/** Puts the caret at the end of a paragraph, as a click there would. */
export async function clickEndOf(page: Page, text: string): Promise<void> {
  await paragraph(page, text).locator('[data-lexical-text]').last().click();
  await page.keyboard.press('End');
}

/** Selects some words inside one paragraph with the keyboard, as a delegate would with Shift+→. */
export async function selectWords(page: Page, inParagraph: string, words: string): Promise<void> {
  const target = paragraph(page, inParagraph);
  const at = (await target.textContent())!.indexOf(words);
  if (at === -1) throw new Error(`“${words}” is not in the paragraph “${inParagraph}”`);
  // A click during a layout shift (a panel opening beside the text) can land in the paragraph
  // above: the caret must be in the target before counting characters from its start.
  await expect(async () => {
    await target.locator('[data-lexical-text]').first().click();
    await page.keyboard.press('Home');
    expect(await target.evaluate((element) => element.contains(document.getSelection()?.anchorNode ?? null))).toBe(true);
  }).toPass({ timeout: 10_000 });
  for (let i = 0; i < at; i += 1) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < words.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(words);
}
