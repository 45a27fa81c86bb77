import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUntilReady } from './process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HUB_CLI = join(ROOT, 'dist', 'electron', 'hub-cli.cjs');

export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the headless hub (`npm run hub`'s program) and waits for its `Hub listening on` line. */
export async function startHubProcess(dataDir: string, port = 0, extra: string[] = []): Promise<HubProcess> {
  const args = [HUB_CLI, '--data', dataDir, '--port', String(port), ...extra];
  const started = await startUntilReady('hub', args, ROOT, /^Hub listening on (ws:\/\/\S+?:(\d+))$/m);
  return { url: started.match[1]!, port: Number(started.match[2]), child: started.child, stop: started.stop };
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
