import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdf } from '../../../../../electron/services/export/chromiumPdf';
import { Exporter } from '../../../../../electron/services/export/exporter';
import { findChromium } from '../../../../../electron/services/export/findChromium';
import { createServices, DATABASE_FILE } from '../../../../../electron/services/services';
import { Versions } from '../../../../../electron/services/versions';
import { AppStore } from '../../../../../electron/storage/appStore';
import { silentLogger } from '../../../../../electron/storage/logger';
import { Replicas } from '../../../../../electron/storage/replicas';
import { longSample, SAMPLE_MEETING, SAMPLE_PARAGRAPHS, type SampleParagraph, writeSampleToMeeting } from '../../../../fixtures/exportSample';

// Two versions of a declaration, Rev.1 and Rev.2, exported as a redline PDF through headless
// Chromium and read back with poppler; the first page of each is kept as a PNG in
// test-results/export/ for a person to look at.

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-results', 'export');
const chromium = findChromium();
const has = (tool: string) => spawnSync(tool, ['-v']).error === undefined;
const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Saved at 09:00 and 16:30 in Phnom Penh (UTC+7), on the meeting's day. */
const REV1_AT = Date.parse('2022-12-02T02:00:00Z');
const REV2_AT = Date.parse('2022-12-02T09:30:00Z');
const THAI_OP = SAMPLE_PARAGRAPHS.find((p) => p.id === 'clause-op-th')!;
const NEW_OP: SampleParagraph = { id: 'clause-op-new', kind: 'op', parts: ['Request the secretariat to report on progress at the next meeting.'] };

/**
 * Rev.2: words inserted into and deleted from the first English OP, the first Khmer OP moved up
 * before the Vietnamese one, the first Thai OP removed, and an OP added before the adoption.
 */
function secondRevision(paragraphs: ReadonlyArray<SampleParagraph>): SampleParagraph[] {
  const first = (prefix: string) => paragraphs.find((p) => p.id.startsWith(prefix))!;
  const [english, khmer, thai, vietnamese] = [first('clause-op-en'), first('clause-op-km'), first('clause-op-th'), first('clause-op-vi')];
  const edited: SampleParagraph = {
    ...english,
    parts: english.parts.map((part) => (part === ' publish ' ? ' share and publish ' : part === ' on air quality;' ? ' on air and noise;' : part)),
  };
  const rest = paragraphs.filter((p) => p !== khmer && p !== thai).map((p) => (p === english ? edited : p));
  rest.splice(rest.indexOf(vietnamese), 0, khmer);
  rest.splice(rest.findIndex((p) => p.kind === 'adoption'), 0, NEW_OP);
  return rest;
}

