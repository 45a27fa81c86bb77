import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { $getRoot, $isElementNode, $isTextNode, type TextFormatType } from 'lexical';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/storage/logger';
import { Replicas } from '../../../../electron/storage/replicas';
import { AppStore } from '../../../../electron/storage/appStore';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { seededRandom } from '../../../support/random';
import { useTempDirs } from '../../helpers';

// kill -9 at any moment loses no edit that was confirmed as saved, and leaves a database that
// passes PRAGMA integrity_check. A child (tests/fixtures/crashTypist.ts) types into a declaration
// through Replicas, compacting often, and reports each edit once update() has returned; it is
// killed with SIGKILL at random moments, and the database it leaves is checked.
//
// The typist runs as `node --import tsx tests/fixtures/crashTypist.ts`, but compiling Accord's
// TypeScript on every start costs a trial about 0.4 s; the test bundles it once with esbuild
// (better-sqlite3 stays a require of the installed package) and starts the bundle with plain node.

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TYPIST = join(ROOT, 'tests', 'fixtures', 'crashTypist.ts');
/** As in crashTypist.ts. */
const DOC_ID = 'crash-declaration';
const WORD_PATTERN = /[wx]\d{4}-\d{4}/g;

/** Lanes run side by side, each on a data directory of its own that every one of its trials reuses. */
const LANES = 2;
const TRIALS_PER_LANE = 26;
const TRIAL_TIMEOUT_MS = 15_000;

