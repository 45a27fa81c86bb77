import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayEdits } from '../../../../shared/model/replayEdits';
import { seededRandom } from '../../../../shared/model/seededRandom';

const copy = (doc: Y.Doc) => {
  const twin = new Y.Doc();
  Y.applyUpdate(twin, Y.encodeStateAsUpdate(doc));
  return twin;
};

/** A hub's copy of a document with one paragraph, and a laptop's copy of it. */
function hubAndLaptop(words = 'The parties agree.') {
  const hub = new Y.Doc();
  const paragraph = new Y.Map<unknown>();
  hub.getMap('paragraphs').set('p1', paragraph);
  paragraph.set('kind', 'op');
  paragraph.set('text', new Y.Text(words));
  const laptop = copy(hub);
  const text = (doc: Y.Doc, id = 'p1') => (doc.getMap('paragraphs').get(id) as Y.Map<unknown>).get('text') as Y.Text;
  return { hub, laptop, text };
}

describe('replaying the edits made after a refused change onto the hub’s copy', () => {
  it('keeps the words typed right after the refused words, in the same paragraph, and leaves the refused words out', () => {
    const { hub, laptop, text } = hubAndLaptop();
    text(laptop).insert(11, ' [refused paste]');
    const refusedAt = copy(laptop);
    text(laptop).insert(27, ' fully');
    text(laptop).insert(text(laptop).length, ' Now.');
    expect(text(laptop).toString()).toBe('The parties [refused paste] fully agree. Now.');

    const rebuilt = copy(hub);
    replayEdits(rebuilt, refusedAt, laptop);
    expect(text(rebuilt).toString()).toBe('The parties fully agree. Now.');
  });

  it('replays deletions and formatting of words the hub holds, and keeps what others typed meanwhile', () => {
    const { hub, laptop, text } = hubAndLaptop();
    text(laptop).insert(0, 'REFUSED ');
    const refusedAt = copy(laptop);
    text(laptop).delete(text(laptop).toString().indexOf(' agree'), ' agree'.length);
    text(laptop).format(text(laptop).toString().indexOf('parties'), 'parties'.length, { bold: true });
    // Meanwhile another delegation typed on the hub.
    text(hub).insert(0, 'Hanoi: ');

    const rebuilt = copy(hub);
    replayEdits(rebuilt, refusedAt, laptop);
    expect(text(rebuilt).toString()).toBe('Hanoi: The parties.');
    expect(text(rebuilt).toDelta()).toEqual([{ insert: 'Hanoi: The ' }, { insert: 'parties', attributes: { bold: true } }, { insert: '.' }]);
  });

  it('replays changed properties and new paragraphs, but not typing inside a paragraph the refused change made', () => {
    const { hub, laptop, text } = hubAndLaptop();
    const paragraphs = laptop.getMap('paragraphs');
    const refusedParagraph = new Y.Map<unknown>();
    paragraphs.set('p2', refusedParagraph);
    refusedParagraph.set('text', new Y.Text('Refused clause.'));
    const refusedAt = copy(laptop);
    text(laptop, 'p2').insert(0, 'More ');
    (paragraphs.get('p1') as Y.Map<unknown>).set('kind', 'pp');
    const added = new Y.Map<unknown>();
    paragraphs.set('p3', added);
    added.set('kind', 'op');
    added.set('text', new Y.Text('A later clause.'));
    text(laptop, 'p3').format(2, 5, { italic: true });

    const rebuilt = copy(hub);
    replayEdits(rebuilt, refusedAt, laptop);
    const result = rebuilt.getMap('paragraphs');
    expect([...result.keys()].sort()).toEqual(['p1', 'p3']);
    expect((result.get('p1') as Y.Map<unknown>).get('kind')).toBe('pp');
    expect(text(rebuilt, 'p3').toDelta()).toEqual([{ insert: 'A ' }, { insert: 'later', attributes: { italic: true } }, { insert: ' clause.' }]);
  });

  it('replays entries appended to a list and removed from it, in their place', () => {
    const hub = new Y.Doc();
    hub.getArray('log').push(['opened', 'noted']);
    const laptop = copy(hub);
    laptop.getArray('log').push(['refused entry']);
    const refusedAt = copy(laptop);
    laptop.getArray('log').push(['later entry']);
    laptop.getArray('log').delete(0, 1);
    hub.getArray('log').push(['from the hub']);

    const rebuilt = copy(hub);
    replayEdits(rebuilt, refusedAt, laptop);
    expect(rebuilt.getArray('log').toArray()).toEqual(['noted', 'later entry', 'from the hub']);
  });

  it('writes only changes the hub can apply: nothing waits for the refused change', () => {
    const { hub, laptop, text } = hubAndLaptop();
    text(laptop).insert(0, 'REFUSED ');
    const refusedAt = copy(laptop);
    text(laptop).insert(text(laptop).length, ' Later.');
    const rebuilt = copy(hub);
    replayEdits(rebuilt, refusedAt, laptop);
    Y.applyUpdate(hub, Y.encodeStateAsUpdate(rebuilt, Y.encodeStateVector(hub)));
    expect(hub.store.pendingStructs).toBeNull();
    expect(text(hub).toString()).toBe('The parties agree. Later.');
  });

  it('replays one history in steps: typing that follows replayed words, or sits in a replayed paragraph, lands after them', () => {
    const { hub, laptop, text } = hubAndLaptop();
    text(laptop).insert(0, 'REFUSED ');
    const refusedAt = copy(laptop);
    text(laptop).insert(text(laptop).length, ' Now.');
    const added = new Y.Map<unknown>();
    laptop.getMap('paragraphs').set('p2', added);
    added.set('text', new Y.Text('New'));
    const rebuilt = copy(hub);
    const carried = new Map<string, string>();
    replayEdits(rebuilt, refusedAt, laptop, carried);

    const stepped = copy(laptop);
    text(laptop).insert(text(laptop).length, ' Really.');
    text(laptop, 'p2').insert(3, ' clause');
    replayEdits(rebuilt, stepped, laptop, carried);
    expect(text(rebuilt).toString()).toBe('The parties agree. Now. Really.');
    expect(text(rebuilt, 'p2').toString()).toBe('New clause');
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('loses no word typed after the refused change, and keeps none it deleted (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const { hub, laptop, text } = hubAndLaptop('w0 w1 w2 w3 ');
    const words = (t: Y.Text) => t.toString().split(' ').filter(Boolean);
    /** Inserts a word at a word boundary, or deletes a whole word. */
    const edit = (t: Y.Text, word: string | null) => {
      const now = t.toString();
      const starts = [0, ...[...now.matchAll(/ /g)].map((m) => m.index! + 1)].filter((i) => i <= now.length);
      const at = starts[Math.floor(random() * starts.length)]!;
      if (word !== null) return t.insert(at, `${word} `);
      const end = now.indexOf(' ', at);
      if (end > at) t.delete(at, end - at + 1);
    };
    edit(text(laptop), 'refused');
    const refusedAt = copy(laptop);
    const typed: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      if (random() < 0.7) typed.push(`later${i}`);
      edit(text(laptop), random() < 0.7 ? typed.at(-1)! : null);
      if (random() < 0.3) edit(text(hub), `hub${i}`);
    }
    const rebuilt = copy(hub);
    replayEdits(rebuilt, refusedAt, laptop);

    const result = words(text(rebuilt));
    expect(result).not.toContain('refused');
    for (const word of new Set(typed)) expect(result.filter((w) => w === word).length).toBe(words(text(laptop)).filter((w) => w === word).length);
    // What the hub holds that the laptop never deleted is still there.
    const deletedOnLaptop = words(text(refusedAt)).filter((w) => !words(text(laptop)).includes(w));
    for (const word of words(text(hub))) expect(result.includes(word)).toBe(!deletedOnLaptop.includes(word));
  });
});
