import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';

/** E2E: Debian's Chromium against the browser host, as a person would use Accord. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI: a test that passes only on retry is still reported (as flaky) and its
  // first failure's page snapshot is printed by scripts/test.mjs.
  retries: process.env.CI ? 1 : 0,
  outputDir: '../../test-results/e2e',
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