describe.skipIf(!chromium || !has('pdftotext'))('a redline of two versions, printed through headless Chromium', () => {
  let dir: string;
  let store: AppStore;
  let replicas: Replicas;
  let exporter: Exporter;
  let documentId: string;
  let longDocumentId: string;
  const versionIds: Record<string, { rev1: string; rev2: string }> = {};
  const engine = new ChromiumPdf({ executablePath: chromium });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-redline-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    let clock = REV1_AT;
    const services = createServices({ dataDir: dir, version: 'test', log: silentLogger, now: () => clock });
    const { handlers } = services;
    // The window is in Vietnamese, the declarations in English: the redline follows the document.
    await handlers['settings.update']({ language: 'vi' });
    const meeting = await handlers['meetings.create'](SAMPLE_MEETING);
    const twoRevisions = async (title: string, rev1: SampleParagraph[]) => {
      const document = await handlers['documents.create']({ meetingId: meeting.id, title, language: 'en' });
      await handlers['documents.setReference']({ documentId: document.id, symbol: 'ASCN/8/DECL/Rev.2', distribution: 'General' });
      writeSampleToMeeting(services.replicas!, meeting.id, document.id, rev1);
      clock = REV1_AT;
      const first = await handlers['versions.save']({ documentId: document.id, label: 'Rev.1', status: 'draft' });
      writeSampleToMeeting(services.replicas!, meeting.id, document.id, secondRevision(rev1));
      clock = REV2_AT;
      const second = await handlers['versions.save']({ documentId: document.id, label: 'Rev.2', status: 'draft' });
      versionIds[document.id] = { rev1: first.id, rev2: second.id };
      return document.id;
    };
    documentId = await twoRevisions('Phnom Penh Declaration', SAMPLE_PARAGRAPHS);
    longDocumentId = await twoRevisions('Long draft', longSample(3));
    services.close();

    store = AppStore.open(join(dir, DATABASE_FILE));
    replicas = new Replicas({ store, now: () => REV2_AT, log: silentLogger });
    const versions = new Versions({ store, replicas, now: () => REV2_AT, newId: () => crypto.randomUUID(), log: silentLogger });
    exporter = new Exporter({ store, replicas, versions, pdf: engine, now: () => REV2_AT, log: silentLogger, timezoneOffset: () => -420 });
  }, 60_000);

  afterAll(async () => {
    await engine.close();
    replicas?.closeAll();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function exportPdf(name: string, request: Partial<Parameters<Exporter['renderComparison']>[0]> = {}) {
    const { rev1, rev2 } = versionIds[request.documentId ?? documentId]!;
    const result = await exporter.renderComparison({ documentId, from: rev1, to: rev2, format: 'pdf', paper: 'a4', changesOnly: false, ...request });
    const file = join(ARTIFACTS, `${name}.pdf`);
    writeFileSync(file, result.bytes);
    run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, join(ARTIFACTS, `${name}-page1`)]);
    return { result, file, text: run('pdftotext', [file, '-']) };
  }

  it("prints the deleted and inserted words, the moved, removed and added OPs, under a header naming both versions, in the document's language", async () => {
    const { result, text, file } = await exportPdf('redline');
    expect(result.fileName).toBe('Phnom Penh Declaration (Comparison, Rev.1 – Rev.2).pdf');
    expect(text).toContain('Comparison · Phnom Penh Declaration');
    expect(squeeze(text)).toContain(squeeze('From Rev.1 (2 December 2022, 09:00) to Rev.2 (2 December 2022, 16:30)'));
    expect(text).toContain('ASCN/8/DECL/Rev.2');
    expect(text).toContain('Distribution: General');
    // OP1 reads with both its old and its new words: a redline, not the new text alone.
    expect(squeeze(text)).toContain(squeeze('share and publish open data on air quality and noise;'));
    expect(text).toContain('Moved: was OP3');
    expect(text).toContain('Removed');
    expect(squeeze(text)).toContain(squeeze(THAI_OP.parts.join('')));
    expect(text).toContain('Added');
    expect(squeeze(text)).toContain(squeeze('Request the secretariat to report on progress'));
    expect(text).toMatch(/Page 1 of \d/);
    // Every face it prints in is one it was given, the Khmer and Thai of the sample included.
    for (const row of run('pdffonts', [file]).trim().split('\n').slice(2)) expect(row).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)/);
  });

  it('changes only: the changed paragraphs with their labels, and nothing that stayed the same', async () => {
    const { result, text } = await exportPdf('redline-changes-only', { changesOnly: true });
    expect(result.fileName).toBe('Phnom Penh Declaration (Comparison, Rev.1 – Rev.2, Changes only).pdf');
    expect(text).toContain('Changes only');
    for (const label of ['OP1', 'OP2', 'OP4']) expect(text).toContain(label);
    expect(squeeze(text)).toContain(squeeze(THAI_OP.parts.join('')));
    // The title, the opening and the unchanged PPs are not listed.
    expect(text).not.toContain('We, the Governors and Mayors');
    expect(text).not.toContain('Recognizing the necessity');
  });

  it('names both versions, the symbol and "Page X of Y" on every page of a long redline', async () => {
    const { result, file } = await exportPdf('redline-long', { documentId: longDocumentId });
    expect(result.pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= result.pages!; page += 1) {
      const text = run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);
      expect(text, `page ${page}`).toContain('ASCN/8/DECL/Rev.2');
      expect(squeeze(text), `page ${page}`).toContain(squeeze('From Rev.1 (2 December 2022, 09:00) to Rev.2 (2 December 2022, 16:30)'));
      expect(text, `page ${page}`).toContain(`Page ${page} of ${result.pages}`);
    }
  }, 60_000);

  it('prints its page furniture in Vietnamese when asked', async () => {
    const { text } = await exportPdf('redline-vi', { language: 'vi' });
    expect(squeeze(text)).toContain(squeeze('Từ Rev.1 (ngày 2 tháng 12 năm 2022, 09:00) đến Rev.2 (ngày 2 tháng 12 năm 2022, 16:30)'));
    expect(text).toContain('Đã chuyển chỗ: trước là OP3');
    expect(text).toMatch(/Trang 1 \/ \d/);
    expect(text).not.toMatch(/Page \d/);
  });

  it('prints its page furniture in Khmer when asked, set in the bundled Khmer face', async () => {
    const { text, file } = await exportPdf('redline-km', { language: 'km' });
    expect(squeeze(text)).toContain(squeeze('ការប្រៀបធៀបកំណែ · Phnom Penh Declaration'));
    expect(squeeze(text)).toContain(squeeze('បានផ្លាស់ទីតាំង៖ ពីមុនជា OP3'));
    expect(squeeze(text)).toMatch(/ទំព័រ1\/\d/);
    expect(run('pdffonts', [file])).toContain('NotoSerifKhmer');
  });

  it('compares a version with the current text, named as such, and makes a Word file of it', async () => {
    const { rev1 } = versionIds[documentId]!;
    const result = await exporter.renderComparison({ documentId, from: rev1, to: 'current', format: 'docx', paper: 'a4', changesOnly: true });
    expect(result.fileName).toBe('Phnom Penh Declaration (Comparison, Rev.1 – Current text, Changes only).docx');
    writeFileSync(join(ARTIFACTS, 'redline-changes-only.docx'), result.bytes);
    const document = strFromU8(unzipSync(result.bytes)['word/document.xml']!);
    expect(document).toMatch(/<w:strike\/>[\s\S]*?<w:t[^>]*>quality<\/w:t>/);
    expect(document).toMatch(/<w:u w:val="single"\/>[\s\S]*?<w:t[^>]*>share and <\/w:t>/);
  });
});
