import { $createTextNode, $getRoot, $getSelection, $isRangeSelection, INSERT_PARAGRAPH_COMMAND, DELETE_CHARACTER_COMMAND, UNDO_COMMAND, REDO_COMMAND } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MOVE_PARAGRAPH_COMMAND, SET_PARAGRAPH_KIND_COMMAND } from '../../../../../shared/declaration/binding/declarationCommands';
import { readDeclarationView } from '../../../../../shared/declaration/model/declarationView';
import { insertParagraphs } from '../../../../../shared/declaration/model/operations';
import { BRACKET_ATTRIBUTE, bracketAttribute, bracketsOf } from '../../../../../shared/declaration/model/shape';
import { $createBlockNode, $isBlockNode } from '../../../../../shared/declaration/nodes';
import { openHeadlessDeclaration, type HeadlessDeclaration } from '../../../../../shared/declaration/headlessDeclaration';
import { merge } from '../model/modelKit';

function shown(session: HeadlessDeclaration): string[] {
  return session.editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((node) => `${$isBlockNode(node) ? node.getKind() : node.getType()}: ${node.getTextContent()}`),
  );
}

function held(doc: Y.Doc): string[] {
  return readDeclarationView(doc).map((p) => `${p.kind}: ${p.text}`);
}

let current: HeadlessDeclaration;

/** The caret at a character offset of a paragraph, as a click there would put it. */
function $caretAt(paragraph: number, offset: number): void {
  const block = $getRoot().getChildAtIndex(paragraph);
  if (!$isBlockNode(block)) throw new Error(`no paragraph ${paragraph}`);
  current.binding.$select({ id: block.getBlockId(), offset });
}

function seeded(paragraphs: Array<[Parameters<typeof $createBlockNode>[0], string]>): { doc: Y.Doc; session: HeadlessDeclaration } {
  const doc = new Y.Doc();
  insertParagraphs(doc, null, paragraphs.map(([kind, text]) => ({ kind, runs: text ? [{ text, attributes: {} }] : [] })));
  current = openHeadlessDeclaration(doc, { history: true });
  return { doc, session: current };
}

describe('the binding between Lexical and the declaration model', () => {
  it('shows what the model holds when it opens, and writes typing to it', () => {
    const { doc, session } = seeded([['pp', 'Recognizing cities'], ['op', 'Encourage trade;']]);
    expect(shown(session)).toEqual(['pp: Recognizing cities', 'op: Encourage trade;']);
    session.update(() => {
      $caretAt(0, 'Recognizing cities'.length);
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.insertText(' of ASEAN,');
    });
    expect(held(doc)).toEqual(['pp: Recognizing cities of ASEAN,', 'op: Encourage trade;']);
  });

  it('draws a change made elsewhere, keeping the caret where it was', () => {
    const { doc, session } = seeded([['op', 'Encourage trade;']]);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    session.update(() => $caretAt(0, 'Encourage'.length));
    const text = other.getMap<Y.Map<unknown>>('paragraphs').values().next().value!.get('text') as Y.Text;
    text.insert(0, 'Strongly ');
    merge(doc, other);
    expect(shown(session)).toEqual(['op: Strongly Encourage trade;']);
    const caret = session.editor.getEditorState().read(() => {
      const selection = $getSelection();
      return $isRangeSelection(selection) ? selection.anchor.offset + (selection.anchor.getNode().getPreviousSibling()?.getTextContentSize() ?? 0) : -1;
    });
    expect(caret).toBe('Strongly Encourage'.length);
  });

  it('Enter splits in the model; Backspace at the start joins; undo and redo take both back and forth', () => {
    const { doc, session } = seeded([['op', 'Encourage trade and transport;']]);
    session.update(() => $caretAt(0, 'Encourage trade'.length));
    session.dispatch(INSERT_PARAGRAPH_COMMAND, undefined);
    expect(held(doc)).toEqual(['op: Encourage trade', 'op:  and transport;']);
    expect(shown(session)).toEqual(held(doc));
    session.dispatch(DELETE_CHARACTER_COMMAND, true);
    expect(held(doc)).toEqual(['op: Encourage trade and transport;']);
    expect(shown(session)).toEqual(held(doc));
    session.dispatch(UNDO_COMMAND, undefined);
    expect(held(doc)).toEqual(['op: Encourage trade', 'op:  and transport;']);
    session.dispatch(UNDO_COMMAND, undefined);
    expect(held(doc)).toEqual(['op: Encourage trade and transport;']);
    expect(shown(session)).toEqual(held(doc));
    session.dispatch(REDO_COMMAND, undefined);
    expect(held(doc)).toEqual(['op: Encourage trade', 'op:  and transport;']);
    expect(shown(session)).toEqual(held(doc));
  });

  it('moves and kind changes are model operations', () => {
    const { doc, session } = seeded([['op', 'One'], ['op', 'Two']]);
    session.update(() => $caretAt(1, 1));
    session.dispatch(MOVE_PARAGRAPH_COMMAND, 'up');
    expect(held(doc)).toEqual(['op: Two', 'op: One']);
    session.dispatch(SET_PARAGRAPH_KIND_COMMAND, 'pp');
    expect(held(doc)).toEqual(['pp: Two', 'op: One']);
    expect(shown(session)).toEqual(held(doc));
  });

  it('a paragraph Lexical itself adds, removes or reorders reaches the model', () => {
    const { doc, session } = seeded([['op', 'One'], ['op', 'Two'], ['op', 'Three']]);
    session.update(() => {
      const [one, two, three] = $getRoot().getChildren();
      three!.insertAfter(two!);
      one!.insertAfter($createBlockNode('pp').append($createTextNode('New')));
    });
    expect(held(doc)).toEqual(['op: One', 'pp: New', 'op: Three', 'op: Two']);
    session.update(() => $getRoot().getChildAtIndex(2)!.remove());
    expect(held(doc)).toEqual(['op: One', 'pp: New', 'op: Two']);
  });

  it('words and a bracket’s proposers changed elsewhere in one change are both drawn, and the words kept', () => {
    const doc = new Y.Doc();
    bracketsOf(doc).set('b1', new Y.Map([['a1', ['Ha Noi']]]));
    insertParagraphs(doc, null, [{ kind: 'op', runs: [{ text: 'Encourage ', attributes: {} }, { text: 'open data', attributes: { [BRACKET_ATTRIBUTE]: bracketAttribute('b1', 'a1') } }, { text: ';', attributes: {} }] }]);
    current = openHeadlessDeclaration(doc, { history: true });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const text = other.getMap<Y.Map<unknown>>('paragraphs').values().next().value!.get('text') as Y.Text;
    // The proposers first, the words after: the binding hears of the brackets before the words.
    other.transact(() => {
      (bracketsOf(other).get('b1') as Y.Map<unknown>).set('a1', ['Ha Noi', 'Vientiane']);
      text.insert(0, 'Strongly ');
    });
    merge(doc, other);
    expect(held(doc)).toEqual(['op: Strongly Encourage [open data];']);
    expect(shown(current)).toEqual(['op: Strongly Encourage open data;']);
  });
});
