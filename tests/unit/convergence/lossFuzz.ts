import { $wrapSelectionInMarkNode } from '@lexical/mark';
import { $getRoot, $getSelection, $isRangeSelection, CONTROLLED_TEXT_INSERTION_COMMAND, DELETE_CHARACTER_COMMAND, INSERT_PARAGRAPH_COMMAND, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import * as Y from 'yjs';
import {
  AGREE_BRACKET_COMMAND,
  BRACKET_SELECTION_COMMAND,
  INDENT_PARAGRAPH_COMMAND,
  INSERT_CLAUSE_COMMAND,
  MOVE_PARAGRAPH_COMMAND,
  OUTDENT_PARAGRAPH_COMMAND,
  SET_PARAGRAPH_KIND_COMMAND,
} from '../../../shared/declaration/binding/declarationCommands';
import { BlockKind } from '../../../shared/model/kinds';
import { readDeclarationView, type ViewParagraph } from '../../../shared/declaration/model/declarationView';
import { insertParagraphs } from '../../../shared/declaration/model/operations';
import { readParagraphs } from '../../../shared/declaration/model/paragraphOrder';
import { restoreVersion } from '../../../shared/declaration/restoreVersion';
import { exportParagraphs } from '../../../shared/export/readExportDeclaration';
import { openHeadlessDeclaration, type HeadlessDeclaration } from '../../../shared/declaration/headlessDeclaration';
import { seededRandom } from '../../support/random';
import { Network, type NetworkOptions, Rng } from './network';

/**
 * The "nothing lost" fuzz of issue 11. Replicas of one declaration, each a headless editor bound
 * to its own Y.Doc exactly as a window is, edit through random partitions (some stay cut off for
 * many rounds) with every operation a delegate or the secretariat has: typing, deleting words
 * within and across paragraphs, Enter, Backspace at a boundary, moves, kind changes, Tab and
 * Shift+Tab, brackets with alternatives, agreeing a bracket, comments, clauses from templates,
 * restoring a version, undo and redo. Every insertion carries a unique token. At the end, after
 * every link is healed:
 * - every replica holds the same declaration, and every editor shows exactly its model;
 * - every token is in every replica's editor and negotiation export, unless the replica that
 *   removed it (or a copy of it: see editorCopies) had seen it (a deletion, an agreement, a
 *   restore, an undo of one's own typing).
 * Locally, an operation that is not a deletion must never make a token disappear.
 */

export const OPERATIONS = [
  'type',
  'deleteWords',
  'deleteAcross',
  'enter',
  'backspaceAtStart',
  'deleteAtEnd',
  'move',
  'kind',
  'tab',
  'shiftTab',
  'bracket',
  'agree',
  'comment',
  'clause',
  'saveVersion',
  'restore',
  'undo',
  'redo',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Operations whose purpose is to remove words: what they remove of what this replica saw is deliberate. */
const REMOVING: ReadonlySet<Operation> = new Set(['deleteWords', 'deleteAcross', 'agree', 'restore', 'undo', 'redo']);
/** The secretariat's alone. */
const SECRETARIAT: ReadonlySet<Operation> = new Set(['agree', 'saveVersion', 'restore']);

interface FuzzReplica {
  index: number;
  role: 'secretariat' | 'delegate';
  doc: Y.Doc;
  session: HeadlessDeclaration;
  versions: Uint8Array[];
}

export interface FuzzOptions {
  /** Prints the acting replica's model before and after the rounds it returns true for. */
  trace?: (round: number) => boolean;
  /** Prints every round in which this token appears or disappears at some replica, with what was done. */
  watch?: string;
  seed: number;
  rounds: number;
  replicas: number;
  network: NetworkOptions;
}

export interface FuzzReport {
  seed: number;
  applied: Record<Operation, number>;
  tokens: number;
  deliberatelyRemoved: number;
  partitions: number;
  longestCut: number;
  paragraphs: number;
  revived: number;
  failures: string[];
  recent: string[];
}

/**
 * Tokens are found wherever they stand, even run together with a neighbour (a join can glue two
 * words). Nothing else typed holds a digit, and cuts are made only beside spaces, so a token is
 * never split, and two never make a third.
 */
function tokensOf(text: string): Set<string> {
  return new Set(text.match(/r\d+t\d+/g) ?? []);
}

/** Every token this replica's editor shows. */
function editorTokens(replica: FuzzReplica): Set<string> {
  return tokensOf(replica.session.editor.getEditorState().read(() => $getRoot().getTextContent()));
}

/**
 * How many copies of each token the editor shows. Two laptops splitting one paragraph at once
 * each keep their split, so the words before both points stand twice; deleting one copy while
 * the other is still there removes words its deleter saw, as deliberately as deleting the last.
 */
function editorCopies(replica: FuzzReplica): Map<string, number> {
  const copies = new Map<string, number>();
  const text = replica.session.editor.getEditorState().read(() => $getRoot().getTextContent());
  for (const token of text.match(/r\d+t\d+/g) ?? []) copies.set(token, (copies.get(token) ?? 0) + 1);
  return copies;
}

/** Every token this replica's negotiation export prints (brackets with all their wordings). */
function exportTokens(replica: FuzzReplica): Set<string> {
  const printed: string[] = [];
  for (const paragraph of exportParagraphs(readDeclarationView(replica.doc), new Map())) {
    for (const inline of paragraph.inlines) {
      // Runs follow each other with nothing between (the lead words are a run of their own); a
      // bracket prints its wordings between "[", " / " and "]".
      if (inline.type === 'run') printed.push(inline.run.text);
      else printed.push(`[${inline.alternatives.map((alternative) => alternative.runs.map((run) => run.text).join('')).join(' / ')}]`);
    }
    printed.push('\n');
  }
  return tokensOf(printed.join(''));
}

/** Offsets where a word can be put or a cut made without splitting a token: next to a space or an end. */
function safeOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = 0; i <= text.length; i += 1) if (i === 0 || i === text.length || /\s/.test(text[i - 1]!) || /\s/.test(text[i]!)) offsets.push(i);
  return offsets;
}

