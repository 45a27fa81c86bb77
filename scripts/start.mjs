// `npm start`: the Electron app where Electron's runtime is installed, otherwise the very same
// app through the browser host in a Chromium app window.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, projectRoot } from './electronBinary.mjs';

const passThrough = process.argv.slice(2);

// On Linux and the BSDs a window needs an X or Wayland display. Without one both Electron and
// Chromium fail only after the host has printed its address, which reads like success; say why
// before starting anything. macOS and Windows always have a display.
const needsDisplayVariable = process.platform !== 'darwin' && process.platform !== 'win32';
if (needsDisplayVariable && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'accord: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open: run `npm run serve` to use Accord in a browser without a window, or `xvfb-run npm start`.',
  );
  process.exit(1);
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: projectRoot });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  // Chromium's sandbox refuses to start as root (containers, CI); a normal user keeps it.
  const rootOnly = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  run(electron, [projectRoot, ...rootOnly, ...passThrough]);
} else {
  console.log("Electron's runtime is not installed here, so Accord opens through the browser host in a Chromium window instead.");
  run(process.execPath, [join(projectRoot, 'dist', 'electron', 'host-cli.cjs'), '--open', ...passThrough]);
}
