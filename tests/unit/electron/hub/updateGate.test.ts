import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_UPDATE_LIMITS, inspectUpdate } from '../../../../electron/hub/updateGate';
import { insertParagraphs } from '../../../../shared/declaration/model/operations';
import { readParagraphs } from '../../../../shared/declaration/model/paragraphOrder';
import { deleteOnly, encodeItems, nestedArrays, precedingChain } from './hostileUpdates';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

/** A declaration of `count` paragraphs of ~60 words, written the way the app writes them. */
function declaration(count: number): Y.Doc {
  const doc = new Y.Doc();
  insertParagraphs(
    doc,
    null,
    Array.from({ length: count }, (_, i) => ({ kind: i % 3 === 0 ? 'pp' : 'op', runs: [{ text: words(60), attributes: {} }] }) as const),
  );
  return doc;
}

describe('the hub reads an update before applying it', () => {
  it('admits the largest honest updates: a first publication or restore of 1,000 paragraphs, and a week of offline typing', () => {
    const published = declaration(1000);
    const first = Y.encodeStateAsUpdate(published);
    expect(inspectUpdate(new Y.Doc(), first)).toMatchObject({ verdict: 'readable', waitsFor: new Set(), changes: true });
    expect(first.byteLength).toBeLessThan(DEFAULT_UPDATE_LIMITS.maxBytes / 4);

    // A week offline: every paragraph reworked, a keystroke at a time, in 30 places each (30,000
    // separate edits: several times what a delegation types in a week of negotiation).
    const room = new Y.Doc();
    Y.applyUpdate(room, first);
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, first);
    for (const paragraph of readParagraphs(laptop)) {
      for (let place = 0; place < 30; place += 1) {
        const at = (place * 13) % paragraph.text.length;
        paragraph.text.delete(at, 3);
        for (let k = 0; k < 8; k += 1) paragraph.text.insert(at + k, 'abcdefgh'[k]!);
      }
    }
    const week = Y.encodeStateAsUpdate(laptop, Y.encodeStateVector(room));
    const inspected = inspectUpdate(room, week);
    expect(inspected).toMatchObject({ verdict: 'readable', waitsFor: new Set(), changes: true });
    expect(Y.decodeUpdate(week).structs.length).toBeLessThan(DEFAULT_UPDATE_LIMITS.maxStructs / 2);
  });

  it('takes an empty answer to its state vector as no change', () => {
    const room = declaration(3);
    const answer = Y.encodeStateAsUpdate(room, Y.encodeStateVector(room));
    expect(inspectUpdate(room, answer)).toEqual({ verdict: 'readable', writers: new Set(), waitsFor: new Set(), changes: false });
  });

  it('refuses types nested deeper than the limit, in one update or built up over several', () => {
    expect(inspectUpdate(new Y.Doc(), nestedArrays(20_000))).toMatchObject({ verdict: 'invalid', reason: expect.stringMatching(/nested/) });
    const room = new Y.Doc();
    const shallow = nestedArrays(DEFAULT_UPDATE_LIMITS.maxDepth - 2, 5);
    expect(inspectUpdate(room, shallow)).toMatchObject({ verdict: 'readable', waitsFor: new Set() });
    Y.applyUpdate(room, shallow);
    // Three more levels under the deepest one the room holds.
    const deeper = new Y.Doc();
    Y.applyUpdate(deeper, shallow);
    let innermost = deeper.getArray<unknown>('nest');
    while (innermost.length > 0 && innermost.get(0) instanceof Y.Array) innermost = innermost.get(0) as Y.Array<unknown>;
    deeper.clientID = 6;
    deeper.transact(() => {
      for (let i = 0; i < 3; i += 1) {
        const next = new Y.Array<unknown>();
        innermost.insert(0, [next]);
        innermost = next;
      }
    });
    expect(inspectUpdate(room, Y.encodeStateAsUpdate(deeper, Y.encodeStateVector(room)))).toMatchObject({ verdict: 'invalid' });
  });

  it('refuses, in linear time, a chain of items each typed before the last into a long text, which Yjs would place by searching it for each', () => {
    const room = new Y.Doc();
    Y.applyUpdate(room, precedingChain(2000, 1));
    // Into an empty text, such a chain is placed directly.
    expect(inspectUpdate(new Y.Doc(), precedingChain(16_000))).toMatchObject({ verdict: 'readable' });
    const start = performance.now();
    expect(inspectUpdate(room, precedingChain(16_000, 2))).toMatchObject({ verdict: 'invalid', reason: expect.stringMatching(/search/) });
    // Generous: the quadratic reading this replaced took over two minutes here.
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('refuses items anchored far apart in a long text, which Yjs would search between, one update after another', () => {
    const room = new Y.Doc();
    const text = room.getText('body');
    for (let i = 0; i < 2000; i += 1) text.insert(text.length, i % 2 ? 'a' : 'b', i % 3 ? { bold: true } : {});
    // Items at the start whose right neighbour is the text's last item: Yjs walks the whole text
    // for each of them.
    const lastChar = Y.createID(room.clientID, Y.getState(room.store, room.clientID) - 1);
    const far = encodeItems(99, Array.from({ length: 200 }, () => ({ origin: null, rightOrigin: lastChar, text: 'z' })));
    expect(inspectUpdate(room, far)).toMatchObject({ verdict: 'invalid', reason: expect.stringMatching(/search/) });
    // A few are what concurrent typing at one place produces.
    expect(inspectUpdate(room, encodeItems(99, [{ origin: null, rightOrigin: lastChar, text: 'z' }]))).toMatchObject({ verdict: 'readable' });
  });

  it('holds back an update that refers to items, clocks or deletions the room has not seen', () => {
    const author = new Y.Doc();
    author.clientID = 11;
    const title = author.getText('title');
    title.insert(0, 'Phnom Penh');
    const room = new Y.Doc();
    Y.applyUpdate(room, Y.encodeStateAsUpdate(author));
    const before = Y.encodeStateVector(author);
    title.insert(10, ' Declaration');
    const second = Y.encodeStateAsUpdate(author, before);
    const afterSecond = Y.encodeStateVector(author);
    title.insert(0, 'The ');
    // The third change without the second: a gap in client 11's clocks.
    const third = Y.encodeStateAsUpdate(author, afterSecond);
    expect(inspectUpdate(room, third)).toMatchObject({ waitsFor: new Set([11]) });
    expect(inspectUpdate(room, second)).toMatchObject({ writers: new Set([11]), waitsFor: new Set() });

    // Anchored to client 11's next clock, which the room has not seen.
    const forger = new Y.Doc();
    forger.clientID = 66;
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(author));
    forger.getText('title').insert(25, 'Forged');
    const anchoredAhead = Y.encodeStateAsUpdate(forger, Y.encodeStateVector(author));
    expect(inspectUpdate(room, anchoredAhead)).toMatchObject({ waitsFor: new Set([11]) });

    // A deletion of clocks client 11 has not written yet.
    expect(inspectUpdate(room, deleteOnly(11, 40, 10))).toMatchObject({ waitsFor: new Set([11]) });
    // The same deletion of clocks the room holds is a plain deletion.
    expect(inspectUpdate(room, deleteOnly(11, 0, 3))).toMatchObject({ verdict: 'readable', waitsFor: new Set(), changes: true });
  });

  it('refuses unreadable bytes, subdocuments and oversized updates', () => {
    expect(inspectUpdate(new Y.Doc(), new Uint8Array([9, 9, 9, 9]))).toMatchObject({ verdict: 'invalid' });
    const withSubdoc = new Y.Doc();
    withSubdoc.getMap('m').set('sub', new Y.Doc());
    expect(inspectUpdate(new Y.Doc(), Y.encodeStateAsUpdate(withSubdoc))).toMatchObject({ verdict: 'invalid', reason: expect.stringMatching(/subdocument/) });
    const big = new Y.Doc();
    big.getText('t').insert(0, 'x'.repeat(1024 * 1024));
    expect(inspectUpdate(new Y.Doc(), Y.encodeStateAsUpdate(big), { ...DEFAULT_UPDATE_LIMITS, maxBytes: 512 * 1024 })).toMatchObject({ verdict: 'invalid' });
  });
});