/** The typist as one CommonJS file in `dir`, the native better-sqlite3 loaded from node_modules. */
async function bundleTypist(dir: string): Promise<string> {
  const outfile = join(dir, 'crashTypist.cjs');
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [TYPIST],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [
      {
        name: 'installed-better-sqlite3',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
  return outfile;
}

type KillPlan = { when: 'edits'; edits: number; delayMs: number | null } | { when: 'compaction'; nth: number };

interface Trial {
  seed: number;
  plan: KillPlan;
  /** Every complete line the typist wrote before it died. */
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Starts the typist on `dataDir` and kills it with SIGKILL as `plan` says. */
function runTrial(typist: string, dataDir: string, seed: number, plan: KillPlan): Promise<Trial> {
  const child = spawn(process.execPath, [typist, dataDir, String(seed)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let edits = 0;
  let compactions = 0;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  let killing = false;
  const killSoon = (delayMs: number | null) => {
    if (killing) return;
    killing = true;
    if (delayMs === null) kill();
    else setTimeout(kill, delayMs);
  };
  const watchdog = setTimeout(kill, TRIAL_TIMEOUT_MS);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop()!;
    for (const line of complete) {
      lines.push(line);
      if (line.startsWith('ok ')) edits += 1;
      if (line === 'c<') compactions += 1;
      if (plan.when === 'edits' && edits >= plan.edits) killSoon(plan.delayMs);
      // The typist goes on while the signal travels: it lands inside or just after the compaction.
      if (plan.when === 'compaction' && compactions >= plan.nth) killSoon(null);
      // A compaction that never comes must not hang the trial.
      if (edits >= 400) killSoon(null);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // 'close': the pipes are drained, so every line written before the kill is in `lines`.
    child.once('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ seed, plan, lines, signal, code, stderr });
    });
  });
}

/** PRAGMA integrity_check on the files exactly as the kill left them (read-only: no recovery, no checkpoint). */
function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

interface Occurrence {
  paragraph: number;
  formats: Set<TextFormatType>;
}

const FORMATS: ReadonlyArray<TextFormatType> = ['bold', 'italic', 'underline'];

/**
 * Loads the declaration as the app does (Replicas, then a Lexical editor bound to the replica) and
 * lists where each marker and filler word stands, with the formats all of its characters carry.
 * `via`: 'store' opens the database through AppStore.open (which recovers the WAL and checkpoints it
 * on close); 'readonly' reads the log without writing, so the next typist opens the database with
 * the WAL its predecessor's kill left behind.
 */
function readDeclaration(file: string, via: 'store' | 'readonly'): Map<string, Occurrence[]> {
  let close: () => void;
  let store: AppStore;
  if (via === 'store') {
    store = AppStore.open(file);
    close = () => store.close();
  } else {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare<[string]>('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq');
    // All Replicas reads; anything it tried to write would fail loudly.
    store = {
      file,
      readUpdates: (id: string) => (rows.all(id) as Array<{ data: Buffer }>).map((row) => new Uint8Array(row.data)),
    } as unknown as AppStore;
    close = () => db.close();
  }
  try {
    // No compaction while checking: `defer` drops it.
    const replicas = new Replicas({ store, now: Date.now, log: silentLogger, defer: () => undefined });
    const replica = replicas.acquire(DOC_ID);
    const session = openHeadlessDeclaration(replica.doc);
    try {
      if (replica.persistenceError) throw replica.persistenceError;
      const words = new Map<string, Occurrence[]>();
      session.editor.getEditorState().read(() => {
        $getRoot()
          .getChildren()
          .filter($isElementNode)
          .forEach((paragraph, index) => {
            let text = '';
            const formats: Array<Set<TextFormatType>> = [];
            for (const node of paragraph.getAllTextNodes()) {
              if (!$isTextNode(node)) continue;
              const content = node.getTextContent();
              const held = new Set(FORMATS.filter((format) => node.hasFormat(format)));
              text += content;
              for (let i = 0; i < content.length; i += 1) formats.push(held);
            }
            for (const match of text.matchAll(WORD_PATTERN)) {
              const chars = formats.slice(match.index, match.index + match[0].length);
              const all = new Set(FORMATS.filter((format) => chars.every((held) => held.has(format))));
              words.set(match[0], [...(words.get(match[0]) ?? []), { paragraph: index, formats: all }]);
            }
          });
      });
      return words;
    } finally {
      session.dispose();
      replicas.release(replica);
    }
  } finally {
    close();
  }
}

/** Every claim the typists of a lane confirmed so far, checked against the document as loaded. */
function brokenClaims(claims: ReadonlyArray<string>, words: Map<string, Occurrence[]>): string[] {
  const problems: string[] = [];
  const once = (word: string): Occurrence | null => {
    const found = words.get(word) ?? [];
    if (found.length !== 1) {
      problems.push(`${word} is in the text ${found.length} times, expected once`);
      return null;
    }
    return found[0]!;
  };
  for (const claim of claims) {
    const [head, ...rest] = claim.slice(1).split(' ');
    if (claim.startsWith('+')) once(head!);
    else if (claim.startsWith('-')) {
      if (words.has(head!)) problems.push(`${head} was deleted (confirmed) but is back`);
    } else if (claim.startsWith('*')) {
      for (const marker of rest) {
        const at = once(marker);
        if (at && !at.formats.has(head as TextFormatType)) problems.push(`${marker} lost ${head} (confirmed)`);
      }
    } else if (claim.startsWith('/')) {
      const before = once(head!);
      const after = once(rest[0]!);
      if (before && after && before.paragraph >= after.paragraph) {
        problems.push(`${head} should stand in a paragraph before ${rest[0]}'s (split confirmed): ${before.paragraph} and ${after.paragraph}`);
      }
    } else problems.push(`unknown claim: ${claim}`);
  }
  return problems;
}

describe('crash safety', () => {
  const tempDir = useTempDirs();

  it(
    'kill -9 at random moments loses no confirmed edit and leaves a database that passes integrity_check',
    async () => {
      const typist = await bundleTypist(tempDir());
      // Picks the kill plans (the moments themselves depend on timing); CRASH_SEED replays a plan.
      const runSeed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const random = seededRandom(runSeed);
      const plans: KillPlan[][] = Array.from({ length: LANES }, () =>
        Array.from({ length: TRIALS_PER_LANE }, (): KillPlan => {
          const roll = random();
          if (roll < 0.3) return { when: 'compaction', nth: 1 + Math.floor(random() * 3) };
          return { when: 'edits', edits: 1 + Math.floor(random() * 40), delayMs: roll < 0.65 ? null : Math.floor(random() * 5) };
        }),
      );
      const summary = { trials: 0, confirmed: 0, killedInCompaction: 0, compactionsCommitted: 0 };
      let failed = false;

      const lane = async (index: number) => {
        const dataDir = tempDir();
        const file = join(dataDir, 'accord.sqlite');
        const claims: string[] = [];
        for (const [t, plan] of plans[index]!.entries()) {
          // One lane's failure is the test's: the others stop rather than type on for nothing.
          if (failed) return;
          const trial = await runTrial(typist, dataDir, (index + 1) * 100 + t, plan);
          const where = `run seed ${runSeed}, lane ${index}, trial ${t}, typist seed ${trial.seed}, ${JSON.stringify(plan)}`;
          expect(trial.signal, `typist did not die by SIGKILL (${where}, exit ${trial.code}):\n${trial.stderr}`).toBe('SIGKILL');
          expect(trial.lines[0], `typist never got ready (${where}):\n${trial.stderr}`).toMatch(/^ready \d+$/);
          expect(integrityCheck(file), where).toBe('ok');

          const confirmed = trial.lines.filter((line) => line.startsWith('ok ')).map((line) => line.slice(3));
          claims.push(...confirmed);
          const problems = brokenClaims(claims, readDeclaration(file, t % 2 === 0 ? 'store' : 'readonly'));
          expect(problems.slice(0, 10), where).toEqual([]);

          summary.trials += 1;
          summary.confirmed += confirmed.length;
          summary.compactionsCommitted += trial.lines.filter((line) => line === 'c>').length;
          if (trial.lines.at(-1) === 'c<') summary.killedInCompaction += 1;
        }
      };
      await Promise.all(
        Array.from({ length: LANES }, (_, i) =>
          lane(i).catch((error: unknown) => {
            failed = true;
            throw error;
          }),
        ),
      );

      expect(summary.trials).toBeGreaterThanOrEqual(50);
      // Compactions committed during the trials, and some kills landed after one had begun (its
      // "c<" the last line received): the moments this test is most about.
      expect(summary.compactionsCommitted).toBeGreaterThan(0);
      expect(summary.killedInCompaction).toBeGreaterThan(0);
      // CRASH_SUMMARY=1 prints what the run exercised.
      if (process.env.CRASH_SUMMARY) console.log(JSON.stringify({ runSeed, ...summary }));
    },
    60_000,
  );
});
