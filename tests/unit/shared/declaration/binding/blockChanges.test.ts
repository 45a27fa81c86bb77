import { $createTextNode, $getRoot, $isTextNode, type EditorState } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blockChanges } from '../../../../../shared/declaration/binding/blockChanges';
import { insertParagraphs } from '../../../../../shared/declaration/model/operations';
import { $createBlockNode, $isBlockNode } from '../../../../../shared/declaration/nodes';
import { openHeadlessDeclaration } from '../../../../../shared/declaration/headlessDeclaration';

/** What each update of `change` did to the blocks, as the editor reported it. */
function changesOf(change: () => void): Array<{ order: boolean; kinds: boolean }> {
  const doc = new Y.Doc();
  insertParagraphs(doc, null, ['Recognizing the pace of urbanization,', 'Noting the plans,', 'Encourage open data;'].map((text) => ({ kind: 'paragraph' as const, runs: [{ text, attributes: {} }] })));
  const session = openHeadlessDeclaration(doc);
  const seen: Array<{ order: boolean; kinds: boolean }> = [];
  const off = session.editor.registerUpdateListener(({ editorState, prevEditorState, dirtyElements }: { editorState: EditorState; prevEditorState: EditorState; dirtyElements: Map<string, boolean> }) => {
    seen.push(blockChanges(prevEditorState, editorState, dirtyElements));
  });
  session.update(change);
  off();
  session.dispose();
  return seen;
}

const second = () => {
  const block = $getRoot().getChildAtIndex(1);
  if (!$isBlockNode(block)) throw new Error('no second paragraph');
  return block;
};

describe('telling typing from changes to the paragraphs themselves (what renumbers and what does not)', () => {
  it('typing in a paragraph changes neither order nor kinds, though a window’s Lexical marks the root as written', () => {
    expect(
      changesOf(() => {
        const text = second().getFirstDescendant();
        if ($isTextNode(text)) text.setTextContent(`${text.getTextContent()} and cycling`);
        // What the reconciler of an editor with a DOM does on every change of text (it caches
        // the root's text content through a writable root); the headless editor has none.
        $getRoot().getWritable();
      }),
    ).toEqual([{ order: false, kinds: false }]);
  });

  it('adding, removing or moving a paragraph changes the order', () => {
    expect(changesOf(() => second().insertAfter($createBlockNode('paragraph').append($createTextNode('Welcoming partnerships,'))))).toEqual([{ order: true, kinds: false }]);
    expect(changesOf(() => second().remove())).toEqual([{ order: true, kinds: false }]);
    expect(changesOf(() => $getRoot().getFirstChild()!.insertBefore(second()))).toEqual([{ order: true, kinds: false }]);
  });

  it('giving a paragraph another kind changes the kinds, not the order', () => {
    expect(
      changesOf(() => {
        second().setKind('op');
      }),
    ).toEqual([{ order: false, kinds: true }]);
  });
});
