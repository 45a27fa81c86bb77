import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string }; dev?: boolean }> };

/** Electron 45's own install and packaging tools: needed for `npm run dist` only, which says so. */
const PACKAGING_ONLY = ['@electron-internal/extract-zip', '@electron/get', '@electron/rebuild', '@electron/rebuild/node_modules/node-abi', 'electron'];

describe('the Node version the project states', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('is accepted by every package Accord runs or is tested with; only packaging tools want a newer one', () => {
    const wantNewer = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines?.node && !semver.satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => ({ name: path.replace(/^node_modules\//, ''), dev: entry.dev === true }));
    expect(wantNewer.map((p) => p.name).sort()).toEqual([...PACKAGING_ONLY].sort());
    expect(wantNewer.every((p) => p.dev)).toBe(true);
  });

  it('is checked before packaging, which needs what those tools need', () => {
    const needed = PACKAGING_ONLY.map((name) => lock.packages[`node_modules/${name}`]!.engines!.node!);
    const packagingNode = /requireNode\.mjs (\d+\.\d+)/.exec(pkg.scripts.dist ?? '')?.[1];
    expect(packagingNode).toBeDefined();
    for (const range of needed) expect(semver.satisfies(`${packagingNode}.0`, range), range).toBe(true);
  });
});
