import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger } from '../storage/logger';
import { createServices } from '../services/services';
import { findChromium } from '../services/export/findChromium';
import { openAppWindow } from './chromium';
import { resolveDataDir } from './dataDir';
import { startHost } from './server';

declare const __ACCORD_VERSION__: string;

const USAGE = 'Usage: npm run serve -- [--data DIR] [--port N] [--open]';

function fail(message: string): never {
  console.error(`accord: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { data?: string; port?: string; open?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not “${values.port}”.`);

  const dataDir = resolve(resolveDataDir(values.data));
  const log = consoleLogger('accord-host');
  const services = createServices({ dataDir, version: __ACCORD_VERSION__, log, lanBindHost: process.env.ACCORD_LAN_BIND });
  const host = await startHost({ services, rendererDir: join(__dirname, '..', 'renderer'), port, log });
  // Tests and scripts read this exact line.
  console.log(`Accord ready at ${host.url}`);

  let shuttingDown = false;
  const shutdown = (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    void host.close().finally(() => {
      services.close();
      process.exit(code);
    });
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  if (values.open) {
    const chromium = findChromium();
    if (!chromium) {
      console.error('accord: no Chromium found (set CHROME_PATH, or install Debian’s chromium); open the address above in a browser.');
      return;
    }
    const window = openAppWindow(chromium, host.url, join(dataDir, 'chromium-profile'));
    window.on('exit', (code) => {
      // Closing the window quits Accord. A window that failed (no display, a missing library)
      // leaves the host serving, so the address above still opens the app in any browser.
      if (code === 0 || code === null) return shutdown(0);
      console.error(`accord: the Chromium window could not stay open (exit code ${code}; is there a display?). Accord keeps serving: open the address above in a browser, Ctrl+C to stop.`);
    });
    window.on('error', (error) => console.error(`accord: Chromium could not start: ${error.message}`));
  }
}

main().catch((error: unknown) => {
  console.error(`accord: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
