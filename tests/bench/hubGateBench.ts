// What reading an update before applying it costs the hub, beside what applying it costs, for the
// largest honest updates and the worst ones the limits still admit. Reports only.
import * as Y from 'yjs';
import { DEFAULT_UPDATE_LIMITS, inspectUpdate } from '../../electron/hub/updateGate';
import { insertParagraphs } from '../../shared/declaration/model/operations';
import { readParagraphs } from '../../shared/declaration/model/paragraphOrder';
import { encodeItems, nestedArrays } from '../unit/electron/hub/hostileUpdates';
import { paragraphText } from './corpus';

interface Case {
  name: string;
  room: Y.Doc;
  update: Uint8Array;
}

function declaration(paragraphs: number): Y.Doc {
  const doc = new Y.Doc();
  insertParagraphs(
    doc,
    null,
    Array.from({ length: paragraphs }, (_, i) => ({ kind: i % 3 === 0 ? 'pp' : 'op', runs: [{ text: paragraphText(i + 1), attributes: {} }] }) as const),
  );
  return doc;
}

const copy = (doc: Y.Doc) => {
  const copied = new Y.Doc();
  Y.applyUpdate(copied, Y.encodeStateAsUpdate(doc));
  return copied;
};

/** The change `edit` makes to a copy of `room`, as the update a client sends for it. */
function changeTo(room: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = copy(room);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.transact(() => edit(doc));
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

function cases(): Case[] {
  const empty = new Y.Doc();
  const room = declaration(1000);
  const first = readParagraphs(room)[0]!.id;
  // A text of 100,000 items (characters of two alternating writers, which Yjs cannot merge): the
  // longest search the gate lets through walks all of it.
  const long = new Y.Doc();
  const text = long.getText('body');
  for (let i = 0; i < 100_000; i += 1) {
    long.clientID = 1 + (i % 2);
    text.insert(i, 'ab'[i % 2]!);
  }
  const lastChar = Y.createID(long.clientID, Y.getState(long.store, long.clientID) - 1);
  return [
    { name: 'keystroke in a 1,000-paragraph declaration', room, update: changeTo(room, (doc) => readParagraphs(doc).find((p) => p.id === first)!.text.insert(5, 'x')) },
    { name: 'paste of 10 KB', room, update: changeTo(room, (doc) => readParagraphs(doc)[500]!.text.insert(0, 'y'.repeat(10 * 1024))) },
    { name: 'first publication, 1,000 paragraphs', room: empty, update: Y.encodeStateAsUpdate(room) },
    {
      name: 'a week offline (30,000 edits)',
      room,
      update: changeTo(room, (doc) => {
        for (const paragraph of readParagraphs(doc)) {
          for (let place = 0; place < 30; place += 1) {
            const at = (place * 13) % paragraph.text.length;
            paragraph.text.delete(at, 3);
            paragraph.text.insert(at, 'abcdefgh');
          }
        }
      }),
    },
    {
      name: `worst within limits: ${(DEFAULT_UPDATE_LIMITS.maxStructs - 1000).toLocaleString('en')} map entries`,
      room: empty,
      update: changeTo(empty, (doc) => {
        const map = doc.getMap('m');
        for (let i = 0; i < DEFAULT_UPDATE_LIMITS.maxStructs - 1000; i += 1) map.set(`k${i}`, i);
      }),
    },
    {
      name: `worst within limits: ${DEFAULT_UPDATE_LIMITS.maxSearchedItems} searched items, 100k-item text`,
      room: long,
      update: encodeItems(4242, Array.from({ length: DEFAULT_UPDATE_LIMITS.maxSearchedItems }, () => ({ origin: null, rightOrigin: lastChar, text: 'z' }))),
    },
    { name: `worst within limits: types nested ${DEFAULT_UPDATE_LIMITS.maxDepth - 1} deep`, room: empty, update: nestedArrays(DEFAULT_UPDATE_LIMITS.maxDepth - 1) },
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function hubGateBench(): void {
  console.log('');
  console.log('hub, reading an update before applying it (updateGate) beside applying it (Y.applyUpdate to a copy of the room); median of 5');
  console.log(`  ${'update'.padEnd(58)}${'size'.padStart(10)}${'structs'.padStart(9)}${'read'.padStart(11)}${'apply'.padStart(11)}   verdict`);
  for (const { name, room, update } of cases()) {
    const reads: number[] = [];
    const applies: number[] = [];
    let verdict = '';
    for (let run = 0; run < 5; run += 1) {
      let start = performance.now();
      const inspection = inspectUpdate(room, update);
      reads.push(performance.now() - start);
      verdict = inspection.verdict === 'invalid' ? `refused: ${inspection.reason}` : inspection.waitsFor.size > 0 ? 'waits' : 'applied';
      const target = copy(room);
      start = performance.now();
      Y.applyUpdate(target, update);
      applies.push(performance.now() - start);
      target.destroy();
    }
    const kb = `${(update.byteLength / 1024).toFixed(0)} KB`;
    const structs = Y.decodeUpdate(update).structs.length;
    console.log(
      `  ${name.padEnd(58)}${kb.padStart(10)}${String(structs).padStart(9)}${`${median(reads).toFixed(2)} ms`.padStart(11)}${`${median(applies).toFixed(2)} ms`.padStart(11)}   ${verdict}`,
    );
  }
}
