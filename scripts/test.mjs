// `npm test`: typecheck, lint (with the import-boundary rules), unit tests, then E2E in Chromium
// through the browser host and the Electron shell tests (skipped, with the reason, where
// Electron's runtime is absent). Ends with one line: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, projectRoot } from './electronBinary.mjs';

const results = join(projectRoot, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function suite(label, command, args, reportFile, countsOf) {
  const ok = run(label, command, args);
  const report = readJson(reportFile);
  const counts = report ? countsOf(report) : { passed: 0, failed: 1, skipped: 0 };
  // A runner that failed without reporting a failed test (crash, config error) still fails.
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts;
}

/**
 * CI runs in a clone that is deleted afterwards, so what the page looked like when a test failed
 * (Playwright's ARIA snapshot, including first attempts that passed on retry) goes into the log.
 */
function printFailureContexts(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name, 'error-context.md');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    console.log(`\n--- page when ${entry.name} failed ---\n${readFileSync(file, 'utf8').slice(0, 6000)}`);
  }
}

const node = process.execPath;
const bin = (pkg, file) => join(projectRoot, 'node_modules', pkg, file);
const vitestCounts = (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), skipped: r.numPendingTests + r.numTodoTests });
const playwrightCounts = (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped });

check('typecheck', node, [join(projectRoot, 'scripts', 'typecheck.mjs')]);
check('lint', node, [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']);
suite('unit (vitest)', node, [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'unit.json')}`], join(results, 'unit.json'), vitestCounts);

if (check('build', node, [join(projectRoot, 'scripts', 'build.mjs'), '--quiet'])) {
  suite('e2e (Chromium via the browser host)', node, [bin('@playwright/test', 'cli.js'), 'test', '--config', 'tests/e2e/playwright.config.ts'], join(results, 'e2e.json'), playwrightCounts);
  printFailureContexts(join(results, 'e2e'));
  const electron = suite('electron (Playwright _electron)', node, [bin('@playwright/test', 'cli.js'), 'test', '--config', 'tests/electron/playwright.config.ts'], join(results, 'electron.json'), playwrightCounts);
  if (!electronBinary() && electron.skipped > 0) {
    lines.push("  skipped: Electron's runtime binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); the same flows ran through the browser host above.");
  }
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
if (!existsSync('/usr/bin/chromium') && !process.env.CHROME_PATH) console.log('note: no /usr/bin/chromium and no CHROME_PATH: E2E could not launch a browser.');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
