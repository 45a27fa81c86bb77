import { spawn, type ChildProcess } from 'node:child_process';
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

/**
 * Flags that keep Chromium from reaching out to the network on its own, which a closed network
 * answers with errors, and, as root, without the sandbox Chromium then refuses to start with.
 */
export function chromiumFlags(profileDir: string): string[] {
  const flags = [
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,MediaRouter',
  ];
  // As root Chromium refuses to start with its sandbox; --test-type drops the infobar that would
  // otherwise warn about it across the top of Accord's window.
  if (typeof process.getuid === 'function' && process.getuid() === 0) flags.push('--no-sandbox', '--test-type');
  return flags;
}

/** Opens the host's address as an app window (no tabs, no address bar). */
export function openAppWindow(executable: string, url: string, profileDir: string): ChildProcess {
  return spawn(executable, [...chromiumFlags(profileDir), '--window-size=1280,860', `--app=${url}`], {
    stdio: 'ignore',
    detached: false,
  });
}
