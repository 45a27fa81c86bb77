import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';

const HOST_CLI = resolve(import.meta.dirname, '../../dist/electron/host-cli.cjs');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const READY = /^Accord ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/;

export interface Host {
  url: string;
  stop(): Promise<void>;
}

/** Starts the built browser host on `dataDir` and resolves with the address it prints. */
export async function startHost(dataDir: string, timeoutMs = 15_000): Promise<Host> {
  const child = spawn(process.execPath, [HOST_CLI, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const stop = () => stopChild(child);
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host printed no ready line within ${timeoutMs} ms`)), timeoutMs);
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        output.push(`${line}\n`);
        const match = READY.exec(line.trim());
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${signal ?? code}) before it was ready`));
      });
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output.join('')}`, { cause: error });
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
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
