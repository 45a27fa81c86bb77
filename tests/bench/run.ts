// `npm run bench`: how long opening a long declaration takes, against plain Yjs doing the same
// work in memory, typing in a long declaration against a short one (typingBench.ts), then the
// hub against the stock y-websocket server (hubBench.ts), storage and export. Reports only; goals missed are printed, never turned into a failing exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { silentLogger } from '../../electron/storage/logger';
import { Replicas } from '../../electron/storage/replicas';
import { AppStore } from '../../electron/storage/appStore';
import { startHostProcess } from '../support/host';
import { launchAppWindow, openDeclaration, openFromMeeting, type PageTimeline } from './browser';
import { buildDeclaration, type DeclarationFixture } from './fixture';
import { hubBench } from './hubBench';
import { hubGateBench } from './hubGateBench';
import { exportBench } from './exportBench';
import { storageBench } from './storageBench';
import { typingBench } from './typingBench';

const PARAGRAPHS = 300;
/** Amendments to earlier paragraphs, between the paragraphs as they are typed. */
const EDITS = 199;
const GOAL_MS = 300;
const EDITOR_LABEL = 'Declaration text';
const RUNS = { yjs: 25, replica: 25, browser: 9 };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One unmeasured warm-up (JIT, file cache), then `runs` timed calls. */
async function series(runs: number, once: () => number | Promise<number>): Promise<number[]> {
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await once());
  return times;
}

function rawYjs(fixture: DeclarationFixture): number {
  const doc = new Y.Doc();
  const start = performance.now();
  for (const update of fixture.updates) Y.applyUpdate(doc, update);
  const ms = performance.now() - start;
  doc.destroy();
  return ms;
}

function replicaFromSqlite(fixture: DeclarationFixture): number {
  const store = AppStore.open(fixture.file);
  try {
    const replicas = new Replicas({ store, now: Date.now, log: silentLogger });
    const start = performance.now();
    const replica = replicas.acquire(fixture.docId);
    const ms = performance.now() - start;
    replicas.release(replica);
    return ms;
  } finally {
    store.close();
  }
}

/** `npm run bench -- open hub` runs only the named parts; no names runs them all. */
const PARTS = ['open', 'typing', 'hub', 'storage', 'export'] as const;
type Part = (typeof PARTS)[number];

function chosenParts(args: string[]): Set<Part> {
  const unknown = args.filter((arg) => !(PARTS as readonly string[]).includes(arg));
  if (unknown.length > 0) throw new Error(`unknown bench part ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  return new Set(args.length > 0 ? (args as Part[]) : PARTS);
}

async function openBench(): Promise<void> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  try {
    const fixture = await buildDeclaration(dataDir, PARAGRAPHS, EDITS);
    const built = performance.now() - started;

    const yjs = median(await series(RUNS.yjs, () => rawYjs(fixture)));
    const replica = median(await series(RUNS.replica, () => replicaFromSqlite(fixture)));

    // The host must be the only process with the database open, as it is in use.
    const host = await startHostProcess(dataDir);
    const profileDir = mkdtempSync(join(tmpdir(), 'accord-bench-profile-'));
    let startTimes: number[];
    let timelines: PageTimeline[] = [];
    const inAppTimes: number[] = [];
    try {
      const context = await launchAppWindow(profileDir);
      try {
        const target = `${host.url}#/document/${fixture.docId}`;
        const open = () => openDeclaration(context, target, EDITOR_LABEL, fixture.lastParagraph);
        await open();
        const results = [];
        for (let i = 0; i < RUNS.browser; i += 1) results.push(await open());
        startTimes = results.map((r) => r.ms);
        timelines = results.map((r) => r.timeline);

        const page = await context.newPage();
        const meetingUrl = `${host.url}#/meeting/${fixture.meetingId}`;
        const fromMeeting = () => openFromMeeting(page, meetingUrl, fixture.title, EDITOR_LABEL, fixture.lastParagraph);
        await fromMeeting();
        for (let i = 0; i < RUNS.browser; i += 1) inAppTimes.push(await fromMeeting());
      } finally {
        await context.close();
      }
    } finally {
      await host.stop();
      rmSync(profileDir, { recursive: true, force: true });
    }
    const inApp = median(inAppTimes);
    const appStart = median(startTimes);

    const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
    const ratio = (value: number) => `${(value / yjs).toFixed(1).padStart(7)}×`;
    const verdict = (value: number) => (value <= GOAL_MS ? 'met' : `not met (${(value - GOAL_MS).toFixed(0)} ms over)`);
    const at = (pick: (t: PageTimeline) => number | null) => median(timelines.map((t) => pick(t) ?? NaN)).toFixed(0);
    const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
    console.log('');
    console.log(
      `open declaration: ${PARAGRAPHS} paragraphs, ${fixture.updates.length} stored updates (${(fixture.bytes / 1024).toFixed(1)} KB)`,
    );
    console.log(`  raw Yjs apply (in memory)                  ${ms(yjs)} ${ratio(yjs)}`);
    console.log(`  Accord replica from SQLite                 ${ms(replica)} ${ratio(replica)}`);
    console.log(`  editable, opened from the meeting screen   ${ms(inApp)} ${ratio(inApp)}   goal ≤ ${GOAL_MS} ms: ${verdict(inApp)}`);
    console.log(`  editable, app started on the declaration   ${ms(appStart)} ${ratio(appStart)}   goal ≤ ${GOAL_MS} ms: ${verdict(appStart)}`);
    console.log(
      `  app start timeline (median, ms since navigation start): html ${at((t) => t.html)}, ` +
        `modules evaluated ${at((t) => t.modulesDone)}, DOMContentLoaded ${at((t) => t.domContentLoaded)}, ` +
        `editor mounted ${at((t) => t.mounted)}, text synced ${at((t) => t.synced)}, text shown and editable ${at((t) => t.ready)}`,
    );
    console.log(
      `  runs: ${RUNS.yjs} / ${RUNS.replica} / ${RUNS.browser} / ${RUNS.browser} after one warm-up each, in a Chromium profile ` +
        `kept across runs like the app window's; from the meeting ${range(inAppTimes)}, app start ${range(startTimes)}; ` +
        `data written in ${(built / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(`goal: ≤ ${GOAL_MS} ms to editable — from the meeting screen ${verdict(inApp)}; app start ${verdict(appStart)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const parts = chosenParts(process.argv.slice(2));
  if (parts.has('open')) await openBench();
  if (parts.has('typing')) await typingBench();
  if (parts.has('hub')) {
    hubGateBench();
    await hubBench();
  }
  if (parts.has('storage')) await storageBench();
  if (parts.has('export')) await exportBench();
}

main().catch((error: unknown) => {
  console.error(`bench: could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
