import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  hasLegacyDeclaration,
  readLegacyDeclaration,
  type LegacyBlock,
  type LegacyRun,
} from '../../../../../shared/declaration/model/legacyDeclaration';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/legacy/', import.meta.url));
const FIXTURE_NAMES = ['clauses', 'brackets-and-marks', 'headings-and-lists', 'multilingual', 'seeded', 'merged-replicas'];

/** A fixture as main loads a stored declaration: an update applied to a fresh doc, its root untyped. */
function loadFixture(name: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(join(FIXTURES, `${name}.bin`)));
  return doc;
}

function expectedOf(name: string): LegacyBlock[] {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as LegacyBlock[];
}

/** The doc as a peer receives it: nothing asked for yet, so its root arrives untyped. */
function reloaded(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function textOf(blocks: LegacyBlock[]): string {
  return blocks.map((block) => block.runs.map((run) => run.text).join('')).join('|');
}

function run(text: string, extra: Partial<LegacyRun> = {}): LegacyRun {
  return { text, format: 0, field: false, marks: [], bracket: null, ...extra };
}

/** Reads `doc` and checks that doing so changed nothing a peer or a later reader could see. */
function readUntouched(doc: Y.Doc): LegacyBlock[] {
  const before = Y.encodeStateAsUpdate(doc);
  const shared = new Map(doc.share);
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  const blocks = readLegacyDeclaration(doc);
  const has = hasLegacyDeclaration(doc);
  doc.off('update', count);
  expect(updates).toBe(0);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  // The same shared types under the same names, none created nor retyped.
  expect(new Map(doc.share)).toEqual(shared);
  for (const [name, type] of shared) expect(doc.share.get(name)).toBe(type);
  // Whatever holds a block holds legacy content (the converse need not hold: garbage reads as nothing).
  if (blocks.length > 0) expect(has).toBe(true);
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Writing hostile content straight into a doc

type Spec =
  | string
  | { map: Record<string, unknown> }
  | { element: Record<string, unknown>; children?: Spec[] }
  | { embed: Record<string, unknown> }
  | { type: Y.Array<unknown> | Y.XmlElement | Y.Text };

/** Appends `specs` to `parent`, embedding elements (XmlTexts with attributes) and text maps as the binding does. */
function append(parent: Y.XmlText, specs: Spec[]): void {
  for (const spec of specs) {
    if (typeof spec === 'string') {
      parent.insert(parent.length, spec);
    } else if ('map' in spec) {
      const map = new Y.Map<unknown>();
      parent.insertEmbed(parent.length, map);
      for (const [key, value] of Object.entries(spec.map)) map.set(key, value);
    } else if ('element' in spec) {
      const element = new Y.XmlText();
      parent.insertEmbed(parent.length, element);
      for (const [key, value] of Object.entries(spec.element)) element.setAttribute(key, value as string);
      append(element, spec.children ?? []);
    } else if ('embed' in spec) {
      parent.insertEmbed(parent.length, spec.embed);
    } else {
      parent.insertEmbed(parent.length, spec.type);
    }
  }
}

function docWith(specs: Spec[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => append(doc.get('root', Y.XmlText), specs));
  return doc;
}

const text = (characters: string, format = 0): Spec[] => [{ map: { __type: 'text', __format: format, __style: '', __mode: 0, __detail: 0 } }, characters];
const clause = (type: string, clauseId: unknown, children: Spec[]): Spec => ({ element: { __type: type, __clauseId: clauseId }, children });
const paragraph = (children: Spec[]): Spec => ({ element: { __type: 'paragraph' }, children });

// ---------------------------------------------------------------------------------------------

describe('reading a declaration written by the @lexical/yjs v1 binding', () => {
  it.each(FIXTURE_NAMES)('reads the %s fixture as its Lexical editor state showed it', (name) => {
    expect(readUntouched(loadFixture(name))).toEqual(expectedOf(name));
  });

  it.each(FIXTURE_NAMES)('reads the %s fixture the same from a doc whose root a bound editor typed', (name) => {
    const doc = loadFixture(name);
    doc.get('root', Y.XmlText);
    expect(readUntouched(doc)).toEqual(expectedOf(name));
  });

  it.each(FIXTURE_NAMES)('finds legacy content in the %s fixture', (name) => {
    expect(hasLegacyDeclaration(loadFixture(name))).toBe(true);
  });
});

describe('hasLegacyDeclaration', () => {
  it('is false for a fresh doc, and reading it gives no blocks', () => {
    const doc = new Y.Doc();
    expect(hasLegacyDeclaration(doc)).toBe(false);
    expect(readUntouched(doc)).toEqual([]);
    expect(doc.share.has('root')).toBe(false);
  });

  it('is false for a doc holding only other maps', () => {
    const doc = new Y.Doc();
    doc.getMap('paragraphs').set('clause-1', { status: 'agreed' });
    doc.getMap('comments').set('thread-1', { quote: 'shall' });
    const received = reloaded(doc);
    expect(hasLegacyDeclaration(received)).toBe(false);
    expect(readUntouched(received)).toEqual([]);
    expect(received.share.has('root')).toBe(false);
  });

  it('is false for a root that was asked for but never written, or whose content was all deleted', () => {
    const asked = new Y.Doc();
    asked.get('root', Y.XmlText);
    expect(hasLegacyDeclaration(asked)).toBe(false);

    const emptied = docWith([paragraph(text('gone'))]);
    emptied.get('root', Y.XmlText).delete(0, 1);
    expect(hasLegacyDeclaration(emptied)).toBe(false);
    expect(hasLegacyDeclaration(reloaded(emptied))).toBe(false);
    expect(readLegacyDeclaration(reloaded(emptied))).toEqual([]);
  });

  it('is false, and reading gives nothing, when something else was stored under the name root', () => {
    const doc = new Y.Doc();
    doc.getMap('root').set('__type', 'paragraph');
    for (const target of [doc, reloaded(doc)]) {
      expect(hasLegacyDeclaration(target)).toBe(false);
      expect(readUntouched(target)).toEqual([]);
    }
    // Still the map it was: reading did not retype it.
    expect(doc.getMap('root').get('__type')).toBe('paragraph');
  });
});

describe('reading leaves the doc as it was', () => {
  it('keeps an untyped root untyped, so the doc can still be bound or read as anything later', () => {
    const doc = loadFixture('clauses');
    const root = doc.share.get('root');
    expect(root?.constructor).toBe(Y.AbstractType);
    readUntouched(doc);
    expect(doc.share.get('root')).toBe(root);
    expect(doc.share.get('root')?.constructor).toBe(Y.AbstractType);
    // A binding asking for it afterwards gets the content.
    expect(doc.get('root', Y.XmlText).length).toBeGreaterThan(0);
  });

  it('creates no root in a doc that has none', () => {
    const doc = new Y.Doc();
    doc.getMap('paragraphs').set('clause-1', 'agreed');
    readUntouched(doc);
    expect(doc.share.has('root')).toBe(false);
    expect(() => doc.getMap('root')).not.toThrow();
  });
});

describe('reading hostile or malformed content', () => {
  it('keeps every character of garbage embedded in the root, as plain paragraphs', () => {
    const array = new Y.Array<unknown>();
    const element = new Y.XmlElement('garbage');
    const loose = new Y.Text();
    const doc = docWith([
      'stray at the start',
      { embed: { not: 'a type', text: 'embedded JSON holds no characters' } },
      { type: array },
      { type: element },
      { type: loose },
      { map: { no: 'type' } },
      'after a map without a type',
      { map: { __type: 'linebreak' } },
      'after a line break',
      { element: { __type: 'garbage-block' }, children: [...text('in an unknown block'), { element: { __type: 'garbage-inline' }, children: text(' and inline') }] },
      { element: {}, children: ['no type at all'] },
      { element: { __type: 42 }, children: ['numeric type'] },
    ]);
    doc.transact(() => {
      array.insert(0, ['array string', 7, { x: 1 }, null]);
      const inner = new Y.XmlText();
      element.insert(0, [inner]);
      inner.insert(0, 'xml element child');
      loose.insert(0, 'loose text', { bold: true });
    });
    for (const target of [doc, reloaded(doc)]) {
      const blocks = readUntouched(target);
      expect(blocks.every((block) => block.kind === 'paragraph' && block.clauseId === null)).toBe(true);
      expect(textOf(blocks)).toBe(
        'stray at the start|array string|xml element child|loose text|after a map without a type\nafter a line break|in an unknown block and inline|no type at all|numeric type',
      );
    }
  });

  it('reads characters Lexical would drop (not preceded by a text node’s map) as plain text in their block', () => {
    const doc = docWith([
      clause('accord-op', 'clause-op', [
        'before any map',
        ...text('bold', 1),
        ' still bold',
        { map: { __type: 'linebreak' } },
        'after the break',
        { element: { __type: 'mark', __ids: ['t'] }, children: text('marked') },
        'after the mark',
      ]),
    ]);
    expect(readUntouched(reloaded(doc))).toEqual([
      {
        kind: 'op',
        clauseId: 'clause-op',
        runs: [run('before any map'), run('bold still bold', { format: 1 }), run('\nafter the break'), run('marked', { marks: ['t'] }), run('after the mark')],
      },
    ]);
  });

  it('reads properties of the wrong type as absent', () => {
    const doc = docWith([
      clause('accord-pp', 7, [
        ...text('string format', 'bold' as unknown as number),
        ...text('negative', -1),
        ...text('fraction', 1.5),
        ...text('not a number', Number.NaN),
        { map: { __type: 99, __format: 2 } },
        'numeric type',
        { map: { __type: 'accord-field', __format: { bold: true } } },
        '{{blank}}',
      ]),
      { element: { __type: 'heading', __tag: 9 }, children: text('no tag') },
      { element: { __type: 'heading', __tag: 'h5' }, children: text('h5') },
      { element: { __type: 'list', __listType: null }, children: [{ element: { __type: 'listitem' }, children: text('untyped list') }] },
      { element: { __type: 'list', __listType: 'check' }, children: [{ element: { __type: 'listitem' }, children: text('check item') }] },
    ]);
    expect(readUntouched(reloaded(doc))).toEqual([
      { kind: 'pp', clauseId: null, runs: [run('string formatnegativefractionnot a number'), run('numeric type', { format: 2 }), run('{{blank}}', { field: true })] },
      { kind: 'h1', clauseId: null, runs: [run('no tag')] },
      { kind: 'h3', clauseId: null, runs: [run('h5')] },
      { kind: 'number', clauseId: null, runs: [run('untyped list')] },
      { kind: 'bullet', clauseId: null, runs: [run('check item')] },
    ]);
  });

  it('reads marks, brackets and alternatives with ids that are not strings as plain text', () => {
    const doc = docWith([
      paragraph([
        { element: { __type: 'mark', __ids: 'thread-as-string' }, children: text('a') },
        { element: { __type: 'mark', __ids: [3, 'b-thread', null, 'a-thread', 'b-thread', { id: 'x' }] }, children: text('b') },
        { element: { __type: 'accord-bracket', __bracketId: { id: 1 } }, children: [{ element: { __type: 'accord-alternative', __alternativeId: 'alt', __proposers: ['X'] }, children: text('c') }] },
        {
          element: { __type: 'accord-bracket', __bracketId: 'bracket' },
          children: [
            { element: { __type: 'accord-alternative', __alternativeId: 5, __proposers: ['X'] }, children: text('d') },
            { element: { __type: 'accord-alternative', __alternativeId: 'alt-e', __proposers: 'X' }, children: text('e') },
            { element: { __type: 'accord-alternative', __alternativeId: 'alt-f', __proposers: ['X', 2, 'Y', 'X', null] }, children: text('f') },
            ...text('directly in the bracket'),
          ],
        },
        { element: { __type: 'accord-alternative', __alternativeId: 'alone', __proposers: ['Z'] }, children: text('alternative outside a bracket') },
      ]),
    ]);
    expect(readUntouched(reloaded(doc))).toEqual([
      {
        kind: 'paragraph',
        clauseId: null,
        runs: [
          run('a'),
          run('b', { marks: ['a-thread', 'b-thread'] }),
          run('cd'),
          run('e', { bracket: { bracketId: 'bracket', alternativeId: 'alt-e', proposers: [] } }),
          run('f', { bracket: { bracketId: 'bracket', alternativeId: 'alt-f', proposers: ['X', 'Y'] } }),
          run('directly in the bracketalternative outside a bracket'),
        ],
      },
    ]);
  });

  it('reads blocks nested where they do not belong as blocks of their own, the clause id on the first part only', () => {
    const doc = docWith([
      ...text('stray text at the root'),
      clause('accord-op', 'clause-op', [...text('before'), paragraph(text('nested paragraph')), ...text('after')]),
      clause('accord-sub', 'clause-sub', [paragraph(text('only a nested paragraph'))]),
      { element: { __type: 'listitem' }, children: text('item outside a list') },
      clause('accord-adoption', 'clause-adoption', []),
    ]);
    expect(readUntouched(reloaded(doc))).toEqual([
      { kind: 'paragraph', clauseId: null, runs: [run('stray text at the root')] },
      { kind: 'op', clauseId: 'clause-op', runs: [run('before')] },
      { kind: 'paragraph', clauseId: null, runs: [run('nested paragraph')] },
      { kind: 'op', clauseId: null, runs: [run('after')] },
      { kind: 'paragraph', clauseId: null, runs: [run('only a nested paragraph')] },
      { kind: 'bullet', clauseId: null, runs: [run('item outside a list')] },
      { kind: 'adoption', clauseId: 'clause-adoption', runs: [] },
    ]);
  });

  it('reads marks nested 200 deep, each adding its thread', () => {
    const depth = 200;
    let innermost: Spec[] = text('deep');
    for (let level = depth - 1; level >= 0; level--) innermost = [{ element: { __type: 'mark', __ids: [`t${level}`, 7] }, children: innermost }];
    const doc = docWith([clause('accord-op', 'clause-op', innermost)]);
    const [block] = readUntouched(reloaded(doc));
    expect(block?.runs).toHaveLength(1);
    expect(block?.runs[0]?.text).toBe('deep');
    expect(block?.runs[0]?.marks).toEqual(Array.from({ length: depth }, (_, level) => `t${level}`).sort());
  });

  it('reads lists and unknown elements nested 200 deep without losing a character', () => {
    let lists: Spec[] = [];
    for (let level = 199; level >= 0; level--) {
      lists = [{ element: { __type: 'list', __listType: level % 2 ? 'number' : 'bullet' }, children: [{ element: { __type: 'listitem' }, children: [...text(`${level},`), ...lists] }] }];
    }
    let unknown: Spec[] = ['bottom'];
    for (let level = 0; level < 200; level++) unknown = [{ element: { __type: `unknown-${level}` }, children: ['(', ...unknown, ')'] }];
    const doc = docWith([...lists, ...unknown]);
    const blocks = readUntouched(reloaded(doc));
    expect(blocks).toHaveLength(201);
    expect(blocks.slice(0, 200).map((block) => block.kind)).toEqual(Array.from({ length: 200 }, (_, level) => (level % 2 ? 'number' : 'bullet')));
    expect(textOf(blocks.slice(0, 200))).toBe(Array.from({ length: 200 }, (_, level) => `${level},`).join('|'));
    expect(blocks[200]).toEqual({ kind: 'paragraph', clauseId: null, runs: [run(`${'('.repeat(200)}bottom${')'.repeat(200)}`)] });
  });

  it('reads nesting far deeper than a call stack would allow', () => {
    const depth = 10_000;
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent = doc.get('root', Y.XmlText);
      for (let level = 0; level < depth; level++) {
        const child = new Y.XmlText();
        parent.insertEmbed(0, child);
        child.setAttribute('__type', level === 0 ? 'paragraph' : 'mark');
        parent = child;
      }
      parent.insert(0, 'at the bottom');
    });
    for (const target of [doc, reloaded(doc)]) {
      expect(readUntouched(target)).toEqual([{ kind: 'paragraph', clauseId: null, runs: [run('at the bottom')] }]);
    }
  });
});
