import { $createTextNode, $getRoot, $isElementNode, type ElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $moveBlock } from '../../../../shared/declaration/moveClause';
import { $isLeadWords } from '../../../../shared/declaration/leadWordTransform';
import { $createClauseNode } from '../../../../shared/declaration/nodes';
import { $readOutline } from '../../../../shared/declaration/outline';
import { $setParagraphKind } from '../../../../shared/declaration/paragraphKind';
import type { ClauseKind } from '../../../../shared/declaration/kinds';
import { openHeadlessDeclaration, type HeadlessDeclaration } from '../../../../shared/model/headlessDeclaration';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function write(session: HeadlessDeclaration, paragraphs: Array<[ClauseKind, string]>): void {
  session.update(() => {
    for (const [kind, text] of paragraphs) $getRoot().append($createClauseNode(kind).append($createTextNode(text)));
  });
}

function outline(session: HeadlessDeclaration): string[] {
  return session.editor.getEditorState().read(() =>
    $readOutline().map((item) => {
      const node = $getRoot().getChildren().find((child) => child.getKey() === item.key)!;
      return `${item.marker || item.kind} ${node.getTextContent()}`.trim();
    }),
  );
}

function block(session: HeadlessDeclaration, text: string): ElementNode {
  const found = $getRoot().getChildren().find((node) => node.getTextContent() === text);
  if (!$isElementNode(found)) throw new Error(`no paragraph “${text}”`);
  return found;
}

function pair(): [HeadlessDeclaration, HeadlessDeclaration, () => void] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return [openHeadlessDeclaration(a), openHeadlessDeclaration(b), sync];
}

const DRAFT: Array<[ClauseKind, string]> = [
  ['title', 'Phnom Penh Declaration'],
  ['pp', 'Recognizing the role of cities,'],
  ['operative-opening', 'Hereby agree to:'],
  ['op', 'Encourage data sharing;'],
  ['sub', 'open standards;'],
  ['sub', 'shared platforms;'],
  ['op', 'Promote green transport;'],
  ['op', 'Task the secretariat to report.'],
];

describe('declaration structure', () => {
  it('numbers operative paragraphs and letters their sub-paragraphs from their order alone', () => {
    const [a] = pair();
    write(a, DRAFT);
    expect(outline(a)).toEqual([
      'title Phnom Penh Declaration',
      'pp Recognizing the role of cities,',
      'operative-opening Hereby agree to:',
      '1. Encourage data sharing;',
      '(a) open standards;',
      '(b) shared platforms;',
      '2. Promote green transport;',
      '3. Task the secretariat to report.',
    ]);
  });

  it('sets the lead words of PPs and OPs in italics, and nothing after them', () => {
    const [a] = pair();
    write(a, [['pp', 'Further recognizing the role of cities,'], ['op', 'Encourage data sharing;'], ['opening', 'We, the Mayors,']]);
    const leads = a.editor.getEditorState().read(() =>
      $getRoot().getChildren().map((p) => ($isElementNode(p) ? p.getAllTextNodes().filter($isLeadWords).map((n) => n.getTextContent()) : [])),
    );
    expect(leads).toEqual([['Further recognizing'], ['Encourage'], []]);
  });

  it('moves an operative paragraph with its sub-paragraphs, and renumbers at a second peer', async () => {
    const [a, b, sync] = pair();
    write(a, DRAFT);
    a.update(() => $moveBlock(block(a, 'Encourage data sharing;'), 'down'));
    sync();
    await settle();
    const expected = [
      'title Phnom Penh Declaration',
      'pp Recognizing the role of cities,',
      'operative-opening Hereby agree to:',
      '1. Promote green transport;',
      '2. Encourage data sharing;',
      '(a) open standards;',
      '(b) shared platforms;',
      '3. Task the secretariat to report.',
    ];
    expect(outline(a)).toEqual(expected);
    expect(outline(b)).toEqual(expected);

    b.update(() => $moveBlock(block(b, 'Task the secretariat to report.'), 'up'));
    b.update(() => $moveBlock(block(b, 'shared platforms;'), 'up'));
    sync();
    await settle();
    const after = [
      'title Phnom Penh Declaration',
      'pp Recognizing the role of cities,',
      'operative-opening Hereby agree to:',
      '1. Promote green transport;',
      '2. Task the secretariat to report.',
      '3. Encourage data sharing;',
      '(a) shared platforms;',
      '(b) open standards;',
    ];
    expect(outline(b)).toEqual(after);
    expect(outline(a)).toEqual(after);
  });

  it('keeps the clause id when a paragraph changes kind, and numbers it at once', () => {
    const [a] = pair();
    write(a, DRAFT);
    const before = a.editor.getEditorState().read(() => $readOutline()[4]!.clauseId);
    a.update(() => $setParagraphKind(block(a, 'open standards;'), 'op'));
    const items = a.editor.getEditorState().read(() => $readOutline());
    expect(items[4]).toMatchObject({ kind: 'op', marker: '2.', clauseId: before });
    expect(items[5]).toMatchObject({ kind: 'sub', marker: '(a)' });
  });

  it('numbers the same at two peers that inserted operative paragraphs at the same time', async () => {
    const [a, b, sync] = pair();
    write(a, DRAFT);
    sync();
    await settle();
    a.update(() => block(a, 'Encourage data sharing;').insertAfter($createClauseNode('op').append($createTextNode('Invite the private sector;'))));
    b.update(() => block(b, 'Hereby agree to:').insertAfter($createClauseNode('op').append($createTextNode('Welcome the host city;'))));
    b.update(() => block(b, 'open standards;').insertAfter($createClauseNode('sub').append($createTextNode('common identifiers;'))));
    sync();
    await settle();
    sync();
    await settle();
    expect(outline(a)).toEqual(outline(b));
    const numbered = outline(a).filter((line) => /^(\d+\.|\([a-z]+\))/.test(line));
    // A's new OP went between "Encourage" and its sub-paragraphs, so they now follow it: numbers
    // come from order alone, the same at both peers.
    expect(numbered.map((line) => line.split(' ')[0])).toEqual(['1.', '2.', '3.', '(a)', '(b)', '(c)', '4.', '5.']);
    expect(numbered.join('|')).toContain('common identifiers;');
    expect(numbered.join('|')).toContain('Invite the private sector;');
  });
});
