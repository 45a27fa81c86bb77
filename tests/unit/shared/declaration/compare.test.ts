import { $createTextNode, $getRoot, $isElementNode, type ElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAlternative, agreeBracket, bracketRange, readBracket, setProposers } from '../../../../shared/declaration/model/bracketMarks';
import { type ClauseStatusEntry, readClauseStatuses, setClauseStatus } from '../../../../shared/declaration/clauseStatus';
import { compareDeclarations, type DeclarationComparison } from '../../../../shared/declaration/compare';
import type { ClauseKind } from '../../../../shared/model/kinds';
import { fingerprintOf, readDeclarationView } from '../../../../shared/declaration/model/declarationView';
import { insertParagraphs, setKind } from '../../../../shared/declaration/model/operations';
import { $createClauseNode } from '../../../../shared/declaration/nodes';
import { type DeclarationSnapshot, readDeclarationSnapshot, type SnapshotParagraph } from '../../../../shared/declaration/snapshot';
import { openHeadlessDeclaration, type HeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';

const SECRETARIAT = { name: 'Sophea', delegation: null, role: 'secretariat' as const };

const DRAFT: Array<[ClauseKind, string]> = [
  ['title', 'Phnom Penh Declaration'],
  ['opening', 'We, the Governors and Mayors of the ASEAN Capitals,'],
  ['pp', 'Recognizing the role of cities,'],
  ['operative-opening', 'Hereby agree to:'],
  ['op', 'Encourage cities to share open data;'],
  ['op', 'Promote green transport;'],
  ['op', 'Task the secretariat to report.'],
];

function declaration(paragraphs: Array<[ClauseKind, string]> = DRAFT): Y.Doc {
  const doc = new Y.Doc();
  insertParagraphs(doc, null, paragraphs.map(([kind, text]) => ({ kind, runs: [{ text, attributes: {} }] })));
  return doc;
}

/** The statuses of each version (kept by the secretariat beside the text), by paragraph id. */
const statusesOf = new WeakMap<Y.Doc, Map<string, ClauseStatusEntry>>();
function agreeParagraph(doc: Y.Doc, index: number, status: ClauseStatusEntry['status']): void {
  const paragraph = readDeclarationView(doc)[index]!;
  const secretariat = new Y.Doc();
  setClauseStatus(secretariat, 'doc', paragraph.id, { status, by: SECRETARIAT, at: 1, fingerprint: fingerprintOf(paragraph.text) });
  statusesOf.set(doc, readClauseStatuses(secretariat, 'doc'));
}
const snapshotOf = (doc: Y.Doc) => readDeclarationSnapshot(doc, statusesOf.get(doc));

/** A later version: the same document's state, edited on from there as a version would be. */
function laterVersion(doc: Y.Doc, change: (session: HeadlessDeclaration, doc: Y.Doc) => void): Y.Doc {
  const later = new Y.Doc();
  Y.applyUpdate(later, Y.encodeStateAsUpdate(doc));
  edit(later, (session) => change(session, later));
  return later;
}

function edit(doc: Y.Doc, change: (session: HeadlessDeclaration) => void): void {
  const session = openHeadlessDeclaration(doc);
  try {
    change(session);
  } finally {
    session.dispose();
  }
}

function compare(before: Y.Doc, after: Y.Doc): DeclarationComparison {
  return compareDeclarations(snapshotOf(before), snapshotOf(after));
}

function $block(text: string): ElementNode {
  const found = $getRoot().getChildren().find((node) => node.getTextContent().startsWith(text));
  if (!$isElementNode(found)) throw new Error(`no paragraph “${text}”`);
  return found;
}

/** Brackets `words` for `proposers`, with alternatives, as the Bracket command does. */
function bracketWords(doc: Y.Doc, words: string, proposers: string[], alternatives: Array<{ text: string; proposers: string[] }>): string {
  const paragraph = readDeclarationView(doc).find((p) => p.text.includes(words))!;
  const at = paragraph.text.indexOf(words);
  const result = bracketRange(doc, paragraph.id, at, at + words.length, proposers, alternatives);
  if (!result.ok) throw new Error(result.reason);
  return result.bracketId;
}

/** "Cities [shall / should] publish open data;" with shall from Ha Noi and should from Bangkok. */
function bracketed(): { doc: Y.Doc; bracketId: string } {
  const doc = declaration([['op', 'Cities shall publish open data;']]);
  return { doc, bracketId: bracketWords(doc, 'shall', ['Ha Noi'], [{ text: 'should', proposers: ['Bangkok'] }]) };
}

function alternativeId(doc: Y.Doc, bracketId: string, text: string): string {
  return readBracket(doc, bracketId)!.alternatives.find((alternative) => alternative.text === text)!.alternativeId;
}

const summary = (comparison: DeclarationComparison) =>
  comparison.paragraphs.map(({ change, moved, before, after }) => `${change}${moved ? ' moved' : ''} ${before?.label ?? '-'}→${after?.label ?? '-'} ${(after ?? before)!.text}`);

describe('declaration snapshot', () => {
  it('reads each paragraph with its label, marker, bracket wording and status; unnumbered parts have none', () => {
    const { doc, bracketId } = bracketed();
    const later = laterVersion(doc, (session, laterDoc) => {
      session.update(() => $getRoot().append($createClauseNode('title').append($createTextNode('Draft Declaration'))));
      agreeParagraph(laterDoc, 0, 'ad-referendum');
    });
    const [op, title] = snapshotOf(later).paragraphs as [SnapshotParagraph, SnapshotParagraph];
    expect(op).toMatchObject({
      kind: 'op',
      label: 'OP1',
      marker: '1.',
      text: 'Cities [shall / should] publish open data;',
      status: 'ad-referendum',
      segments: [
        { type: 'text', text: 'Cities ' },
        { type: 'bracket', bracketId, alternatives: [{ text: 'shall', proposers: ['Ha Noi'] }, { text: 'should', proposers: ['Bangkok'] }] },
        { type: 'text', text: ' publish open data;' },
      ],
    });
    expect(title).toMatchObject({ kind: 'title', label: null, marker: null, text: 'Draft Declaration', status: 'pending' });
  });

  it('reading a document leaves it untouched', () => {
    const doc = declaration();
    const state = Y.encodeStateAsUpdate(doc);
    readDeclarationSnapshot(doc);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });
});

describe('comparing two versions of a declaration', () => {
  it('gives every paragraph as unchanged when nothing changed', () => {
    const doc = declaration();
    const comparison = compare(doc, laterVersion(doc, () => undefined));
    expect(comparison.counts).toEqual({ added: 0, removed: 0, edited: 0, moved: 0, unchanged: 7 });
    expect(comparison.paragraphs.every((p) => p.change === 'unchanged' && !p.moved && p.notes.length === 0)).toBe(true);
    expect(comparison.paragraphs[4]!.words).toEqual([{ op: 'equal', text: 'Encourage cities to share open data;' }]);
  });

  it('shows an operative paragraph moved above another as moved, with its old and new number', () => {
    const doc = declaration();
    const later = laterVersion(doc, (session) => session.update(() => $block('Encourage').insertBefore($block('Task'))));
    const comparison = compare(doc, later);
    expect(summary(comparison)).toEqual([
      'unchanged -→- Phnom Penh Declaration',
      'unchanged -→- We, the Governors and Mayors of the ASEAN Capitals,',
      'unchanged PP1→PP1 Recognizing the role of cities,',
      'unchanged -→- Hereby agree to:',
      'unchanged moved OP3→OP1 Task the secretariat to report.',
      'unchanged OP1→OP2 Encourage cities to share open data;',
      'unchanged OP2→OP3 Promote green transport;',
    ]);
    expect(comparison.paragraphs[4]).toMatchObject({
      before: { label: 'OP3', marker: '3.' },
      after: { label: 'OP1', marker: '1.' },
      notes: [{ type: 'renumbered', before: 'OP3', after: 'OP1' }],
    });
    expect(comparison.counts).toEqual({ added: 0, removed: 0, edited: 0, moved: 1, unchanged: 7 });
  });

  it('shows the words inserted and deleted in an edited operative paragraph', () => {
    const doc = declaration();
    const later = laterVersion(doc, (session) =>
      session.update(() => {
        const paragraph = $block('Encourage');
        paragraph.clear();
        paragraph.append($createTextNode('Encourage member cities to publish open data;'));
      }),
    );
    const edited = compare(doc, later).paragraphs[4]!;
    expect(edited).toMatchObject({ change: 'edited', moved: false, notes: [] });
    expect(edited.words).toEqual([
      { op: 'equal', text: 'Encourage ' },
      { op: 'insert', text: 'member ' },
      { op: 'equal', text: 'cities to ' },
      { op: 'delete', text: 'share' },
      { op: 'insert', text: 'publish' },
      { op: 'equal', text: ' open data;' },
    ]);
  });

  it('lists a bracket added, with the delegations proposing each wording', () => {
    const doc = declaration([['op', 'Cities shall publish open data;']]);
    let bracketId = '';
    const later = laterVersion(doc, (_session, laterDoc) => {
      bracketId = bracketWords(laterDoc, 'shall', ['Ha Noi'], [{ text: 'should', proposers: ['Bangkok'] }]);
    });
    const [paragraph] = compare(doc, later).paragraphs;
    expect(paragraph).toMatchObject({ change: 'edited', after: { text: 'Cities [shall / should] publish open data;' } });
    expect(paragraph!.notes).toEqual([
      { type: 'bracket-added', bracketId, alternatives: [{ text: 'shall', proposers: ['Ha Noi'] }, { text: 'should', proposers: ['Bangkok'] }] },
    ]);
    expect(paragraph!.words).toEqual([
      { op: 'equal', text: 'Cities ' },
      { op: 'insert', text: '[' },
      { op: 'equal', text: 'shall ' },
      { op: 'insert', text: '/ should] ' },
      { op: 'equal', text: 'publish open data;' },
    ]);
  });

  it('lists proposers changed and an alternative added, even though no other word changed', () => {
    const { doc, bracketId } = bracketed();
    const later = laterVersion(doc, (_session, laterDoc) => {
      setProposers(laterDoc, bracketId, alternativeId(laterDoc, bracketId, 'should'), ['Bangkok', 'Manila']);
      addAlternative(laterDoc, bracketId, { text: 'may', proposers: ['Vientiane'] });
    });
    const [paragraph] = compare(doc, later).paragraphs;
    expect(paragraph!.change).toBe('edited');
    expect(paragraph!.notes).toEqual([
      {
        type: 'alternatives-changed',
        bracketId,
        before: [{ text: 'shall', proposers: ['Ha Noi'] }, { text: 'should', proposers: ['Bangkok'] }],
        after: [{ text: 'shall', proposers: ['Ha Noi'] }, { text: 'should', proposers: ['Bangkok', 'Manila'] }, { text: 'may', proposers: ['Vientiane'] }],
      },
      { type: 'proposers-changed', bracketId, text: 'should', before: ['Bangkok'], after: ['Bangkok', 'Manila'] },
    ]);
  });

  it('lists only the proposers when the wording stays the same', () => {
    const { doc, bracketId } = bracketed();
    const later = laterVersion(doc, (_session, laterDoc) => void setProposers(laterDoc, bracketId, alternativeId(laterDoc, bracketId, 'shall'), ['Ha Noi', 'Manila']));
    const [paragraph] = compare(doc, later).paragraphs;
    expect(paragraph).toMatchObject({ change: 'edited', words: [{ op: 'equal', text: 'Cities [shall / should] publish open data;' }] });
    expect(paragraph!.notes).toEqual([{ type: 'proposers-changed', bracketId, text: 'shall', before: ['Ha Noi'], after: ['Ha Noi', 'Manila'] }]);
  });

  it('lists an agreed bracket with the wording that was kept', () => {
    const { doc, bracketId } = bracketed();
    const later = laterVersion(doc, (_session, laterDoc) => void agreeBracket(laterDoc, bracketId, alternativeId(laterDoc, bracketId, 'should')));
    const [paragraph] = compare(doc, later).paragraphs;
    expect(paragraph).toMatchObject({ change: 'edited', after: { text: 'Cities should publish open data;' } });
    expect(paragraph!.notes).toEqual([
      {
        type: 'bracket-removed',
        bracketId,
        alternatives: [{ text: 'shall', proposers: ['Ha Noi'] }, { text: 'should', proposers: ['Bangkok'] }],
        keptText: 'should',
      },
    ]);
  });

  it('does not claim a wording was kept when the bracketed words were dropped', () => {
    const doc = declaration([['op', 'Cities shall publish open data, as the region shall decide;']]);
    const bracketId = bracketWords(doc, 'shall', ['Ha Noi'], [{ text: 'should', proposers: ['Bangkok'] }]);
    const later = laterVersion(doc, (_session, laterDoc) => void agreeBracket(laterDoc, bracketId, null));
    const [paragraph] = compare(doc, later).paragraphs;
    // "shall" still stands in the text, but not where the bracket was.
    expect(paragraph!.after!.text).toBe('Cities  publish open data, as the region shall decide;');
    expect(paragraph!.notes).toEqual([expect.objectContaining({ type: 'bracket-removed', bracketId, keptText: null })]);
  });

  it('lists a change of status', () => {
    const doc = declaration();
    const later = laterVersion(doc, (_session, laterDoc) => agreeParagraph(laterDoc, 5, 'agreed'));
    const comparison = compare(doc, later);
    expect(comparison.paragraphs[5]).toMatchObject({
      change: 'edited',
      before: { label: 'OP2', status: 'pending' },
      after: { label: 'OP2', status: 'agreed' },
      notes: [{ type: 'status-changed', before: 'pending', after: 'agreed' }],
    });
    expect(comparison.counts).toMatchObject({ edited: 1, unchanged: 6 });
  });

  it('shows an added paragraph where it now stands and a removed one where it stood', () => {
    const doc = declaration();
    const later = laterVersion(doc, (session) =>
      session.update(() => {
        $block('Encourage').remove();
        $block('Task').insertAfter($createClauseNode('op').append($createTextNode('Welcome the host city;')));
      }),
    );
    const comparison = compare(doc, later);
    expect(summary(comparison).slice(3)).toEqual([
      'unchanged -→- Hereby agree to:',
      'removed OP1→- Encourage cities to share open data;',
      'unchanged OP2→OP1 Promote green transport;',
      'unchanged OP3→OP2 Task the secretariat to report.',
      'added -→OP3 Welcome the host city;',
    ]);
    expect(comparison.paragraphs[4]!.words).toEqual([{ op: 'delete', text: 'Encourage cities to share open data;' }]);
    expect(comparison.paragraphs[7]!.words).toEqual([{ op: 'insert', text: 'Welcome the host city;' }]);
    expect(comparison.counts).toEqual({ added: 1, removed: 1, edited: 0, moved: 0, unchanged: 6 });
  });

  it('follows a paragraph through a change of kind by its identity', () => {
    const doc = declaration();
    const later = laterVersion(doc, (_session, laterDoc) => setKind(laterDoc, [readDeclarationView(laterDoc)[5]!.id], 'sub'));
    const paragraph = compare(doc, later).paragraphs[5]!;
    expect(paragraph).toMatchObject({ change: 'edited', before: { label: 'OP2' }, after: { label: 'OP1(a)', kind: 'sub' } });
    expect(paragraph.notes).toEqual([
      { type: 'renumbered', before: 'OP2', after: 'OP1(a)' },
      { type: 'kind-changed', before: 'op', after: 'sub' },
    ]);
  });
});

describe('pairing paragraphs that have no shared identity', () => {
  const paragraph = (text: string, extra: Partial<SnapshotParagraph> = {}): SnapshotParagraph => ({
    clauseId: null,
    kind: null,
    label: null,
    marker: null,
    text,
    segments: [{ type: 'text', text }],
    status: 'pending',
    ...extra,
  });
  const snapshot = (...paragraphs: SnapshotParagraph[]): DeclarationSnapshot => ({ paragraphs });

  it('takes a plain paragraph edited slightly as edited, not removed and added', () => {
    const comparison = compareDeclarations(
      snapshot(paragraph('Annex'), paragraph('The cities listed below take part in the network.')),
      snapshot(paragraph('Annex'), paragraph('The capitals listed below take part in the network.')),
    );
    expect(comparison.paragraphs.map((p) => p.change)).toEqual(['unchanged', 'edited']);
    expect(comparison.paragraphs[1]!.words).toEqual([
      { op: 'equal', text: 'The ' },
      { op: 'delete', text: 'cities' },
      { op: 'insert', text: 'capitals' },
      { op: 'equal', text: ' listed below take part in the network.' },
    ]);
  });

  it('takes a paragraph typed again under a new id as the same one when most words agree, and a new one otherwise', () => {
    const op = { kind: 'op' as const, label: 'OP1', marker: '1.' };
    const comparison = compareDeclarations(
      snapshot(paragraph('Promote green transport in all capitals;', { ...op, clauseId: 'old' })),
      snapshot(
        paragraph('Welcome the host city;', { ...op, clauseId: 'other' }),
        paragraph('Promote clean transport in all capitals;', { ...op, label: 'OP2', marker: '2.', clauseId: 'new' }),
      ),
    );
    expect(comparison.paragraphs.map((p) => `${p.change} ${p.after?.text ?? p.before?.text}`)).toEqual([
      'added Welcome the host city;',
      'edited Promote clean transport in all capitals;',
    ]);
    expect(comparison.paragraphs[1]!.notes).toEqual([{ type: 'renumbered', before: 'OP1', after: 'OP2' }]);
    expect(comparison.counts).toEqual({ added: 1, removed: 0, edited: 1, moved: 0, unchanged: 0 });
  });

  it('keeps a removed paragraph among the neighbours that stayed, not beside one that moved away', () => {
    const op = (id: string, text: string) => paragraph(text, { clauseId: id, kind: 'op' });
    const comparison = compareDeclarations(
      snapshot(op('a', 'Encourage data sharing;'), op('b', 'Promote transport;'), op('c', 'Task the secretariat.'), op('d', 'Welcome the host city;')),
      snapshot(op('c', 'Task the secretariat.'), op('a', 'Encourage data sharing;'), op('b', 'Promote transport;')),
    );
    expect(comparison.paragraphs.map((p) => `${p.change}${p.moved ? ' moved' : ''} ${(p.after ?? p.before)!.text}`)).toEqual([
      'unchanged moved Task the secretariat.',
      'unchanged Encourage data sharing;',
      'unchanged Promote transport;',
      'removed Welcome the host city;',
    ]);
  });

  it('leaves dissimilar paragraphs as one removed and one added', () => {
    const comparison = compareDeclarations(snapshot(paragraph('Promote green transport;')), snapshot(paragraph('Welcome the host city;')));
    expect(comparison.paragraphs.map((p) => p.change)).toEqual(['removed', 'added']);
  });
});
