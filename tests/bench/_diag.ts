import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, startHost, openDeclaration } from './browser';
import { buildDeclaration } from './fixture';

const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
const fx = await buildDeclaration(dataDir, 300, 500);
const host = await startHost(dataDir);
const browser = await launchChromium();
const target = `${host.url}#/document/${fx.docId}`;
try {
  for (let i = 0; i < 3; i++) console.log((await openDeclaration(browser, target, 'Declaration text', fx.lastParagraph)).ms.toFixed(0));
  const ctx = browser.contexts()[0] ?? (await browser.newContext());
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = performance.now();
  await page.goto(target, { waitUntil: 'commit' });
  await page.getByRole('textbox', { name: 'Declaration text' }).filter({ hasText: fx.lastParagraph.slice(0, 40) }).waitFor();
  console.log('profiled', (performance.now() - t0).toFixed(0));
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('/tmp/accord.cpuprofile', JSON.stringify(profile));
  const res = await page.evaluate(() => JSON.stringify(performance.getEntries().map((e) => ({ n: e.name.slice(-40), t: e.entryType, s: Math.round(e.startTime), d: Math.round(e.duration) }))));
  console.log(res);
} finally {
  await browser.close(); await host.stop(); rmSync(dataDir, { recursive: true, force: true });
}
