import { $createRangeSelection, $createTextNode, $getRoot, $isElementNode, $isTextNode, $setSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $agreeBracket, $bracketSelection, $findBracket, $readBracket } from '../../../../shared/declaration/brackets';
import { readClauseStatuses, setClauseStatus, statusOf } from '../../../../shared/declaration/clauseStatus';
import { readNegotiationLog, recordNegotiation } from '../../../../shared/declaration/negotiationLog';
import { $createClauseNode } from '../../../../shared/declaration/nodes';
import { $readOutline } from '../../../../shared/declaration/outline';
import { openHeadlessDeclaration, type HeadlessDeclaration } from '../../../../shared/model/headlessDeclaration';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const SECRETARIAT = { name: 'Sophea', delegation: null, role: 'secretariat' as const };

function peers(): { a: HeadlessDeclaration; b: HeadlessDeclaration; docA: Y.Doc; docB: Y.Doc; sync(): Promise<void> } {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  return {
    docA,
    docB,
    a: openHeadlessDeclaration(docA),
    b: openHeadlessDeclaration(docB),
    async sync() {
      Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)));
      Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)));
      await settle();
    },
  };
}

/** Selects `words` in the paragraph holding them, as a delegate dragging over them would. */
function $select(words: string): void {
  for (const node of $getRoot().getAllTextNodes()) {
    const at = node.getTextContent().indexOf(words);
    if (at === -1) continue;
    const selection = $createRangeSelection();
    selection.anchor.set(node.getKey(), at, 'text');
    selection.focus.set(node.getKey(), at + words.length, 'text');
    $setSelection(selection);
    return;
  }
  throw new Error(`no “${words}”`);
}

const text = (session: HeadlessDeclaration) => session.editor.getEditorState().read(() => $getRoot().getTextContent());
const brackets = (session: HeadlessDeclaration) =>
  session.editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .flatMap((p) => ($isElementNode(p) ? p.getChildren() : []))
      .filter((n) => n.getType() === 'accord-bracket')
      .map((n) => $readBracket(n as never).alternatives.map(({ text: t, proposers }) => ({ text: t, proposers }))),
  );

