import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HUB_CLI = join(ROOT, 'dist', 'electron', 'hub-cli.cjs');

export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the headless hub (`npm run hub`'s program) and waits for its `Hub listening on` line. */
export function startHubProcess(dataDir: string, port = 0): Promise<HubProcess> {
  const child = spawn(process.execPath, [HUB_CLI, '--data', dataDir, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The hub did not start within 15 s:\n${output}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Hub listening on (ws:\/\/\S+?:(\d+))$/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        child,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The hub exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** Runs a hub CLI command (invite, revoke, …) on a hub's data directory and returns its output. */
export function hubCli(dataDir: string, ...args: string[]): string {
  const [command, ...rest] = args;
  return execFileSync(process.execPath, [HUB_CLI, command!, '--data', dataDir, ...rest], { cwd: ROOT, encoding: 'utf8' });
}

/** Issues an invitation from the command line, as a secretariat would script it; returns the code. */
export function invite(dataDir: string, meetingId: string, role: string, delegation?: string): string {
  const output = hubCli(dataDir, 'invite', '--meeting', meetingId, '--role', role, ...(delegation ? ['--delegation', delegation] : []));
  return output.trim().split('\t')[0]!;
}
