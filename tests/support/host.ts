import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUntilReady } from './process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HostProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Stops the host: SIGTERM is a normal quit, SIGKILL a crash or power cut. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built browser host (`npm run serve`'s program) on a data directory. */
export async function startHostProcess(dataDir: string, extraArgs: string[] = []): Promise<HostProcess> {
  const args = [join(ROOT, 'dist', 'electron', 'host-cli.cjs'), '--data', dataDir, ...extraArgs];
  const started = await startUntilReady('host', args, ROOT, /^Accord ready at (\S+)$/m);
  return { url: started.match[1]!, child: started.child, output: started.output, stop: started.stop };
}