describe('brackets', () => {
  it('brackets a phrase for two delegations with an alternative, and both peers see who proposed what', async () => {
    const { a, b, sync } = peers();
    a.update(() => $getRoot().append($createClauseNode('op').append($createTextNode('Cities shall publish open data;'))));
    let result: ReturnType<typeof $bracketSelection> | undefined;
    a.update(() => {
      $select('shall');
      result = $bracketSelection(['Ha Noi', 'Phnom Penh'], [{ text: 'should', proposers: ['Vientiane'] }]);
    });
    expect(result).toMatchObject({ ok: true, alternatives: [{ text: 'shall', proposers: ['Ha Noi', 'Phnom Penh'] }, { text: 'should', proposers: ['Vientiane'] }] });
    await sync();
    expect(brackets(b)).toEqual([[{ text: 'shall', proposers: ['Ha Noi', 'Phnom Penh'] }, { text: 'should', proposers: ['Vientiane'] }]]);
    expect(text(b)).toBe('Cities shallshould publish open data;');
  });

  // @lexical/yjs (v1) writes wrapping words in a bracket as moving them: a delete and an insert.
  // A concurrent insertion in those words therefore lands beside the bracket instead of in it;
  // what matters is that no word is lost or doubled, and both peers agree.
  it('keeps every word of a delegation’s concurrent edit to the bracketed words', async () => {
    const { a, b, sync } = peers();
    a.update(() => $getRoot().append($createClauseNode('op').append($createTextNode('Cities shall publish open data;'))));
    await sync();
    a.update(() => {
      $select('publish open');
      $bracketSelection(['Ha Noi']);
    });
    // Meanwhile B, offline, edits the same words.
    b.update(() => {
      const node = $getRoot().getAllTextNodes().find((n) => n.getTextContent().includes('publish'))!;
      const at = node.getTextContent().indexOf('open');
      node.spliceText(at, 0, 'fully ', false);
    });
    await sync();
    await sync();
    expect(text(a)).toBe(text(b));
    expect(text(a).match(/fully /g)).toHaveLength(1);
    expect(text(a).replace('fully ', '')).toBe('Cities shall publish open data;');
    expect(brackets(a)).toEqual(brackets(b));
    expect(brackets(a)).toHaveLength(1);
  });

  it('refuses to bracket across paragraphs or inside a bracket, and changes nothing', () => {
    const { a } = peers();
    a.update(() => {
      $getRoot().append($createClauseNode('op').append($createTextNode('First;')), $createClauseNode('op').append($createTextNode('Second.')));
    });
    const before = text(a);
    a.update(() => {
      const nodes = $getRoot().getAllTextNodes();
      const first = nodes.find((n) => n.getTextContent() === 'First')!;
      const second = nodes.find((n) => n.getTextContent() === 'Second')!;
      const selection = $createRangeSelection();
      selection.anchor.set(first.getKey(), 1, 'text');
      selection.focus.set(second.getKey(), 2, 'text');
      $setSelection(selection);
      expect($bracketSelection(['Ha Noi'])).toEqual({ ok: false, reason: 'several-paragraphs' });
      $select('Sec');
      expect($bracketSelection([])).toEqual({ ok: false, reason: 'no-proposers' });
      expect($bracketSelection(['Ha Noi']).ok).toBe(true);
      $select('ec');
      expect($bracketSelection(['Vientiane'])).toEqual({ ok: false, reason: 'already-bracketed' });
    });
    expect(text(a)).toBe(before);
  });

  it('agreeing a bracket keeps the chosen wording as plain text, at every peer, and is logged', async () => {
    const { a, b, docA, docB, sync } = peers();
    a.update(() => $getRoot().append($createClauseNode('op').append($createTextNode('Cities shall publish open data;'))));
    let bracketId = '';
    a.update(() => {
      $select('shall');
      const result = $bracketSelection(['Ha Noi'], [{ text: 'should', proposers: ['Vientiane'] }]);
      if (result.ok) bracketId = result.bracketId;
    });
    await sync();
    let agreed: ReturnType<typeof $agreeBracket> = null;
    b.update(() => {
      const should = $readBracket($findBracket(bracketId)!).alternatives[1]!;
      agreed = $agreeBracket(bracketId, should.alternativeId);
    });
    recordNegotiation(docB, { type: 'bracket-agreed', ...agreed!, by: SECRETARIAT, at: 1 });
    await sync();
    expect(text(a)).toBe('Cities should publish open data;');
    expect(brackets(a)).toEqual([]);
    expect(readNegotiationLog(docA)).toEqual([
      expect.objectContaining({ type: 'bracket-agreed', kept: { text: 'should', proposers: ['Vientiane'] }, dropped: [{ text: 'shall', proposers: ['Ha Noi'] }] }),
    ]);
    expect(a.editor.getEditorState().read(() => $getRoot().getAllTextNodes().every($isTextNode))).toBe(true);
  });

  it('a paragraph’s status stays with it through a move and an edit at another peer', async () => {
    const { a, b, docA, docB, sync } = peers();
    a.update(() => $getRoot().append($createClauseNode('op').append($createTextNode('Encourage data sharing;')), $createClauseNode('op').append($createTextNode('Promote transport;'))));
    const clauseId = a.editor.getEditorState().read(() => $readOutline()[1]!.clauseId!);
    setClauseStatus(docA, clauseId, { status: 'agreed', by: SECRETARIAT, at: 1 });
    await sync();
    b.update(() => {
      const second = $getRoot().getLastChild()!;
      $getRoot().getFirstChild()!.insertBefore(second);
    });
    b.update(() => {
      const moved = $getRoot().getFirstChild();
      if ($isElementNode(moved)) moved.selectEnd().insertText(' by rail');
    });
    await sync();
    const outline = a.editor.getEditorState().read(() => $readOutline());
    expect(outline[0]).toMatchObject({ marker: '1.', clauseId });
    expect(a.editor.getEditorState().read(() => $getRoot().getFirstChild()!.getTextContent())).toBe('Promote transport; by rail');
    expect(statusOf(readClauseStatuses(docB), clauseId)).toBe('agreed');
    expect(statusOf(readClauseStatuses(docA), outline[1]!.clauseId)).toBe('pending');
  });
});
