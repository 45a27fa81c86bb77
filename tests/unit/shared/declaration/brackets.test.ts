import { $getRoot, $isElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AGREE_BRACKET_COMMAND, BRACKET_SELECTION_COMMAND, MOVE_PARAGRAPH_COMMAND } from '../../../../shared/declaration/binding/declarationCommands';
import { $readBracket } from '../../../../shared/declaration/brackets';
import { readClauseStatuses, setClauseStatus, statusOf } from '../../../../shared/declaration/clauseStatus';
import { fingerprintOf, readDeclarationView } from '../../../../shared/declaration/model/declarationView';
import type { AgreedBracket, BracketResult } from '../../../../shared/declaration/model/bracketMarks';
import { readNegotiationLog, recordNegotiation } from '../../../../shared/declaration/negotiationLog';
import type { HeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { caretAtEnd, laptops, selectWords, shownText, type, write } from './declarationKit';

const SECRETARIAT = { name: 'Sophea', delegation: null, role: 'secretariat' as const };

const brackets = (session: HeadlessDeclaration) =>
  session.editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .flatMap((p) => ($isElementNode(p) ? p.getChildren() : []))
      .filter((n) => n.getType() === 'accord-bracket')
      .map((n) => $readBracket(n as never).alternatives.map(({ text, proposers }) => ({ text, proposers }))),
  );

function bracket(session: HeadlessDeclaration, words: string, proposers: string[], alternatives: Array<{ text: string; proposers: string[] }> = []): BracketResult {
  selectWords(session, words);
  let result: BracketResult = { ok: false, reason: 'empty' };
  session.dispatch(BRACKET_SELECTION_COMMAND, { proposers, alternatives, done: (done) => (result = done) });
  return result;
}

describe('brackets', () => {
  it('brackets a phrase for two delegations with an alternative, and both laptops see who proposed what', () => {
    const { sessions: [a, b], sync } = laptops();
    write(a!, [['op', 'Cities shall publish open data;']]);
    const result = bracket(a!, 'shall', ['Ha Noi', 'Phnom Penh'], [{ text: 'should', proposers: ['Vientiane'] }]);
    expect(result).toMatchObject({ ok: true, alternatives: [{ text: 'shall', proposers: ['Ha Noi', 'Phnom Penh'] }, { text: 'should', proposers: ['Vientiane'] }] });
    sync();
    expect(brackets(b!)).toEqual([[{ text: 'shall', proposers: ['Ha Noi', 'Phnom Penh'] }, { text: 'should', proposers: ['Vientiane'] }]]);
    expect(shownText(b!)).toBe('Cities shallshould publish open data;');
  });

  // A bracket is a mark on its words, not a node around a copy of them: words a delegation types
  // inside the bracketed words at the same moment end up inside the bracket, at both laptops.
  it('keeps a delegation’s concurrent words inside the bracket they were typed in', () => {
    const { sessions: [a, b], sync } = laptops();
    write(a!, [['op', 'Cities shall publish open data;']]);
    sync();
    bracket(a!, 'publish open', ['Ha Noi']);
    // Meanwhile B, offline, types into the same words.
    b!.update(() => b!.binding.$select({ id: readDeclarationView(b!.binding.doc)[0]!.id, offset: 'Cities shall publish '.length }));
    type(b!, 'fully ');
    sync();
    expect(shownText(a!)).toBe(shownText(b!));
    expect(shownText(a!)).toBe('Cities shall publish fully open data;');
    expect(brackets(a!)).toEqual([[{ text: 'publish fully open', proposers: ['Ha Noi'] }]]);
    expect(brackets(b!)).toEqual(brackets(a!));
  });

  it('refuses to bracket across paragraphs or inside a bracket, and changes nothing', () => {
    const { sessions: [a] } = laptops(1);
    write(a!, [['op', 'First;'], ['op', 'Second.']]);
    const before = shownText(a!);
    const [first, second] = readDeclarationView(a!.binding.doc);
    a!.update(() => a!.binding.$select({ id: first!.id, offset: 1 }, { id: second!.id, offset: 2 }));
    let result: BracketResult | null = null;
    a!.dispatch(BRACKET_SELECTION_COMMAND, { proposers: ['Ha Noi'], done: (done) => (result = done) });
    expect(result).toEqual({ ok: false, reason: 'several-paragraphs' });
    expect(bracket(a!, 'Sec', [])).toEqual({ ok: false, reason: 'no-proposers' });
    expect(shownText(a!)).toBe(before);
    expect(bracket(a!, 'Sec', ['Ha Noi']).ok).toBe(true);
    expect(bracket(a!, 'ec', ['Vientiane'])).toEqual({ ok: false, reason: 'already-bracketed' });
  });

  it('agreeing a bracket keeps the chosen wording as plain text at every laptop, and the secretariat’s record of it says what was kept and dropped', () => {
    const { sessions: [a, b], sync } = laptops();
    const secretariatDoc = new Y.Doc();
    write(a!, [['op', 'Cities shall publish open data;']]);
    const result = bracket(a!, 'shall', ['Ha Noi'], [{ text: 'should', proposers: ['Vientiane'] }]);
    if (!result.ok) throw new Error('not bracketed');
    sync();
    const should = readDeclarationView(b!.binding.doc)[0]!.segments.flatMap((s) => (s.type === 'bracket' ? s.alternatives : []))[1]!;
    let agreed: AgreedBracket | null = null;
    b!.dispatch(AGREE_BRACKET_COMMAND, { bracketId: result.bracketId, keep: should.alternativeId, done: (done) => (agreed = done) });
    recordNegotiation(secretariatDoc, { type: 'bracket-agreed', documentId: 'doc-1', ...agreed!, by: SECRETARIAT, at: 1 });
    sync();
    expect(shownText(a!)).toBe('Cities should publish open data;');
    expect(brackets(a!)).toEqual([]);
    expect(readNegotiationLog(secretariatDoc, 'doc-1')).toEqual([
      expect.objectContaining({ type: 'bracket-agreed', kept: { text: 'should', proposers: ['Vientiane'] }, dropped: [{ text: 'shall', proposers: ['Ha Noi'] }] }),
    ]);
    expect(readNegotiationLog(secretariatDoc, 'doc-2')).toEqual([]);
  });

  it('a paragraph’s status stays with it through a move, and reads as pending once its words change', () => {
    const { sessions: [a, b], sync } = laptops();
    const secretariatDoc = new Y.Doc();
    write(a!, [['op', 'Encourage data sharing;'], ['op', 'Promote transport;']]);
    const promote = readDeclarationView(a!.binding.doc)[1]!;
    setClauseStatus(secretariatDoc, 'doc-1', promote.id, { status: 'agreed', by: SECRETARIAT, at: 1, fingerprint: fingerprintOf(promote.text) });
    sync();
    caretAtEnd(b!, 'Promote transport;');
    b!.dispatch(MOVE_PARAGRAPH_COMMAND, 'up');
    sync();
    const status = () => {
      const moved = readDeclarationView(a!.binding.doc)[0]!;
      return { id: moved.id, status: statusOf(readClauseStatuses(secretariatDoc, 'doc-1'), moved.id, moved.text) };
    };
    expect(status()).toEqual({ id: promote.id, status: 'agreed' });
    caretAtEnd(b!, 'Promote transport;');
    type(b!, ' by rail');
    sync();
    expect(readDeclarationView(a!.binding.doc)[0]!.text).toBe('Promote transport; by rail');
    expect(status()).toEqual({ id: promote.id, status: 'pending' });
  });
});
