// `npm run fuzz -- --seeds N --rounds M [--first S] [--replicas R]`: the "nothing lost" fuzz
// (lossFuzz.ts) over many seeds and long runs, both link behaviours; CI runs a short version of
// the same in lossFuzz.test.ts. Prints a line per failing seed and a summary; exits 1 on a failure.
// To find out why a seed fails: `--first S --seeds 1 --watch r3t79` follows one token (who holds
// it, who deletes it), `--trace 280:290` prints every replica's paragraphs around those rounds.
import { parseArgs } from 'node:util';
import { OPERATIONS, runLossFuzz } from './lossFuzz';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '400' },
    first: { type: 'string', default: '1' },
    replicas: { type: 'string', default: '4' },
    watch: { type: 'string' },
    trace: { type: 'string' },
  },
});
const [traceFrom, traceTo] = (values.trace ?? '').split(':').map(Number);
const trace = values.trace ? (round: number) => round >= (traceFrom ?? 0) && round <= (traceTo ?? traceFrom ?? 0) : undefined;
const seeds = Number(values.seeds);
const rounds = Number(values.rounds);
const first = Number(values.first);
const replicas = Number(values.replicas);
if (![seeds, rounds, first, replicas].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: npm run fuzz -- --seeds N --rounds M [--first S] [--replicas R] (positive integers)');
  process.exit(2);
}

const started = performance.now();
const totals = Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<(typeof OPERATIONS)[number], number>;
let runs = 0;
let failed = 0;
let tokens = 0;
let deliberate = 0;
let revived = 0;
let longestCut = 0;
for (let seed = first; seed < first + seeds; seed += 1) {
  for (const mode of ['queue', 'resync'] as const) {
    const report = await runLossFuzz({ seed, rounds, replicas, network: { mode, relay: mode === 'queue' }, watch: values.watch, trace });
    runs += 1;
    tokens += report.tokens;
    deliberate += report.deliberatelyRemoved;
    revived += report.revived;
    longestCut = Math.max(longestCut, report.longestCut);
    for (const op of OPERATIONS) totals[op] += report.applied[op];
    if (report.failures.length > 0) {
      failed += 1;
      console.log(`seed ${seed} (${mode}): ${report.failures.slice(0, 3).join(' | ')}`);
    }
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${runs} runs (${seeds} seeds × 2 link behaviours, ${rounds} rounds, ${replicas} replicas) in ${seconds} s`);
console.log(`operations: ${OPERATIONS.map((op) => `${op} ${totals[op]}`).join(', ')}`);
console.log(`tokens typed: ${tokens}; removed on purpose by someone who saw them: ${deliberate}; revived paragraphs at the end: ${revived}; longest partition: ${longestCut} rounds`);
console.log(`${runs - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
