import { type Browser, chromium } from 'playwright-core';
import { findChromium } from './findChromium';
import type { Logger } from '../../storage/logger';
import { PdfEngineUnavailable, type PdfEngine, type PrintDocument } from './pdfEngine';

export interface ChromiumPdfOptions {
  /** The Chromium to run; CHROME_PATH, else Debian's, else Playwright's (findChromium). */
  executablePath?: string;
  log?: Logger;
  /** Longest a single document may take to lay out and print. */
  timeoutMs?: number;
  /** Chromium's environment (tests hide the system's fonts with FONTCONFIG_FILE); this process's by default. */
  env?: NodeJS.ProcessEnv;
  /** The browser is closed after this long without a document to print (2 minutes by default). */
  idleMs?: number;
}

/**
 * Prints through a headless Chromium driven by playwright-core. One browser is started on first
 * use and kept while in use (a launch costs far more than a page); each document gets a page of
 * its own, which never touches the network: the HTML arrives by setContent and its fonts as
 * data: URLs.
 */
export class ChromiumPdf implements PdfEngine {
  private browser: Promise<Browser> | null = null;
  private readonly timeoutMs: number;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ChromiumPdfOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = (async () => {
        const executablePath = this.options.executablePath ?? findChromium();
        if (!executablePath) {
          throw new PdfEngineUnavailable('No Chromium found to print the PDF with: set CHROME_PATH, or install Debian’s chromium.');
        }
        try {
          const browser = await chromium.launch({
            executablePath,
            ...(this.options.env ? { env: this.options.env as Record<string, string> } : {}),
            args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
          });
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          });
          this.options.log?.info('export.chromium-started', { executablePath });
          return browser;
        } catch (error) {
          throw new PdfEngineUnavailable(`Chromium (${executablePath}) could not start to print the PDF: ${error instanceof Error ? error.message : String(error)}`);
        }
      })();
      this.browser = launching;
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
    }
    return this.browser;
  }

  async print(doc: PrintDocument): Promise<Uint8Array> {
    this.active += 1;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      return await this.printOnce(doc);
    } finally {
      this.active -= 1;
      if (this.active === 0) {
        this.idleTimer = setTimeout(() => void this.close(), this.options.idleMs ?? 120_000);
        // An idle browser never keeps the process alive.
        this.idleTimer.unref();
      }
    }
  }

  private async printOnce(doc: PrintDocument): Promise<Uint8Array> {
    const browser = await this.launch();
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(this.timeoutMs);
      // Nothing but the document itself: any request it might make is refused.
      await page.route(/^(?!data:)/, (route) => route.abort());
      await page.setContent(doc.html, { waitUntil: 'load' });
      await page.evaluate(waitForFonts);
      const templates = doc.headerTemplate !== null || doc.footerTemplate !== null;
      const pdf = await page.pdf({
        format: doc.paper === 'letter' ? 'Letter' : 'A4',
        preferCSSPageSize: true,
        margin: doc.margin,
        printBackground: true,
        outline: true,
        tagged: true,
        displayHeaderFooter: templates,
        ...(templates ? { headerTemplate: doc.headerTemplate ?? '<span></span>', footerTemplate: doc.footerTemplate ?? '<span></span>' } : {}),
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }
}

/**
 * Runs in the page: every bundled face is loaded before printing, not only those the layout has
 * asked for so far. A face first needed by a page-margin box (the footer) would otherwise not be
 * ready, and Chromium would set it in a system font.
 */
async function waitForFonts(): Promise<void> {
  const fonts = (globalThis as unknown as { document: { fonts: Iterable<{ load(): Promise<unknown> }> & { ready: Promise<unknown> } } }).document.fonts;
  await Promise.all([...fonts].map((face) => face.load().catch(() => undefined)));
  await fonts.ready;
}
