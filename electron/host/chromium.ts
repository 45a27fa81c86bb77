import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/**
 * Opens the host's address as an app window (no tabs, no address bar). The address carries the
 * launch secret, so it goes through a file only this user can read rather than on the command
 * line, which every local user can see.
 */
export function openAppWindow(executable: string, url: string, profileDir: string): ChildProcess {
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const launcher = join(profileDir, 'open-accord.html');
  const target = JSON.stringify(url).replace(/</g, '\\u003c');
  writeFileSync(launcher, `<!doctype html><meta charset="utf-8"><title>Accord</title><script>location.replace(${target})</script>`, {
    mode: 0o600,
  });
  chmodSync(launcher, 0o600);
  return spawn(executable, [...chromiumFlags(profileDir), '--window-size=1280,860', `--app=${pathToFileURL(launcher).href}`], {
    stdio: 'ignore',
    detached: false,
  });
}
