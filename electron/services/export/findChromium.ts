import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Chromium from CHROME_PATH, else Debian's, else the one Playwright would use if installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const require = createRequire(__filename);
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const path = chromium.executablePath();
    if (path && existsSync(path)) return path;
  } catch {
    // playwright-core missing or without a browser: nothing more to try.
  }
  return undefined;
}
