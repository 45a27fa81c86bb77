import { describe, expect, it } from 'vitest';
import { runLossFuzz } from './lossFuzz';

/** FUZZ_SEEDS=7,8 and FUZZ_ROUNDS replay or widen a run; `npm run fuzz` runs long ones. */
const SEEDS = process.env.FUZZ_SEEDS?.split(',').map(Number) ?? [1, 2, 3, 4];
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 150);

describe('no word is lost in a merge', () => {
  for (const seed of SEEDS) {
    for (const mode of ['queue', 'resync'] as const) {
      it(`every token typed survives at every replica unless deleted by someone who saw it (seed ${seed}, ${mode} links)`, async () => {
        const report = await runLossFuzz({ seed, rounds: ROUNDS, replicas: 4, network: { mode, relay: mode === 'queue' } });
        expect(report.failures, [...report.failures, '', 'last steps:', ...report.recent].join('\n')).toEqual([]);
        // The run exercised what it claims to.
        expect(report.tokens).toBeGreaterThan(10);
        expect(report.partitions).toBeGreaterThan(0);
      }, 60_000);
    }
  }
});
