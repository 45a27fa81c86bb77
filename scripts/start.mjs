// `npm start`: the Electron app where Electron's runtime is installed, otherwise the very same
// app through the browser host in a Chromium app window.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

/** Electron's own lookup, without its download-on-demand fallback (which cannot work here). */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const candidate = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : undefined;
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  run(electron, [root, ...passThrough]);
} else {
  console.log("Electron's runtime is not installed here, so Accord opens through the browser host in a Chromium window instead.");
  run(process.execPath, [join(root, 'dist', 'electron', 'host-cli.cjs'), '--open', ...passThrough]);
}
