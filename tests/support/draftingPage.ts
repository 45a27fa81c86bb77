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

/** A paragraph's status mark as drawn, and the boxes that would cut it off, in CSS pixels of the viewport. */
export interface StatusMark {
  /** The paragraph's first words. */
  paragraph: string;
  label: string;
  mark: Box;
  /** Each box that clips what the mark paints: the paragraph and its ancestors that clip (overflow, paint containment), and the window. */
  clips: Array<{ name: string; box: Box }>;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Every status mark in the declaration with its own box. The mark is a ::after pseudo-element,
 * which the page's script cannot measure; the DevTools protocol gives its box as laid out.
 */
export async function statusMarks(page: Page): Promise<StatusMark[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    interface Node {
      nodeId: number;
      attributes?: string[];
      children?: Node[];
      pseudoElements?: Array<Node & { pseudoType?: string }>;
    }
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: Node };
    const marked: Array<{ paragraph: Node; after: Node }> = [];
    const visit = (node: Node) => {
      const attributes = node.attributes ?? [];
      const label = attributes[attributes.indexOf('data-status-label') + 1];
      const after = node.pseudoElements?.find((pseudo) => pseudo.pseudoType === 'after');
      if (attributes.includes('data-status-label') && label && after) marked.push({ paragraph: node, after });
      node.children?.forEach(visit);
    };
    visit(root);
    const marks: StatusMark[] = [];
    for (const { paragraph: node, after } of marked) {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: after.nodeId })) as { model: { border: number[] } };
      const xs = [0, 2, 4, 6].map((i) => model.border[i]!);
      const ys = [1, 3, 5, 7].map((i) => model.border[i]!);
      const mark = { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
      const { object } = (await cdp.send('DOM.resolveNode', { nodeId: node.nodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        returnByValue: true,
        functionDeclaration: `function () {
          const inner = (element) => {
            const rect = element.getBoundingClientRect();
            const left = rect.left + element.clientLeft;
            const top = rect.top + element.clientTop;
            return { left, top, right: left + element.clientWidth, bottom: top + element.clientHeight };
          };
          const clips = [];
          for (let element = this; element; element = element.parentElement) {
            const style = getComputedStyle(element);
            // content-visibility other than visible contains paint as contain: paint does.
            if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || /paint|strict|content/.test(style.contain) || style.contentVisibility !== 'visible') {
              clips.push({ name: element === this ? 'the paragraph' : element.className || element.tagName, box: inner(element) });
            }
          }
          clips.push({ name: 'the window', box: { left: 0, top: 0, right: innerWidth, bottom: innerHeight } });
          return { paragraph: this.textContent.slice(0, 30), label: this.dataset.statusLabel, clips };
        }`,
      })) as { result: { value: Omit<StatusMark, 'mark'> } };
      marks.push({ ...result.value, mark });
    }
    return marks;
  } finally {
    await cdp.detach();
  }
}
