// The update log on disk: how long a document with 1,000, 10,000 and 100,000 stored updates takes
// to open, as typed and after compaction, beside plain Yjs applying the same bytes in memory; and
// how many bytes a typed character costs once compacted, beside Yjs' own encoded state.
// Reports only; a goal missed is printed, never turned into a failing exit code.
//
// Two histories of each length. "Growing": every update types one more character, so the text
// grows with the log (100,000 updates are a 100,000-character declaration). "Revised": a
// declaration of a fixed size, reworded keystroke by keystroke, so only the history grows. The
// goal (open time independent of how long the history is) is judged on the revised one; the
// growing one cannot meet it by any storage: Yjs alone needs ~100× longer for its 100× longer text.
import Database from 'better-sqlite3';
import { $getRoot } from 'lexical';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { silentLogger } from '../../electron/storage/logger';
import { Replicas } from '../../electron/storage/replicas';
import { AppStore } from '../../electron/storage/appStore';
import { insertParagraphs } from '../../shared/declaration/model/operations';
import { readParagraphs } from '../../shared/declaration/model/paragraphOrder';
import { openHeadlessDeclaration } from '../../shared/declaration/headlessDeclaration';
import { amendment, paragraphText, seededRandom } from './corpus';

type Scenario = 'growing' | 'revised';

