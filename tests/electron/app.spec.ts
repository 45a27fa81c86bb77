import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, projectRoot } from '../../scripts/electronBinary.mjs';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';

const binary = electronBinary();
test.skip(
  !binary,
  "Electron's runtime binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; it cannot be downloaded on this machine). The same flows run through the browser host in tests/e2e.",
);

let dataDir: string;
let app: ElectronApplication | undefined;

function launch(): Promise<ElectronApplication> {
  const rootOnly = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  return electron.launch({ executablePath: binary!, args: [projectRoot, ...rootOnly, '--data', dataDir] });
}

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'accord-electron-'));
});

test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

test('the app window is sandboxed and has no Node or ipcRenderer in the page', async () => {
  app = await launch();
  const page = await app.firstWindow();
  expect(page.url()).toMatch(/^app:\/\/accord\//);
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys((window as unknown as { accord: object }).accord).sort())).toEqual(['onMessage', 'postMessage']);
});

test('a declaration typed in the Electron app is all there after the app is quit and started again', async () => {
  app = await launch();
  let page = await app.firstWindow();
  await createMeeting(page);
  await newDeclaration(page);
  await declarationText(page).click();
  await page.keyboard.press('Control+B');
  await page.keyboard.type('Recognizing');
  await page.keyboard.press('Control+B');
  await page.keyboard.type(' the role of capital cities;');
  await expectSaved(page);
  await app.close();

  app = await launch();
  page = await app.firstWindow();
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await page.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(page).locator('strong', { hasText: 'Recognizing' })).toBeVisible();
  await expect(declarationText(page)).toContainText('Recognizing the role of capital cities;');
});

test('nothing shown as Saved is lost when the Electron app is killed', async () => {
  app = await launch();
  let page = await app.firstWindow();
  await createMeeting(page);
  await newDeclaration(page);
  await declarationText(page).click();
  await page.keyboard.type('Adopted in Phnom Penh, Cambodia.');
  await expectSaved(page);
  app.process().kill('SIGKILL');
  app = await launch();
  page = await app.firstWindow();
  await page.getByRole('link', { name: `Open ${PHNOM_PENH.title}` }).click();
  await page.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(page)).toContainText('Adopted in Phnom Penh, Cambodia.');
});
