import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium';

/**
 * Headless Chromium with a profile directory of its own, as the app window has (Electron's and
 * the host's `--open` window both keep one): its HTTP and compiled-code caches are part of what a
 * user gets from the second start on. A throwaway incognito context has neither.
 */
export function launchAppWindow(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...chromiumLaunchOptions(), headless: true });
}

/** In-page milestones, in ms since the navigation's time origin. */
export interface PageTimeline {
  /** Response of the document itself has ended (after the token redirect). */
  html: number;
  domContentLoaded: number;
  /** The app's modules are evaluated (User Timing mark of the renderer). */
  modulesDone: number | null;
  /** The textbox exists (the editor mounted, possibly still empty). */
  mounted: number | null;
  /** Main's copy of the text is applied to the window's Y.Doc and bound to the editor. */
  synced: number | null;
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

const waitUntilReady = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __accordBench?: BenchProbe }).__accordBench?.ready != null, undefined, {
    polling: 'raf',
    timeout: 30_000,
  });

/** The probe's CSS query must be the element an assistive technology would find. */
async function checkByRole(page: Page, label: string, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: label, exact: true });
  if ((await box.getAttribute('contenteditable')) !== 'true' || !(await box.textContent())?.includes(text)) {
    throw new Error('the role query and the probe disagree about the editor');
  }
}

/**
 * App start on a declaration (a reload, or a restart that lands where the user was): time from
 * `goto` until the declaration's textbox shows the last paragraph and accepts input, on a fresh
 * page of the same browser context.
 */
export async function openDeclaration(context: BrowserContext, target: string, label: string, text: string): Promise<OpenResult> {
  const page: Page = await context.newPage();
  try {
    await page.addInitScript(probe(label, text));
    const start = performance.now();
    await page.goto(target, { waitUntil: 'commit', timeout: 30_000 });
    await waitUntilReady(page);
    const ms = performance.now() - start;
    await checkByRole(page, label, text);
    const timeline = await page.evaluate((): PageTimeline => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const bench = (window as unknown as { __accordBench: BenchProbe }).__accordBench;
      return {
        html: nav?.responseEnd ?? NaN,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
        modulesDone: performance.getEntriesByName('accord:modules-done', 'mark')[0]?.startTime ?? null,
        mounted: bench.mounted,
        synced: performance.getEntriesByName('accord:synced', 'mark')[0]?.startTime ?? null,
        ready: bench.ready,
      };
    });
    return { ms, timeline };
  } finally {
    await page.close();
  }
}

/**
 * Opening a declaration in the running app, as a delegate does from the meeting screen: time from
 * the click on its link until its textbox shows the last paragraph and accepts input.
 */
export async function openFromMeeting(page: Page, meetingUrl: string, title: string, label: string, text: string): Promise<number> {
  await page.goto(meetingUrl, { timeout: 30_000 });
  const link = page.getByRole('link', { name: title });
  await link.waitFor({ timeout: 30_000 });
  await page.evaluate(probe(label, text));
  const start = performance.now();
  await link.click();
  await waitUntilReady(page);
  const ms = performance.now() - start;
  await checkByRole(page, label, text);
  return ms;
}
