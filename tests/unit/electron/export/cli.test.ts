import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../../electron/services/export/findChromium';
import { silentLogger } from '../../../../electron/storage/logger';
import { createServices } from '../../../../electron/services/services';
import { SAMPLE_MEETING, SAMPLE_PARAGRAPHS, writeSampleToMeeting } from '../../../fixtures/exportSample';

// `npm run export` as a person runs it: the CLI bundled once with esbuild (as scripts/build.mjs
// does; native better-sqlite3 and playwright-core stay requires of the installed packages) and
// started with plain node on a data directory made through the services.

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(ROOT, 'electron', 'export', 'cli.ts');
const chromium = findChromium();

async function bundleCli(dir: string): Promise<string> {
  const outfile = join(dir, 'export-cli.cjs');
  const require = createRequire(import.meta.url);
  const installed: Record<string, string> = {
    'better-sqlite3': require.resolve('better-sqlite3'),
    'playwright-core': require.resolve('playwright-core'),
  };
  await build({
    entryPoints: [CLI],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    external: ['electron', 'bufferutil', 'utf-8-validate'],
    plugins: [
      {
        name: 'installed-natives',
        setup(b) {
          b.onResolve({ filter: /^(better-sqlite3|playwright-core)$/ }, (args) => ({ path: installed[args.path]!, external: true }));
        },
      },
    ],
  });
  return outfile;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let cli: string;
let work: string;
let dataDir: string;
let outDir: string;
let documentId: string;
let ambiguous: string[];

function runCli(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // cwd: the repository, as `npm run` starts it (the bundle finds the bundled fonts from there).
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, INIT_CWD: ROOT } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const base = (out: string) => ['--data', dataDir, '--doc', documentId, '--format', 'pdf', '--mode', 'final', '--unagreed', 'include', '--out', out];

/** Nothing in the output folder but what a test expects: no temporary file left behind. */
function expectOutDir(expected: string[]): void {
  expect(readdirSync(outDir).sort()).toEqual([...expected].sort());
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'accord-export-cli-'));
  dataDir = join(work, 'data');
  outDir = join(work, 'out');
  mkdirSync(outDir);
  cli = await bundleCli(work);

  const services = createServices({ dataDir, version: 'test', log: silentLogger });
  const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
  const other = await services.handlers['meetings.create']({ ...SAMPLE_MEETING, title: 'Meeting of ASEAN Ministers', startDate: '2023-03-01', endDate: '2023-03-02' });
  const declaration = await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Phnom Penh Declaration' });
  documentId = declaration.id;
  writeSampleToMeeting(services.replicas!, meeting.id, documentId);
  // A version holding the whole sample, then a current text without the Thai OP.
  await services.handlers['versions.save']({ documentId, label: 'Second reading', status: 'draft' });
  writeSampleToMeeting(services.replicas!, meeting.id, documentId, SAMPLE_PARAGRAPHS.filter((p) => p.id !== 'clause-op-th'));
  ambiguous = [
    (await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' })).id,
    (await services.handlers['documents.create']({ meetingId: other.id, title: 'Draft declaration' })).id,
  ];
  services.close();
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run export (CLI)', () => {
  it.skipIf(!chromium)('writes a PDF of a document found by its title, and nothing else', async () => {
    const out = join(outDir, 'declaration.pdf');
    const result = await runCli(['--data', dataDir, '--doc', 'Phnom Penh Declaration', '--format', 'pdf', '--mode', 'negotiation', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported “Phnom Penh Declaration” \(negotiation, pdf, 1 page\) to .*declaration\.pdf\n$/);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expectOutDir(['declaration.pdf']);
    rmSync(out);
  }, 60_000);

  it('writes Markdown, HTML and Word, of a saved version found by its label or of the current text', async () => {
    const version = join(outDir, 'version.md');
    const current = join(outDir, 'current.md');
    const html = join(outDir, 'declaration.html');
    const docx = join(outDir, 'declaration.docx');
    const results = await Promise.all([
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'docx', '--mode', 'negotiation', '--out', docx]),
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'md', '--mode', 'final', '--unagreed', 'include', '--version', 'Second reading', '--out', version]),
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'md', '--mode', 'final', '--unagreed', 'include', '--out', current]),
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'html', '--mode', 'negotiation', '--paper', 'letter', '--language', 'km', '--out', html]),
    ]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const thai = 'แลกเปลี่ยนประสบการณ์';
    expect(readFileSync(version, 'utf8')).toContain(thai);
    expect(readFileSync(current, 'utf8')).not.toContain(thai);
    expect(readFileSync(current, 'utf8')).toContain('1. *Encourage* member cities that they shall publish **open data** on air quality;');
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('size: letter');
    expect(page).toContain('<span class="label">OP2(a)</span>');
    // Its page furniture in the language asked for.
    expect(page).toContain('ទំព័រ ');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expectOutDir(['current.md', 'declaration.docx', 'declaration.html', 'version.md']);
    for (const file of [version, current, html, docx]) rmSync(file);
  }, 60_000);

  it('refuses a final text that is not all agreed, naming each part, until told to include or leave them out', async () => {
    const refused = join(outDir, 'refused.md');
    const omitted = join(outDir, 'omitted.md');
    const args = (out: string) => ['--data', dataDir, '--doc', documentId, '--format', 'md', '--mode', 'final', '--out', out];
    const [refusal, omit, negotiationWithFlag] = await Promise.all([
      runCli(args(refused)),
      runCli([...args(omitted), '--unagreed', 'omit']),
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'md', '--mode', 'negotiation', '--unagreed', 'omit', '--out', refused]),
    ]);
    expect(refusal.code).toBe(1);
    expect(refusal.stderr).toContain('“Phnom Penh Declaration” is not all agreed: PP2 (pending), PP3 (pending), PP4 (pending), OP1 (open bracket), OP2 (pending), OP2(a) (pending), OP3 (pending). Nothing was written.');
    expect(refusal.stderr).toContain('--unagreed include');
    expect(negotiationWithFlag.code).toBe(2);
    expect(omit.code, omit.stderr).toBe(0);
    expect(omit.stdout).toContain('unagreed parts left out');
    const text = readFileSync(omitted, 'utf8');
    // Only what was agreed: the first PP, and none of the OPs (the one agreed sub-paragraph's OP is not).
    expect(text).toContain('*Recognizing* the necessity of cooperation');
    expect(text).not.toContain('nhận tầm quan trọng');
    expect(text).not.toContain('Encourage');
    expect(text).not.toContain('Strengthen');
    expectOutDir(['omitted.md']);
    rmSync(omitted);
  }, 60_000);

  it('refuses an unknown document with a message and exit code 1', async () => {
    const out = join(outDir, 'missing.pdf');
    const result = await runCli([...base(out).slice(0, 2), '--doc', 'No such declaration', ...base(out).slice(4)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('accord-export: No document here has the id or the exact title “No such declaration”.\n');
    expectOutDir([]);
  });

  it('refuses an ambiguous title, naming the matching ids', async () => {
    const out = join(outDir, 'draft.pdf');
    const result = await runCli(['--data', dataDir, '--doc', 'Draft declaration', '--format', 'pdf', '--mode', 'final', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('2 documents are titled “Draft declaration”');
    for (const id of ambiguous) expect(result.stderr).toContain(id);
    expectOutDir([]);
  });

  it('refuses bad usage with exit code 2 and the usage', async () => {
    const out = join(outDir, 'bad.pdf');
    const [badFormat, badMode, unknownOption, noOut, help, badLanguage] = await Promise.all([
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'rtf', '--mode', 'final', '--out', out]),
      runCli(['--data', dataDir, '--doc', documentId, '--format', 'pdf', '--mode', 'clean', '--out', out]),
      runCli([...base(out), '--colour', 'red']),
      runCli(base(out).slice(0, -2)),
      runCli(['--help']),
      runCli([...base(out), '--language', 'fr']),
    ]);
    expect(badLanguage.code).toBe(2);
    expect(badLanguage.stderr).toContain('--language must be en, vi, km, not “fr”.');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('accord-export: --format must be pdf, docx, html, md, not “rtf”.');
    expect(badFormat.stderr).toContain('Usage: npm run export');
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain('--mode must be final, negotiation');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unknown option '--colour'/);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out FILE is required.');
    expectOutDir([]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--doc ID_OR_TITLE');
  });

  it('refuses an output path that cannot be written, leaving nothing behind', async () => {
    const file = join(outDir, 'a-file');
    writeFileSync(file, 'not a folder');
    const [proc, underFile, noFolder, folder] = await Promise.all([
      runCli(base('/proc/accord-export.pdf')),
      runCli(base(join(file, 'declaration.pdf'))),
      runCli(base(join(outDir, 'no', 'such', 'folder', 'declaration.pdf'))),
      runCli(base(outDir)),
    ]);
    expect(proc.code).toBe(1);
    expect(proc.stderr).toBe('accord-export: Cannot write /proc/accord-export.pdf: that folder cannot be written to.\n');

    expect(underFile.code).toBe(1);
    expect(underFile.stderr).toContain('part of that path is a file, not a folder');
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain('its folder does not exist');
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('is a directory');
    expectOutDir(['a-file']);
    rmSync(file);
  });

  it.skipIf(!chromium)('stopped halfway, leaves no file and no temporary file behind', async () => {
    const out = join(outDir, 'interrupted.pdf');
    const child = spawn(process.execPath, [cli, ...base(out)], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Killed once its temporary file exists, while the PDF is being made.
    const deadline = Date.now() + 15_000;
    while (!readdirSync(outDir).some((name) => name.startsWith('interrupted.pdf.tmp-')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expectOutDir([]);
  }, 30_000);

  it('refuses a data directory without Accord data', async () => {
    const out = join(outDir, 'none.pdf');
    const empty = join(work, 'empty');
    const result = await runCli(['--data', empty, ...base(out).slice(2)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No Accord data in ${empty}`);
    expectOutDir([]);
  });
});
