// Builds the renderer (Vite) and the Node side (esbuild) into dist/. Used by start, serve, tests.
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');

await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: quiet ? 'error' : 'warn' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __ACCORD_VERSION__: JSON.stringify(pkg.version) },
  // Native and Electron modules are loaded at run time, never bundled.
  external: ['electron', 'better-sqlite3', 'playwright-core', 'bufferutil', 'utf-8-validate'],
};

await Promise.all([
  esbuild({ ...common, entryPoints: { 'host-cli': 'electron/host/cli.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  esbuild({ ...common, entryPoints: { 'hub-cli': 'electron/hub/cli.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  esbuild({ ...common, entryPoints: { 'export-cli': 'electron/export/cli.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  esbuild({ ...common, entryPoints: { main: 'electron/main/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  esbuild({ ...common, entryPoints: { preload: 'electron/preload/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
]);
if (!quiet) console.log('Built dist/renderer and dist/electron.');
