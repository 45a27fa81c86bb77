import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeeting, newDeclaration } from './accordPage';
import { startHostProcess, type HostProcess } from './host';
import { startHubProcess, type HubProcess } from './hub';

interface AccordFixtures {
  /** A fresh data directory for this test, removed afterwards. */
  dataDir: string;
  /** Another fresh directory per call (a second laptop, a hub), removed afterwards. */
  makeDir(): string;
  /** Starts a browser host on the test's data directory (or another); killed after the test. */
  launchHost(dir?: string): Promise<HostProcess>;
  /** Starts a headless hub on a directory (on a given port to come back where it was). */
  launchHub(dir: string, port?: number, extra?: string[]): Promise<HubProcess>;
  /**
   * Another laptop: a window in its own browser context (the hosts' session cookies must not
   * mix), opened at `url`, and closed after the test so it stops reconnecting to a host that
   * is gone while later tests run.
   */
  laptop(url: string): Promise<Page>;
}

export const test = base.extend<AccordFixtures>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  makeDir: async ({}, use) => {
    const dirs: string[] = [];
    await use(() => {
      const dir = mkdtempSync(join(tmpdir(), 'accord-e2e-'));
      dirs.push(dir);
      return dir;
    });
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  },
  launchHost: async ({ dataDir }, use, testInfo) => {
    const hosts: HostProcess[] = [];
    await use(async (dir = dataDir) => {
      const host = await startHostProcess(dir);
      hosts.push(host);
      return host;
    });
    for (const host of hosts) await host.stop('SIGKILL');
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [index, host] of hosts.entries()) {
        await testInfo.attach(`host-${index + 1}.log`, { body: host.output() || '(printed nothing)', contentType: 'text/plain' });
      }
    }
  },
  laptop: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (url) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    });
    for (const context of contexts) await context.close();
  },
  // eslint-disable-next-line no-empty-pattern
  launchHub: async ({}, use) => {
    const hubs: HubProcess[] = [];
    await use(async (dir, port, extra) => {
      const hub = await startHubProcess(dir, port, extra);
      hubs.push(hub);
      return hub;
    });
    for (const hub of hubs) await hub.stop('SIGKILL');
  },
});

export { expect } from '@playwright/test';

/** Starts Accord, creates the Phnom Penh meeting and a new declaration, and leaves it open. */
export async function openNewDeclaration(page: Page, launchHost: () => Promise<HostProcess>): Promise<HostProcess> {
  const host = await launchHost();
  await page.goto(host.url);
  await createMeeting(page);
  await newDeclaration(page);
  return host;
}
