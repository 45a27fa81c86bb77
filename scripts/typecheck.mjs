// Type-checks each layer under its own globals: shared/ without DOM or Node, renderer/ without
// Node, electron/ and tests/ with Node.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let failed = 0;
for (const project of ['shared', 'renderer', 'electron', 'tests']) {
  const result = spawnSync(process.execPath, [tsc, '-p', `${project}/tsconfig.json`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
  console.log(`typecheck ${project}: ${result.status === 0 ? 'ok' : 'FAILED'}`);
}
process.exit(failed === 0 ? 0 : 1);
