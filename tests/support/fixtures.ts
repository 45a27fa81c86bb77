import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeeting, newDeclaration } from './accordPage';
import { startHostProcess, type HostProcess } from './host';

interface AccordFixtures {
  /** A fresh data directory for this test, removed afterwards. */
  dataDir: string;
  /** Starts a browser host on the test's data directory; every host is killed after the test. */
  launchHost(): Promise<HostProcess>;
}

export const test = base.extend<AccordFixtures>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  launchHost: async ({ dataDir }, use) => {
    const hosts: HostProcess[] = [];
    await use(async () => {
      const host = await startHostProcess(dataDir);
      hosts.push(host);
      return host;
    });
    for (const host of hosts) await host.stop('SIGKILL');
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
