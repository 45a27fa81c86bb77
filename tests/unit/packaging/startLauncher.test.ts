import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const dataDirs: string[] = [];
afterEach(() => {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `node scripts/start.mjs` (what `npm start` runs after building) and kills it after `ms`. */
function runStart(env: NodeJS.ProcessEnv, ms: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-start-'));
  dataDirs.push(dataDir);
  return new Promise((resolve, reject) => {
    // A group of its own, so a launcher that did start the host takes it down with it when killed.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.runIf(process.platform === 'linux')('npm start without a display', () => {
  it('says there is no display, points to npm run serve and xvfb-run, and exits 1 before serving', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const { code, stdout, stderr } = await runStart(env, 10_000);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/no display/);
    expect(stderr).toContain('npm run serve');
    expect(stderr).toContain('xvfb-run');
    expect(stdout).not.toContain('Accord ready at');
  });
});
