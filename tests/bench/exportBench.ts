// Export of a 50-page declaration: PDF (through the same services, Chromium and bundled fonts the
// app uses) and Word, beside a baseline measured in the same run: the same Chromium printing the
// same words as bare HTML, without Accord's layout, fonts or metadata. Reports only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../../electron/services/export/findChromium';
import { silentLogger } from '../../electron/storage/logger';
import { createServices } from '../../electron/services/services';
import { finalText, longSample, SAMPLE_MEETING, writeSampleToMeeting } from '../fixtures/exportSample';

const PAGES = 50;
const GOAL_MS = 5000;
const RUNS = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function exportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-export-'));
  const services = createServices({ dataDir: dir, version: 'bench', log: silentLogger });
  try {
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const document = await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Phnom Penh Declaration' });
    const paragraphs = longSample(PAGES);
    writeSampleToMeeting(services.replicas!, meeting.id, document.id, paragraphs);
    const exportAs = (format: 'pdf' | 'docx', mode: 'final' | 'negotiation') =>
      timed(() => Promise.resolve(services.handlers['export.declaration']({ documentId: document.id, format, mode, paper: 'a4', unagreed: 'include' })));

    const cold = await timed(async () => (await exportAs('pdf', 'negotiation')).value);
    const pdf: Record<'final' | 'negotiation', number[]> = { final: [], negotiation: [] };
    const docx: number[] = [];
    let pages = { final: 0, negotiation: cold.value.pages ?? 0 };
    for (let run = 0; run < RUNS; run += 1) {
      for (const mode of ['final', 'negotiation'] as const) {
        const result = await exportAs('pdf', mode);
        pdf[mode].push(result.ms);
        pages = { ...pages, [mode]: result.value.pages ?? 0 };
      }
      docx.push((await exportAs('docx', 'negotiation')).ms);
    }

    // Baseline: the same Chromium, the same words, plain HTML, no fonts to embed, no metadata pass.
    const browser = await chromium.launch({ executablePath: findChromium() });
    const bare = `<!doctype html><meta charset="utf-8"><body>${paragraphs.map((p) => `<p>${escape(finalText(p))}</p>`).join('')}</body>`;
    const baseline: number[] = [];
    let basePages = 0;
    for (let run = 0; run <= RUNS; run += 1) {
      const { ms, value } = await timed(async () => {
        const page = await browser.newPage();
        await page.setContent(bare);
        const bytes = await page.pdf({ format: 'A4' });
        await page.close();
        return bytes;
      });
      if (run > 0) baseline.push(ms);
      basePages = (value.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    }
    await browser.close();

    const line = (label: string, ms: number, note: string) => console.log(`  ${label.padEnd(34)} ${`${Math.round(ms)} ms`.padStart(9)}   ${note}`);
    console.log(`\nexport, a ${paragraphs.length}-paragraph declaration (median of ${RUNS}, Chromium kept running between exports)`);
    line('PDF, negotiation draft, cold', cold.ms, `${cold.value.pages} pages, Chromium launched first`);
    line('PDF, negotiation draft', median(pdf.negotiation), `${pages.negotiation} pages`);
    line('PDF, final text', median(pdf.final), `${pages.final} pages`);
    line('Word (DOCX), negotiation draft', median(docx), '');
    line('baseline: bare HTML → PDF, same Chromium', median(baseline), `${basePages} pages, no bundled fonts, layout or metadata`);
    const worst = Math.max(cold.ms, median(pdf.negotiation));
    console.log(`goal: 50-page PDF ≤ ${GOAL_MS / 1000} s — ${worst <= GOAL_MS ? 'met' : 'not met'} (${(worst / 1000).toFixed(1)} s, cold start included)`);
  } finally {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
