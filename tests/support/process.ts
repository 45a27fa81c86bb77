import { spawn, type ChildProcess } from 'node:child_process';

export interface ReadyProcess {
  readonly child: ChildProcess;
  /** The first match of the ready line. */
  readonly match: RegExpExecArray;
  /** Everything it printed so far, for a failing test's report. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one of Accord's programs and waits for the line that says it is ready (the host's
 * "Accord ready at …", the hub's "Hub listening on …"), failing with its output if it is not.
 */
export function startUntilReady(label: string, args: string[], cwd: string, ready: RegExp): Promise<ReadyProcess> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The ${label} did not start within 15 s:\n${output}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        match,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The ${label} exited (${code}) before it was ready:\n${output}`));
    });
  });
}
