import type { PrintDocument } from '../../../shared/export/printHtml';

export type { PrintDocument } from '../../../shared/export/printHtml';

/**
 * Turns a print document (HTML + print CSS) into PDF bytes. Headless Chromium in the browser
 * host and the CLI (ChromiumPdf), Electron's webContents.printToPDF in the app (electron/main/
 * electronPdf.ts): the same document, the same Chromium layout.
 */
export interface PdfEngine {
  print(doc: PrintDocument): Promise<Uint8Array>;
  /** Frees the browser or window kept for printing; print() may start another afterwards. */
  close(): Promise<void>;
}

/** Raised when no engine can print here (no Chromium found, or it would not start). */
export class PdfEngineUnavailable extends Error {}
