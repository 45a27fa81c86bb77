import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HostProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Stops the host: SIGTERM is a normal quit, SIGKILL a crash or power cut. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built browser host (`npm run serve`'s program) on a data directory. */
export function startHostProcess(dataDir: string, extraArgs: string[] = []): Promise<HostProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'electron', 'host-cli.cjs'), '--data', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start within 15 s:\n${output}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Accord ready at (\S+)$/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        child,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (${code}) before it was ready:\n${output}`));
    });
  });
}

