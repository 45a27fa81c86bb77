import { $createTextNode, $getRoot, $isElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { MOVE_PARAGRAPH_COMMAND, SET_PARAGRAPH_KIND_COMMAND } from '../../../../shared/declaration/binding/declarationCommands';
import type { BlockKind } from '../../../../shared/model/kinds';
import { $isLeadWords } from '../../../../shared/declaration/leadWordTransform';
import { $createClauseNode } from '../../../../shared/declaration/nodes';
import { $readOutline } from '../../../../shared/declaration/outline';
import { caretAtEnd, laptops, numbered, write } from './declarationKit';

const DRAFT: Array<[BlockKind, string]> = [
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
    const { sessions: [a] } = laptops(1);
    write(a!, DRAFT);
    expect(numbered(a!)).toEqual([
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
    const { sessions: [a] } = laptops(1);
    write(a!, [['pp', 'Further recognizing the role of cities,'], ['op', 'Encourage data sharing;'], ['opening', 'We, the Mayors,']]);
    const leads = a!.editor.getEditorState().read(() =>
      $getRoot().getChildren().map((p) => ($isElementNode(p) ? p.getAllTextNodes().filter($isLeadWords).map((n) => n.getTextContent()) : [])),
    );
    expect(leads).toEqual([['Further recognizing'], ['Encourage'], []]);
  });

  it('moves an operative paragraph with its sub-paragraphs, and renumbers at a second laptop', () => {
    const { sessions: [a, b], sync } = laptops(2);
    write(a!, DRAFT);
    caretAtEnd(a!, 'Encourage data sharing;');
    a!.dispatch(MOVE_PARAGRAPH_COMMAND, 'down');
    sync();
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
    expect(numbered(a!)).toEqual(expected);
    expect(numbered(b!)).toEqual(expected);

    caretAtEnd(b!, 'Task the secretariat');
    b!.dispatch(MOVE_PARAGRAPH_COMMAND, 'up');
    caretAtEnd(b!, 'shared platforms;');
    b!.dispatch(MOVE_PARAGRAPH_COMMAND, 'up');
    sync();
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
    expect(numbered(b!)).toEqual(after);
    expect(numbered(a!)).toEqual(after);
  });

  it('keeps the paragraph’s id when it changes kind, and numbers it at once', () => {
    const { sessions: [a] } = laptops(1);
    write(a!, DRAFT);
    const before = a!.editor.getEditorState().read(() => $readOutline()[4]!.clauseId);
    caretAtEnd(a!, 'open standards;');
    a!.dispatch(SET_PARAGRAPH_KIND_COMMAND, 'op');
    const items = a!.editor.getEditorState().read(() => $readOutline());
    expect(items[4]).toMatchObject({ kind: 'op', marker: '2.', clauseId: before });
    expect(items[5]).toMatchObject({ kind: 'sub', marker: '(a)' });
  });

  it('numbers the same at two laptops that inserted operative paragraphs at the same time', () => {
    const { sessions: [a, b], sync } = laptops(2);
    write(a!, DRAFT);
    sync();
    const $after = (text: string) => $getRoot().getChildren().find((node) => node.getTextContent() === text)!;
    a!.update(() => $after('Encourage data sharing;').insertAfter($createClauseNode('op').append($createTextNode('Invite the private sector;'))));
    b!.update(() => $after('Hereby agree to:').insertAfter($createClauseNode('op').append($createTextNode('Welcome the host city;'))));
    b!.update(() => $after('open standards;').insertAfter($createClauseNode('sub').append($createTextNode('common identifiers;'))));
    sync();
    expect(numbered(a!)).toEqual(numbered(b!));
    // A's new OP went between "Encourage" and its sub-paragraphs, so at A they now follow it; B
    // added its sub-paragraph under "Encourage", and there it stays. The same at both laptops.
    expect(numbered(a!).filter((line) => /^(\d+\.|\([a-z]+\))/.test(line))).toEqual([
      '1. Welcome the host city;',
      '2. Encourage data sharing;',
      '(a) common identifiers;',
      '3. Invite the private sector;',
      '(a) open standards;',
      '(b) shared platforms;',
      '4. Promote green transport;',
      '5. Task the secretariat to report.',
    ]);
  });
});
