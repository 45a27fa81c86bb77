import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfEngine, PrintDocument } from '../services/export/pdfEngine';

/** "24mm", "0.5in", "12pt" → inches, as printToPDF takes its margins. */
export function toInches(length: string): number {
  const match = /^([\d.]+)\s*(mm|cm|in|pt|px)$/.exec(length.trim());
  if (!match) return 0.4;
  const value = Number(match[1]);
  const perInch: Record<string, number> = { mm: 25.4, cm: 2.54, in: 1, pt: 72, px: 96 };
  return value / perInch[match[2]!]!;
}

/**
 * The app's PDF engine: Electron's own Chromium prints the same HTML + print CSS the headless
 * engine prints. Each document is loaded from a private temporary file (its fonts make it too
 * large for a data: URL) into a hidden (show: false), sandboxed window closed afterwards. Not
 * an offscreen window: offscreen rendering swaps the compositor, and nothing here needs it.
 */
export class ElectronPdf implements PdfEngine {
  async print(doc: PrintDocument): Promise<Uint8Array> {
    const dir = await mkdtemp(join(tmpdir(), 'accord-print-'));
    const file = join(dir, 'document.html');
    const window = new BrowserWindow({
      show: false,
      width: 900,
      height: 1200,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false },
    });
    try {
      await writeFile(file, doc.html, { mode: 0o600 });
      await window.loadFile(file);
      // Every bundled face loaded before printing, not only those laid out so far (see chromiumPdf.ts).
      await window.webContents.executeJavaScript(
        'Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined))).then(() => document.fonts.ready).then(() => true)',
      );
      const templates = doc.headerTemplate !== null || doc.footerTemplate !== null;
      const pdf = await window.webContents.printToPDF({
        pageSize: doc.paper === 'letter' ? 'Letter' : 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
        margins: {
          top: toInches(doc.margin.top),
          right: toInches(doc.margin.right),
          bottom: toInches(doc.margin.bottom),
          left: toInches(doc.margin.left),
        },
        displayHeaderFooter: templates,
        ...(templates ? { headerTemplate: doc.headerTemplate ?? '<span></span>', footerTemplate: doc.footerTemplate ?? '<span></span>' } : {}),
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      if (!window.isDestroyed()) window.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    // Nothing is kept between documents.
  }
}
