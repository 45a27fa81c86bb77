import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}

/** In-page milestones, in ms since the navigation's time origin. */
export interface PageTimeline {
  /** Response of the document itself has ended (after the token redirect). */
  html: number;
  domContentLoaded: number;
  /** The textbox exists (the editor mounted, possibly still empty). */
  mounted: number | null;
  /** The textbox holds the last paragraph and is editable. */
  ready: number | null;
}

interface BenchProbe {
  mounted: number | null;
  ready: number | null;
}

/**
 * Installed before the app's scripts: a MutationObserver notes when the editor mounts and when it
 * becomes usable, so the timeline can say where the time went without polling from Node. A string,
 * not a function: tsx wraps named functions in a `__name` helper the page does not have.
 */
function probe(label: string, text: string): string {
  return `(() => {
    const label = ${JSON.stringify(label)};
    const text = ${JSON.stringify(text)};
    const state = { mounted: null, ready: null };
    window.__accordBench = state;
    const observer = new MutationObserver(() => {
      const box = document.querySelector('[role="textbox"][aria-label="' + label + '"]');
      if (!box) return;
      state.mounted ??= performance.now();
      if (box.getAttribute('contenteditable') === 'true' && (box.textContent ?? '').includes(text)) {
        state.ready = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  })();`;
}

export interface OpenResult {
  ms: number;
  timeline: PageTimeline;
}

/**
 * Time from `goto` until the declaration's textbox shows the last paragraph and accepts input, on a
 * fresh page of the same browser context.
 */
export async function openDeclaration(browser: Browser, target: string, label: string, text: string): Promise<OpenResult> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page: Page = await context.newPage();
  try {
    await page.addInitScript(probe(label, text));
    const start = performance.now();
    await page.goto(target, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(
      () => (window as unknown as { __accordBench?: BenchProbe }).__accordBench?.ready != null,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const ms = performance.now() - start;

    // The probe's CSS query must be the element an assistive technology would find.
    const box = page.getByRole('textbox', { name: label, exact: true });
    if ((await box.getAttribute('contenteditable')) !== 'true' || !(await box.textContent())?.includes(text)) {
      throw new Error('the role query and the probe disagree about the editor');
    }
    const timeline = await page.evaluate((): PageTimeline => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const bench = (window as unknown as { __accordBench: BenchProbe }).__accordBench;
      return {
        html: nav?.responseEnd ?? NaN,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
        mounted: bench.mounted,
        ready: bench.ready,
      };
    });
    return { ms, timeline };
  } finally {
    await page.close();
  }
}
