import { defineConfig } from '@playwright/test';

/** The Electron shell itself, through Playwright's _electron; skipped where the runtime is absent. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  outputDir: '../../test-results/electron',
  reporter: [['list'], ['json', { outputFile: '../../test-results/electron.json' }]],
});