/** Whether a replica's editor shows exactly what its model holds, in the model's order. */
function editorMatchesModel(replica: FuzzReplica): string | null {
  return replica.session.binding.drift();
}

function describeDoc(replica: FuzzReplica): string {
  return readParagraphs(replica.doc)
    .map((p) => `  ${p.id} [map ${p.map._item?.id.client}:${p.map._item?.id.clock}] ${p.kind}${p.revived ? ' (revived)' : ''} parent=${p.parent} order=${p.order}: ${JSON.stringify(p.text.toString())}`)
    .join('\n');
}

function comparable(view: ReadonlyArray<ViewParagraph>): string {
  return JSON.stringify(view.map((p) => ({ id: p.id, kind: p.kind, revived: p.revived, runs: p.runs, segments: p.segments })));
}

export async function runLossFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const rng = new Rng(options.seed);
  const seedDoc = new Y.Doc();
  seedDoc.clientID = 1000;
  insertParagraphs(
    seedDoc,
    null,
    [
      ['title', 'Phnom Penh Declaration'],
      ['pp', 'Recognizing the role of capital cities in cooperation;'],
      ['operative-opening', 'Hereby agree to:'],
      ['op', 'Encourage member cities to share open data;'],
      ['sub', 'through common standards;'],
      ['op', 'Promote clean public transport;'],
    ].map(([kind, text]) => ({ kind: kind as BlockKind, runs: [{ text: text!, attributes: {} }] })),
    { newId: idMaker(options.seed, 0), random: seededRandom(options.seed) },
  );
  const seed = Y.encodeStateAsUpdate(seedDoc);
  const replicas: FuzzReplica[] = Array.from({ length: options.replicas }, (_, index) => {
    // Deleted content is kept, so a lost token can be traced to where it was deleted.
    const doc = new Y.Doc({ gc: false });
    doc.clientID = index + 1;
    Y.applyUpdate(doc, seed);
    const session = openHeadlessDeclaration(doc, { history: true, newId: idMaker(options.seed, index + 1), random: seededRandom(options.seed * 31 + index) });
    return { index, role: index === 0 ? 'secretariat' : 'delegate', doc, session, versions: [] };
  });
  if (options.watch) {
    const token = options.watch;
    for (const replica of replicas) {
      replica.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
          if (struct instanceof Y.Item && struct.content instanceof Y.ContentString && token.includes(struct.content.str.trim()) && struct.content.str.trim() !== '') {
            const origin = transaction.origin as { from?: unknown; network?: boolean } | null;
            console.log(`replica ${replica.index} deletes ${struct.id.client}:${struct.id.clock} ${JSON.stringify(struct.content.str)} (local: ${transaction.local}, origin ${JSON.stringify(origin?.from ?? (origin && 'network' in origin ? 'network' : String(origin)))})`);
          }
        });
      });
    }
  }
  const network = new Network(
    replicas.map((r) => r.doc),
    options.network,
  );
  const report: FuzzReport = {
    seed: options.seed,
    applied: Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<Operation, number>,
    tokens: 0,
    deliberatelyRemoved: 0,
    partitions: 0,
    longestCut: 0,
    paragraphs: 0,
    revived: 0,
    failures: [],
    recent: [],
  };
  const everyToken = new Set<string>();
  const removedOnPurpose = new Set<string>();
  let counter = 0;
  // A token counts once its replica shows it (a refused bracket never inserts its wordings).
  const offered: string[] = [];
  const newToken = (replica: FuzzReplica) => {
    const token = `r${replica.index}t${(counter += 1)}`;
    offered.push(token);
    return token;
  };
  const cutSince = new Map<string, number>();
  const log = (line: string) => {
    report.recent.push(line);
    if (report.recent.length > 40) report.recent.shift();
  };

  for (let round = 0; round < options.rounds && report.failures.length === 0; round += 1) {
    // Partitions: a cut link may stay down for many rounds (a laptop on a plane).
    if (rng.chance(0.15)) {
      const [a, b] = rng.pick(network.pairs());
      const key = `${a}-${b}`;
      if (network.isUp(a, b)) {
        network.partition(a, b);
        cutSince.set(key, round);
        report.partitions += 1;
        log(`round ${round}: cut ${key}`);
      } else if (round - (cutSince.get(key) ?? round) > rng.int(0, 30)) {
        report.longestCut = Math.max(report.longestCut, round - (cutSince.get(key) ?? round));
        await network.heal(a, b);
        log(`round ${round}: heal ${key}`);
      }
    }
    const replica = rng.pick(replicas);
    let operation = rng.pick(OPERATIONS);
    if (SECRETARIAT.has(operation) && replica.role !== 'secretariat') operation = 'type';
    const before = editorTokens(replica);
    const copiesBefore = editorCopies(replica);
    const trace = options.trace?.(round) ?? false;
    if (trace) console.log(`round ${round} replica ${replica.index} ${operation} before:\n${describeDoc(replica)}`);
    let done: string | null;
    try {
      done = apply(replica, operation, rng, () => newToken(replica));
    } catch (error) {
      report.failures.push(`round ${round}: replica ${replica.index}: ${operation} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      break;
    }
    if (done) {
      report.applied[operation] += 1;
      log(`round ${round}: replica ${replica.index}: ${done}`);
    }
    const after = editorTokens(replica);
    if (trace) console.log(`${done}\nafter:\n${describeDoc(replica)}`);
    for (const token of offered.splice(0)) if (after.has(token)) everyToken.add(token);
    const gone = [...before].filter((token) => !after.has(token));
    if (REMOVING.has(operation)) {
      const copiesAfter = editorCopies(replica);
      for (const [token, count] of copiesBefore) if ((copiesAfter.get(token) ?? 0) < count) removedOnPurpose.add(token);
    } else if (gone.length > 0) report.failures.push(`round ${round}: replica ${replica.index}: ${operation} made ${gone.join(', ')} disappear`);
    const mismatch = editorMatchesModel(replica);
    if (mismatch) report.failures.push(`round ${round}: replica ${replica.index} after ${operation}: ${mismatch}`);
    if (options.watch) watchToken(options.watch, replicas, round, done ?? operation, replica.index);
    if (options.watch) findBroken(replicas, round, done ?? operation, replica.index);
    const seen = replicas.map(editorTokens);
    if (trace) for (const other of replicas) console.log(`before delivery, replica ${other.index}:\n${describeDoc(other)}`);
    await network.deliver(rng, rng.int(0, 6));
    if (trace) for (const other of replicas) console.log(`after delivery, replica ${other.index}:\n${describeDoc(other)}`);
    if (options.watch) {
      watchToken(options.watch, replicas, round, 'delivery', -1);
      findBroken(replicas, round, 'delivery', -1);
    }
    for (const other of replicas) {
      const drift = editorMatchesModel(other);
      if (drift) {
        report.failures.push(`round ${round}: replica ${other.index} after receiving: ${drift}`);
        break;
      }
      // Only a clue, not a failure: a change can arrive before one it builds on, and Yjs holds it
      // back until then (a copy of moved words may so be out of sight for a while).
      if (trace) {
        const now = editorTokens(other);
        const vanished = [...seen[other.index]!].filter((token) => !now.has(token) && !removedOnPurpose.has(token));
        if (vanished.length > 0) console.log(`round ${round}: replica ${other.index} no longer shows ${vanished.join(', ')}`);
      }
    }
  }

  // Everyone back online: heal, deliver everything, and exchange state vectors once more.
  for (const [a, b] of network.pairs()) {
    await network.heal(a, b);
    if (options.watch) watchToken(options.watch, replicas, options.rounds, `heal ${a}-${b}`, -1);
  }
  await network.deliver(rng);
  if (options.watch) watchToken(options.watch, replicas, options.rounds, 'final delivery', -1);
  for (const [a, b] of network.pairs()) await network.exchange(a, b);

  const reference = comparable(readDeclarationView(replicas[0]!.doc));
  for (const replica of replicas) {
    if (comparable(readDeclarationView(replica.doc)) !== reference) report.failures.push(`replica ${replica.index} holds another declaration than replica 0`);
    const mismatch = editorMatchesModel(replica);
    if (mismatch) report.failures.push(`replica ${replica.index}'s editor: ${mismatch}`);
    const shown = editorTokens(replica);
    const printed = exportTokens(replica);
    const lost = [...everyToken].filter((token) => !removedOnPurpose.has(token) && (!shown.has(token) || !printed.has(token)));
    if (lost.length > 0) report.failures.push(`replica ${replica.index} lost ${lost.length} token(s): ${lost.slice(0, 12).map((token) => `${token} (${whereDeleted(replica.doc, token)})`).join(', ')}`);
  }
  const view = readDeclarationView(replicas[0]!.doc);
  report.tokens = everyToken.size;
  report.deliberatelyRemoved = removedOnPurpose.size;
  report.paragraphs = view.length;
  report.revived = view.filter((p) => p.revived).length;
  network.dispose();
  for (const replica of replicas) replica.session.dispose();
  return report;
}

/** A paragraph's text as its items: who wrote each piece, and whether it is deleted. */
export function describeItems(doc: Y.Doc, id: string): string {
  const paragraph = doc.getMap<Y.Map<unknown>>('paragraphs').get(id);
  const text = paragraph?.get('text');
  if (!(text instanceof Y.Text)) return 'no such paragraph';
  const parts: string[] = [];
  for (let item = text._start; item; item = item.right) {
    const content = item.content instanceof Y.ContentString ? JSON.stringify(item.content.str) : item.content instanceof Y.ContentFormat ? `<${item.content.key}=${JSON.stringify(item.content.value)}>` : item.content.constructor.name;
    parts.push(`${item.id.client}:${item.id.clock}${item.deleted ? '✗' : ''} ${content}`);
  }
  return parts.join(' | ');
}

let reportedBroken = false;
/** A digit left once every token is taken out is a piece of a token: it was cut where no cut is made. */
function findBroken(replicas: ReadonlyArray<FuzzReplica>, round: number, what: string, actor: number): void {
  if (reportedBroken) return;
  for (const replica of replicas) {
    const text = replica.session.editor.getEditorState().read(() => $getRoot().getTextContent());
    const rest = text.replace(/r\d+t\d+/g, ' ');
    if (!/\d/.test(rest)) continue;
    reportedBroken = true;
    console.log(`round ${round}: after ${actor >= 0 ? `replica ${actor}: ` : ''}${what}: replica ${replica.index} shows a broken token\n${describeDoc(replica)}`);
    for (const paragraph of readParagraphs(replica.doc)) if (/\d/.test(paragraph.text.toString().replace(/r\d+t\d+/g, ' '))) console.log(`  ${paragraph.id}: ${describeItems(replica.doc, paragraph.id)}`);
    return;
  }
}

const watched = new Map<number, boolean>();
const held = new Map<number, string>();
function watchToken(token: string, replicas: ReadonlyArray<FuzzReplica>, round: number, what: string, actor: number): void {
  for (const replica of replicas) {
    // Whether its doc holds the token's characters at all, and whether they are live.
    let state = 'absent';
    replica.doc.getMap<Y.Map<unknown>>('paragraphs').forEach((paragraph, id) => {
      const text = paragraph.get('text');
      if (!(text instanceof Y.Text)) return;
      for (let item = text._start; item; item = item.right) {
        if (item.content instanceof Y.ContentString && item.content.str.includes(token)) state = `${item.deleted ? 'deleted' : 'live'} in ${id} (${item.id.client}:${item.id.clock}, paragraph ${paragraph.get('deleted') ? 'tombstoned' : 'live'})`;
      }
    });
    if (held.get(replica.index) !== state) {
      console.log(`round ${round}: after ${actor >= 0 ? `replica ${actor}: ` : ''}${what}: replica ${replica.index} holds ${token}: ${state}`);
      held.set(replica.index, state);
    }
    const shows = editorTokens(replica).has(token);
    if ((watched.get(replica.index) ?? false) !== shows) {
      console.log(`round ${round}: after ${actor >= 0 ? `replica ${actor}: ` : ''}${what}: replica ${replica.index} ${shows ? 'shows' : 'NO LONGER shows'} ${token}\n${describeDoc(replica)}`);
      watched.set(replica.index, shows);
    }
  }
}

/** Where a token's characters lie deleted (docs keep deleted content in the fuzz): paragraph and deleting clients. */
function whereDeleted(doc: Y.Doc, token: string): string {
  const places: string[] = [];
  doc.getMap<Y.Map<unknown>>('paragraphs').forEach((paragraph, id) => {
    const text = paragraph.get('text');
    if (!(text instanceof Y.Text)) return;
    let item = text._start;
    let deletedText = '';
    const clients = new Set<number>();
    while (item) {
      if (item.deleted && item.content instanceof Y.ContentString) {
        deletedText += item.content.str;
        clients.add(item.id.client);
      }
      item = item.right;
    }
    if (deletedText.includes(token)) places.push(`deleted in ${id}${paragraph.get('deleted') ? ' (tombstone)' : ''}, typed by ${[...clients].join('/')}`);
  });
  return places.join('; ') || 'nowhere';
}

/** Seeded ids, so a failing seed replays exactly. */
function idMaker(seed: number, replica: number): () => string {
  let n = 0;
  return () => `s${seed}-r${replica}-${(n += 1)}`;
}

function apply(replica: FuzzReplica, operation: Operation, rng: Rng, token: () => string): string | null {
  const { session, doc } = replica;
  const paragraphs = readParagraphs(doc);
  if (paragraphs.length === 0 && operation !== 'type' && operation !== 'clause') return null;
  const pick = () => rng.pick(paragraphs);
  const at = (paragraph: (typeof paragraphs)[number]) => rng.pick(safeOffsets(paragraph.text.toString()));
  const caret = (id: string, offset: number, focus = offset, focusId = id) =>
    session.update(() => session.binding.$select({ id, offset }, { id: focusId, offset: focus }));
  const describe = (paragraph: (typeof paragraphs)[number]) => `p${paragraphs.indexOf(paragraph)}`;

  switch (operation) {
    case 'type': {
      if (paragraphs.length === 0) {
        session.dispatch(INSERT_CLAUSE_COMMAND, { kind: 'paragraph', segments: [{ type: 'text', text: ` ${token()} ` }] });
        return 'typed into an empty declaration';
      }
      const paragraph = pick();
      const offset = at(paragraph);
      const word = token();
      caret(paragraph.id, offset);
      session.update(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText(` ${word} `);
      });
      return `type ${word} at ${describe(paragraph)}@${offset}`;
    }
    case 'deleteWords': {
      const paragraph = pick();
      const offsets = safeOffsets(paragraph.text.toString());
      const a = rng.pick(offsets);
      const b = rng.pick(offsets);
      if (a === b) return null;
      caret(paragraph.id, a, b);
      session.update(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.removeText();
      });
      return `delete ${describe(paragraph)}@${Math.min(a, b)}-${Math.max(a, b)}`;
    }
    case 'deleteAcross': {
      const index = rng.int(0, Math.max(0, paragraphs.length - 2));
      const first = paragraphs[index]!;
      const last = paragraphs[Math.min(paragraphs.length - 1, index + rng.int(1, 2))]!;
      if (first === last) return null;
      const a = at(first);
      const b = at(last);
      caret(first.id, a, b, last.id);
      // Backspace with the words selected; or typing over them, which deletes them first.
      if (rng.chance(0.7)) session.dispatch(DELETE_CHARACTER_COMMAND, true);
      else {
        const word = token();
        session.dispatch(CONTROLLED_TEXT_INSERTION_COMMAND, ` ${word} `);
      }
      return `delete ${describe(first)}@${a} -> ${describe(last)}@${b}`;
    }
    case 'enter': {
      const paragraph = pick();
      const offset = at(paragraph);
      caret(paragraph.id, offset);
      session.dispatch(INSERT_PARAGRAPH_COMMAND, undefined);
      return `Enter at ${describe(paragraph)}@${offset}`;
    }
    case 'backspaceAtStart': {
      const paragraph = pick();
      caret(paragraph.id, 0);
      session.dispatch(DELETE_CHARACTER_COMMAND, true);
      return `Backspace at the start of ${describe(paragraph)}`;
    }
    case 'deleteAtEnd': {
      const paragraph = pick();
      caret(paragraph.id, paragraph.text.length);
      session.dispatch(DELETE_CHARACTER_COMMAND, false);
      return `Delete at the end of ${describe(paragraph)}`;
    }
    case 'move': {
      const paragraph = pick();
      const direction = rng.pick(['up', 'down'] as const);
      caret(paragraph.id, 0);
      session.dispatch(MOVE_PARAGRAPH_COMMAND, direction);
      return `move ${describe(paragraph)} ${direction}`;
    }
    case 'kind': {
      const paragraph = pick();
      const kind = rng.pick(BlockKind.options);
      caret(paragraph.id, 0);
      session.dispatch(SET_PARAGRAPH_KIND_COMMAND, kind);
      return `kind of ${describe(paragraph)} -> ${kind}`;
    }
    case 'tab':
    case 'shiftTab': {
      const paragraph = pick();
      caret(paragraph.id, 0);
      session.dispatch(operation === 'tab' ? INDENT_PARAGRAPH_COMMAND : OUTDENT_PARAGRAPH_COMMAND, undefined);
      return `${operation} ${describe(paragraph)}`;
    }
    case 'bracket': {
      const paragraph = pick();
      const offsets = safeOffsets(paragraph.text.toString());
      const a = rng.pick(offsets);
      const b = rng.pick(offsets);
      if (a === b) return null;
      caret(paragraph.id, a, b);
      const alternatives = rng.chance(0.6) ? [{ text: ` ${token()} `, proposers: [rng.pick(['Bangkok', 'Vientiane'])] }] : [];
      let outcome = 'refused';
      session.dispatch(BRACKET_SELECTION_COMMAND, {
        proposers: [rng.pick(['Ha Noi', 'Phnom Penh'])],
        alternatives,
        done: (result) => {
          outcome = result.ok ? 'bracketed' : result.reason;
        },
      });
      return `bracket ${describe(paragraph)}@${Math.min(a, b)}-${Math.max(a, b)}: ${outcome}`;
    }
    case 'agree': {
      const brackets = readDeclarationView(doc).flatMap((p) => p.segments.flatMap((s) => (s.type === 'bracket' ? [s] : [])));
      if (brackets.length === 0) return null;
      const bracket = rng.pick(brackets);
      const keep = rng.chance(0.8) ? rng.pick(bracket.alternatives).alternativeId : null;
      session.dispatch(AGREE_BRACKET_COMMAND, { bracketId: bracket.bracketId, keep });
      return `agree ${bracket.bracketId} keeping ${keep ?? 'nothing'}`;
    }
    case 'comment': {
      const paragraph = pick();
      const offsets = safeOffsets(paragraph.text.toString());
      const a = rng.pick(offsets);
      const b = rng.pick(offsets);
      if (a === b) return null;
      caret(paragraph.id, a, b);
      const thread = `thread${rng.int(0, 1e6)}`;
      session.update(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) $wrapSelectionInMarkNode(selection, selection.isBackward(), thread);
      });
      return `comment ${thread} on ${describe(paragraph)}@${Math.min(a, b)}-${Math.max(a, b)}`;
    }
    case 'clause': {
      const paragraph = paragraphs.length > 0 ? pick() : null;
      if (paragraph) caret(paragraph.id, at(paragraph));
      const word = token();
      session.dispatch(INSERT_CLAUSE_COMMAND, { kind: rng.pick(['pp', 'op'] as const), segments: [{ type: 'text', text: `Encourage ${word} ` }, { type: 'field', name: 'target year' }] });
      return `clause with ${word}${paragraph ? ` after ${describe(paragraph)}` : ''}`;
    }
    case 'saveVersion':
      replica.versions.push(Y.encodeStateAsUpdate(doc));
      return `save version ${replica.versions.length}`;
    case 'restore': {
      if (replica.versions.length === 0) return null;
      const index = rng.int(0, replica.versions.length - 1);
      const version = new Y.Doc();
      Y.applyUpdate(version, replica.versions[index]!);
      restoreVersion(doc, version);
      version.destroy();
      return `restore version ${index + 1}`;
    }
    case 'undo':
    case 'redo':
      session.dispatch(operation === 'undo' ? UNDO_COMMAND : REDO_COMMAND, undefined);
      return operation;
  }
}