const SIZES = [1_000, 10_000, 100_000];
/** Timed runs after one warm-up, per size: an uncompacted 100,000 takes about half a second per open. */
const RUNS: Record<number, number> = { 1_000: 15, 10_000: 9, 100_000: 5 };
const GOAL_RATIO = 2;
const DOC_ID = 'bench-storage';
/** Growing: characters a paragraph gets before the writer starts the next (a corpus clause has 250–350). */
const CHARS_PER_PARAGRAPH = 300;
/** Revised: the declaration's paragraphs, written whole as a draft before the rewording starts. */
const REVISED_PARAGRAPHS = 30;
/** Stored updates written per SQLite transaction while a history is generated. */
const BATCH = 5_000;
/** Never compact on its own: the bench decides when. */
const NO_COMPACTION = { maxRows: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One unmeasured warm-up, then `runs` timed calls. */
function series<T>(runs: number, once: () => T): T[] {
  once();
  return Array.from({ length: runs }, once);
}

interface History {
  updates: number;
  paragraphs: number;
  /** Keystrokes that inserted a character, including those later taken back. */
  typed: number;
  /** The paragraphs' text as written, joined. */
  text: string;
}

interface Block {
  /** The paragraph's text in the declaration model. */
  xml: Y.Text;
  /** Where keystrokes may land: anywhere in the text. */
  base: number;
}

const stringOf = (xml: Y.Text): string => xml.toString();

/**
 * Writes a declaration of exactly `updates` stored updates through Replicas. Its paragraphs are
 * written by the declaration model's operations, as the app writes them; every
 * further update is one keystroke, made directly on the paragraph's Y.Text where the binding puts
 * a keystroke (a Lexical update per character would take minutes at 100,000).
 *
 * Growing: each paragraph starts as its lead word, the rest is typed, with 4% backspaces and now
 * and then an amendment inserted into an earlier paragraph. Revised: the paragraphs are written
 * whole, then words are backspaced away and others typed in their place.
 */
function writeHistory(store: AppStore, updates: number, scenario: Scenario): History {
  const random = seededRandom(updates);
  const replicas = new Replicas({ store, now: Date.now, log: silentLogger, compaction: NO_COMPACTION });
  const replica = replicas.acquire(DOC_ID);
  const paragraphs = scenario === 'growing' ? Math.max(2, Math.round(updates / CHARS_PER_PARAGRAPH)) : REVISED_PARAGRAPHS;
  const texts = Array.from({ length: paragraphs }, (_, i) => paragraphText(i + 1).replace(/^\d+\. /, ''));
  const words = texts.flatMap((text) => text.match(/[a-z]{3,}/g) ?? []);
  try {
    store.transaction(() => {
      texts.forEach((text, i) => {
        const lead = text.split(' ')[0]!;
        const written = scenario === 'growing' ? `${lead} ` : text;
        const after = readParagraphs(replica.doc).at(-1)?.id ?? null;
        insertParagraphs(replica.doc, after, [{ kind: lead.endsWith('ing') ? 'pp' : 'op', runs: [{ text: written, attributes: {} }] }]);
        texts[i] = text.slice(written.length);
      });
    });

    const blocks: Block[] = readParagraphs(replica.doc).map((paragraph) => ({ xml: paragraph.text, base: 0 }));
    if (blocks.length !== paragraphs) throw new Error(`wrote ${blocks.length} paragraphs, expected ${paragraphs}`);
    let typed = 0;
    /** Keystrokes queued by a multi-character edit (an amendment, a reworded word). */
    const pending: Array<() => void> = [];
    const type = (block: Block, at: number, text: string) => {
      for (const [k, char] of [...text].entries()) {
        pending.push(() => {
          block.xml.insert(at + k, char);
          typed += 1;
        });
      }
    };

    let current = 0;
    const done = texts.map(() => 0);
    let amendments = 0;
    const growingKeystroke = () => {
      const roll = random();
      const block = blocks[current]!;
      if (roll < 0.04 && done[current]! > 0) {
        block.xml.delete(block.xml.length - 1, 1);
        done[current]! -= 1;
      } else if (roll < 0.06 && current > 0) {
        const target = blocks[Math.floor(random() * current)]!;
        const at = target.base + Math.floor(random() * (target.xml.length - target.base + 1));
        type(target, at, ` ${amendment(amendments++)},`);
        pending.shift()!();
      } else {
        block.xml.insert(block.xml.length, texts[current]![done[current]!]!);
        typed += 1;
        done[current]! += 1;
        // A paragraph done, the next one starts; past the last, the writer keeps amending it.
        if (done[current] === texts[current]!.length) current = Math.min(current + 1, paragraphs - 1);
        if (done[current] === texts[current]!.length) texts[current] += ` ${amendment(amendments++)}.`;
      }
    };

    const revisingKeystroke = () => {
      const block = blocks[Math.floor(random() * paragraphs)]!;
      const text = stringOf(block.xml).slice(-(block.xml.length - block.base));
      const found = [...text.matchAll(/\S+/g)];
      const word = found[Math.floor(random() * found.length)]!;
      const start = block.base + word.index;
      // Backspaced from its end, then the new word typed where it stood.
      for (let k = word[0].length; k > 0; k -= 1) pending.push(() => block.xml.delete(start + k - 1, 1));
      type(block, start, words[Math.floor(random() * words.length)]!);
      pending.shift()!();
    };

    const keystroke = () => {
      const next = pending.shift();
      if (next) next();
      else if (scenario === 'growing') growingKeystroke();
      else revisingKeystroke();
    };

    // Writing a paragraph may store more than one update (placing it can rekey a neighbour):
    // keystrokes make up the rest, so the log holds exactly `updates`.
    const keystrokes = updates - store.updateLogSize(DOC_ID).rows;
    if (keystrokes < 0) throw new Error(`${paragraphs} paragraphs already take more than ${updates} updates`);
    for (let start = 0; start < keystrokes; start += BATCH) {
      store.transaction(() => {
        for (let k = start; k < Math.min(keystrokes, start + BATCH); k += 1) keystroke();
      });
    }
    if (replica.persistenceError) throw replica.persistenceError;
    const stored = store.updateLogSize(DOC_ID).rows;
    if (stored !== updates) throw new Error(`the log holds ${stored} updates, expected ${updates}`);
    return { updates, paragraphs, typed, text: blocks.map((block) => stringOf(block.xml)).join('') };
  } finally {
    replicas.release(replica);
  }
}

interface OpenTimes {
  store: number;
  acquire: number;
  total: number;
}

/** AppStore.open, then Replicas.acquire, timed apart, on a database nobody else has open. */
function openTimes(file: string, runs: number): OpenTimes {
  const samples = series(runs, () => {
    const started = performance.now();
    const store = AppStore.open(file);
    try {
      const opened = performance.now();
      const replicas = new Replicas({ store, now: Date.now, log: silentLogger, compaction: NO_COMPACTION });
      const replica = replicas.acquire(DOC_ID);
      const acquired = performance.now();
      replicas.release(replica);
      return { store: opened - started, acquire: acquired - opened };
    } finally {
      store.close();
    }
  });
  return {
    store: median(samples.map((s) => s.store)),
    acquire: median(samples.map((s) => s.acquire)),
    total: median(samples.map((s) => s.store + s.acquire)),
  };
}

/** The work Replicas.load does, on bytes already in memory. */
function rawApply(updates: ReadonlyArray<Uint8Array>): number {
  const doc = new Y.Doc({ gc: true });
  const start = performance.now();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const ms = performance.now() - start;
  doc.destroy();
  return ms;
}

/** The database once checkpointed (the store closed), with its WAL if one was left. */
function fileBytes(file: string): number {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
}

interface Result {
  scenario: Scenario;
  history: History;
  asTyped: OpenTimes;
  compacted: OpenTimes;
  rawUpdates: number;
  rawState: number;
  logBytesAsTyped: number;
  logBytesCompacted: number;
  fileBytesAsTyped: number;
  fileBytesCompacted: number;
  fileBytesVacuumed: number;
  stateBytes: number;
  writeSeconds: number;
}

function measure(dir: string, updates: number, scenario: Scenario): Result {
  const file = join(dir, 'accord.sqlite');
  const runs = RUNS[updates] ?? 5;
  const writeStart = performance.now();
  const store = AppStore.open(file);
  let history: History;
  let logBytesAsTyped: number;
  try {
    store.createDoc({ id: DOC_ID, kind: 'declaration', meetingId: null, now: Date.now() });
    history = writeHistory(store, updates, scenario);
    logBytesAsTyped = store.updateLogSize(DOC_ID).bytes;
  } finally {
    store.close();
  }
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const fileBytesAsTyped = fileBytes(file);
  const asTyped = openTimes(file, runs);

  const compactor = AppStore.open(file);
  let log: Uint8Array[];
  let state: Uint8Array;
  let logBytesCompacted: number;
  try {
    log = compactor.readUpdates(DOC_ID).map((update) => update.slice());
    const replicas = new Replicas({ store: compactor, now: Date.now, log: silentLogger, compaction: NO_COMPACTION });
    const replica = replicas.acquire(DOC_ID);
    state = Y.encodeStateAsUpdate(replica.doc);
    // With the replica open, as when the app compacts: the merged row is its encoded state.
    const { after } = replicas.compact(DOC_ID);
    if (after !== 1) throw new Error(`compaction left ${after} rows, expected 1`);
    replicas.release(replica);
    logBytesCompacted = compactor.updateLogSize(DOC_ID).bytes;
  } finally {
    compactor.close();
  }
  const fileBytesCompacted = fileBytes(file);
  const compacted = openTimes(file, runs);
  checkReadable(file, history);

  const rawUpdates = median(series(runs, () => rawApply(log)));
  const rawState = median(series(runs, () => rawApply([state])));

  // What the file would shrink to: AppStore never vacuums, compaction leaves free pages for reuse.
  const db = new Database(file);
  db.exec('VACUUM');
  db.close();
  return {
    scenario,
    history,
    asTyped,
    compacted,
    rawUpdates,
    rawState,
    logBytesAsTyped,
    logBytesCompacted,
    fileBytesAsTyped,
    fileBytesCompacted,
    fileBytesVacuumed: fileBytes(file),
    stateBytes: state.byteLength,
    writeSeconds,
  };
}

/** The compacted document opens in Lexical with every paragraph and every character written. */
function checkReadable(file: string, history: History): void {
  const store = AppStore.open(file);
  try {
    const replicas = new Replicas({ store, now: Date.now, log: silentLogger, compaction: NO_COMPACTION });
    replicas.with(DOC_ID, (replica) => {
      const session = openHeadlessDeclaration(replica.doc);
      try {
        const { paragraphs, text } = session.editor.getEditorState().read(() => ({
          paragraphs: $getRoot().getChildrenSize(),
          text: $getRoot()
            .getChildren()
            .map((p) => p.getTextContent())
            .join(''),
        }));
        if (paragraphs !== history.paragraphs || text !== history.text) {
          throw new Error(
            `Lexical reads ${paragraphs} paragraphs and ${text.length} characters, ` +
              `not the ${history.paragraphs} and ${history.text.length} written`,
          );
        }
      } finally {
        session.dispose();
      }
    });
  } finally {
    store.close();
  }
}

export async function storageBench(): Promise<void> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-storagebench-'));
  const results: Result[] = [];
  try {
    for (const scenario of ['growing', 'revised'] as const) {
      for (const updates of SIZES) {
        const dir = mkdtempSync(join(dataDir, `${scenario}-${updates}-`));
        results.push(measure(dir, updates, scenario));
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const of = (scenario: Scenario) => results.filter((r) => r.scenario === scenario);

  const count = (n: number) => n.toLocaleString('en-US');
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
  const times = (value: number, baseline: number) => `${(value / baseline).toFixed(1).padStart(5)}×`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const row = (cells: string[]) => console.log(`  ${cells[0]!.padEnd(9)}${cells.slice(1).map((c) => c.padStart(20)).join('')}`);
  const openRows = (scenario: Scenario) => {
    row(['updates', 'open, log as typed', 'raw Yjs, same log', 'open, compacted', 'raw Yjs, its state', 'of which AppStore.open']);
    for (const r of of(scenario)) {
      row([
        count(r.history.updates),
        `${ms(r.asTyped.total)} ${times(r.asTyped.total, r.rawUpdates)}`,
        ms(r.rawUpdates),
        `${ms(r.compacted.total)} ${times(r.compacted.total, r.rawState)}`,
        ms(r.rawState),
        `${r.asTyped.store.toFixed(1)} / ${r.compacted.store.toFixed(1)} ms`,
      ]);
    }
  };

  const growing = of('growing');
  const revised = of('revised');
  console.log('');
  console.log(
    `storage, open a declaration: open = AppStore.open + Replicas.acquire, median of ${SIZES.map((n) => RUNS[n]).join(' / ')} runs ` +
      `after one warm-up; × = over plain Yjs applying the same bytes in memory in one transaction; ` +
      `AppStore.open (with its quick_check) shown apart, log as typed / compacted`,
  );
  console.log(
    `  growing: one character typed per update (4% backspaces, amendments to earlier paragraphs), so the text grows with the ` +
      `log: ${growing.map((r) => `${count(r.history.text.length)} characters in ${r.history.paragraphs} paragraphs`).join(' / ')}`,
  );
  openRows('growing');
  console.log(
    `  revised: ${REVISED_PARAGRAPHS} paragraphs written whole, then one keystroke per update rewording them (a word backspaced ` +
      `away, another typed), so only the history grows: ${revised.map((r) => `${count(r.history.text.length)} characters`).join(' / ')}`,
  );
  openRows('revised');

  console.log(
    `storage, bytes per typed character, growing (${growing.map((r) => `${count(r.history.typed)} typed`).join(' / ')}): ` +
      `log = sum(length(data)) of the document's rows; file = accord.sqlite after checkpoint (no WAL left), ` +
      `after compaction's incremental vacuum (new files use auto_vacuum=INCREMENTAL); vacuumed = the same file after a full VACUUM, for reference`,
  );
  row(['updates', 'log as typed', 'file as typed', 'log compacted', 'file compacted', 'file vacuumed', 'Yjs encoded state']);
  for (const r of growing) {
    const perChar = (bytes: number) => (bytes / r.history.typed).toFixed(2);
    row([
      count(r.history.updates),
      perChar(r.logBytesAsTyped),
      perChar(r.fileBytesAsTyped),
      perChar(r.logBytesCompacted),
      perChar(r.fileBytesCompacted),
      perChar(r.fileBytesVacuumed),
      perChar(r.stateBytes),
    ]);
  }
  console.log(
    `  revised, compacted log / Yjs encoded state / file / vacuumed: ` +
      revised
        .map((r) => `${count(r.history.updates)}: ${kb(r.logBytesCompacted)} / ${kb(r.stateBytes)} / ${kb(r.fileBytesCompacted)} / ${kb(r.fileBytesVacuumed)}`)
        .join(', '),
  );
  const written = (rs: Result[]) => rs.map((r) => r.writeSeconds.toFixed(1)).join(' / ');
  console.log(
    `  histories written in ${written(growing)} s (growing), ${written(revised)} s (revised), ${count(BATCH)} updates per ` +
      `transaction; ` +
      `storage bench ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const ratio = (rs: Result[], pick: (r: Result) => number) => pick(rs.at(-1)!) / pick(rs[0]!);
  const goal = ratio(revised, (r) => r.compacted.total);
  console.log(
    `goal: open at ${count(SIZES.at(-1)!)} updates within ${GOAL_RATIO}× of ${count(SIZES[0]!)}, compacted, same declaration — ` +
      `${goal <= GOAL_RATIO ? 'met' : 'not met'} (${goal.toFixed(2)}×; without compaction ` +
      `${ratio(revised, (r) => r.asTyped.total).toFixed(1)}×); growing declaration, its text ` +
      `${ratio(growing, (r) => r.history.text.length).toFixed(0)}× longer: compacted ${ratio(growing, (r) => r.compacted.total).toFixed(1)}×, ` +
      `without ${ratio(growing, (r) => r.asTyped.total).toFixed(1)}×, plain Yjs on its state ${ratio(growing, (r) => r.rawState).toFixed(1)}×`,
  );
}
