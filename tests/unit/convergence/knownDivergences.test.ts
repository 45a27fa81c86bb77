// The smallest edit sequences I found behind the convergence fuzz's failures, and the Lexical bug
// its harness steps around; one test each.
import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createRangeSelection, $createTextNode, $getRoot, $getSelection, $isElementNode, $isRangeSelection, $setSelection, type ElementNode, type TextNode } from 'lexical';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { $moveBlock } from '../../../shared/declaration/moveClause';
import { $createClauseNode } from '../../../shared/declaration/nodes';
import { $insertParagraphBeforeAtStart } from '../../../shared/model/paragraphSplit';
import { lexicalJson, openReplicas, readFresh, runs, settle, textContent, type Replica } from './convergenceHarness';

vi.mock('yjs', async (importOriginal) => (await import('./countedClientIds')).yjsWithCountedClientIds(importOriginal));

function $run(paragraph: number, child: number): TextNode {
  const block = $getRoot().getChildAtIndex<ElementNode>(paragraph);
  const node = block?.getChildAtIndex<TextNode>(child);
  if (!node) throw new Error(`no run ${paragraph}.${child}`);
  return node;
}

/** Records what a replica sends, so a test can deliver its messages one at a time, in any order. */
function outbox(replica: Replica): Uint8Array[] {
  const sent: Uint8Array[] = [];
  replica.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'network') sent.push(update);
  });
  return sent;
}

async function deliver(to: Replica, update: Uint8Array | undefined): Promise<void> {
  if (!update) throw new Error('no such message');
  Y.applyUpdate(to.doc, update, 'network');
  await settle();
}

async function exchange(a: Replica, b: Replica): Promise<void> {
  await deliver(b, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
  await deliver(a, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
}

async function expectEditorsMatchTheirDocs(...replicas: Replica[]): Promise<void> {
  for (const replica of replicas) {
    expect(runs(lexicalJson(replica)), `replica ${replica.index}'s editor vs its doc`).toEqual(runs(await readFresh(replica.doc)));
  }
  const [first, ...others] = replicas as [Replica, ...Replica[]];
  for (const replica of others) expect(runs(lexicalJson(replica)), `replica ${replica.index} vs ${first.index}`).toEqual(runs(lexicalJson(first)));
}

/** Underlines characters [from, to) of the first paragraph's first run. */
function $underline(from: number, to: number): void {
  const run = $run(0, 0);
  const selection = $createRangeSelection();
  selection.anchor.set(run.getKey(), from, 'text');
  selection.focus.set(run.getKey(), to, 'text');
  selection.formatText('underline');
}

/** b underlines "bcdef" and types "v" before "a" while a presses Enter (via `split`) at the start. */
async function enterAtStartWhileOtherFormatsAndTypes(split: () => void): Promise<[Replica, Replica]> {
  const [a, b] = (await openReplicas(2, 'abcdef')) as [Replica, Replica];
  b.session.update(() => $underline(1, 6)); // "a" + "bcdef"/underline
  b.session.update(() => $run(0, 0).spliceText(0, 0, 'v')); // "va" + "bcdef"/underline
  a.session.update(() => {
    const selection = $createRangeSelection();
    const run = $run(0, 0);
    selection.anchor.set(run.getKey(), 0, 'text');
    selection.focus.set(run.getKey(), 0, 'text');
    $setSelection(selection);
    split();
    $setSelection(null);
  });
  await exchange(a, b);
  return [a, b];
}

describe('known divergences', () => {
  // Was a bug in shared/model/headlessDeclaration.ts: it skipped every 'collaboration'-tagged
  // update, so Lexical's merge of two runs made equal by a remote change never reached Yjs.
  it('a remote format change that makes two runs mergeable keeps each editor in step with its doc', async () => {
    const [a, b] = (await openReplicas(2, 'abcdef')) as [Replica, Replica];
    const fromB = outbox(b);
    a.session.update(() => {
      $run(0, 0).splitText(5)[1]?.toggleFormat('underline'); // "abcde" + "f"/underline
    });
    b.session.update(() => $run(0, 0).toggleFormat('underline')); // "abcdef"/underline
    b.session.update(() => $run(0, 0).toggleFormat('bold')); //      "abcdef"/bold+underline
    await deliver(a, fromB[0]); // a: "abcde"/u + "f"/u, which Lexical merges
    await deliver(a, fromB[1]);
    await exchange(a, b);
    // Today a's editor shows [["abcde/9"]] while its doc and b hold [["abcde/9", "f/8"]].
    await expectEditorsMatchTheirDocs(a, b);
  });

  // Lexical's Enter at the start of a paragraph moves its content into a new paragraph: in Yjs a
  // delete and an insert, so what another delegation did inside that content meanwhile is lost.
  // Accord's editor inserts an empty paragraph before instead (shared/model/paragraphSplit.ts).
  it('pressing Enter at the start of a paragraph in Accord loses nothing another delegation did there meanwhile', async () => {
    const [a, b] = await enterAtStartWhileOtherFormatsAndTypes(() => {
      if (!$insertParagraphBeforeAtStart()) throw new Error('Accord’s Enter did not apply');
    });
    expect(runs(lexicalJson(a))).toEqual([[], ['va/0', 'bcdef/8']]);
    await expectEditorsMatchTheirDocs(a, b);
  });

  // @lexical/yjs (v1 layout: each run is a Y.Map followed by its characters) handles a run whose
  // map another replica deleted by deleting all of that run's remaining characters from the live
  // XmlText, from the run's start. Characters the same change also deleted are counted again, so
  // it deletes live content after the run too: here b's underlined run, which a never touched.
  // Upstream behaviour (also with CollaborationPlugin); `fails` flips once Lexical fixes it.
  it.fails('pressing Enter at the start of a paragraph loses no text another delegation formatted and typed there meanwhile', async () => {
    const [a, b] = await enterAtStartWhileOtherFormatsAndTypes(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no selection');
      selection.insertParagraph(); // [] + ["abcdef"]: the run moves to the new paragraph
    });
    // Today both end with [[], ["abcdef/0"]]: "bcdef"/underline is gone everywhere.
    expect(runs(lexicalJson(a)).flat()).toContain('bcdef/8');
    await expectEditorsMatchTheirDocs(a, b);
  });

  // Same mechanism as above; when the over-deleted content is a run the receiver had already
  // formatted, its editor and its doc disagree for good (and so do the replicas).
  it.fails('formatting a run while its paragraph is split elsewhere leaves every editor showing its doc', async () => {
    const [a, b] = (await openReplicas(2, 'abcdef')) as [Replica, Replica];
    const fromB = outbox(b);
    b.session.update(() => $underline(1, 6)); // "a" + "bcdef"/underline
    a.session.update(() => {
      const selection = $createRangeSelection();
      const run = $run(0, 0);
      selection.anchor.set(run.getKey(), 0, 'text');
      selection.focus.set(run.getKey(), 0, 'text');
      $setSelection(selection);
      selection.insertParagraph(); // [] + ["abcdef"]
      $setSelection(null);
    });
    await deliver(a, fromB[0]); // a: ["bcdef"/u] + ["abcdef"]
    b.session.update(() => $run(0, 0).spliceText(0, 0, 'v')); // b: "va" + "bcdef"/u
    a.session.update(() => $run(0, 0).splitText(3)[1]?.toggleFormat('italic')); // a: "bcd"/u + "ef"/u+i
    await exchange(a, b);
    // Today a and both docs hold [["ef/10"], ["abcdef/0"]]; b's editor shows [[], ["abcdef/0"]].
    await expectEditorsMatchTheirDocs(a, b);
  });

  // Not about collaboration: RangeSelection.removeText on the *current* selection throws when
  // it starts at an element point (an empty paragraph) and ends mid-run before a sibling run in
  // the next paragraph; the same selection not made current works. The fuzz deletes through a
  // selection it does not make current for that reason. Upstream; `fails` flips once fixed.
  it.fails('deleting from an empty paragraph into the middle of a formatted run does not throw', () => {
    const editor = createHeadlessEditor({
      onError: (error) => {
        throw error;
      },
    });
    editor.update(
      () => {
        const next = $createParagraphNode().append($createTextNode('hello world'), $createTextNode('!!').toggleFormat('bold'));
        $getRoot().append($createParagraphNode(), next);
      },
      { discrete: true },
    );
    editor.update(
      () => {
        const [empty, next] = $getRoot().getChildren<ElementNode>();
        const run = next?.getFirstChildOrThrow<TextNode>();
        const selection = $createRangeSelection();
        selection.anchor.set(empty?.getKey() ?? '', 0, 'element');
        selection.focus.set(run?.getKey() ?? '', 6, 'text');
        $setSelection(selection);
        selection.removeText();
      },
      { discrete: true },
    );
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('world!!');
  });

  // Moving a paragraph (Move up/down, Alt+arrows) is written by @lexical/yjs as deleting it and
  // inserting a copy; words another delegation typed into it meanwhile went into the deleted copy.
  // Both replicas agree, but without those words. Accord says so where moves happen (README,
  // issue note); `fails` flips once the binding moves content instead of copying it.
  it.fails('a paragraph moved at one laptop keeps what another delegation typed into it meanwhile', async () => {
    const [a, b] = (await openReplicas(2, 'Encourage sharing;')) as [Replica, Replica];
    a.session.update(() => $getRoot().append($createClauseNode('op').append($createTextNode('Promote transport;'))));
    await exchange(a, b);
    a.session.update(() => {
      const last = $getRoot().getLastChild();
      if ($isElementNode(last)) $moveBlock(last, 'up');
    });
    b.session.update(() => {
      const last = $getRoot().getLastChild();
      if ($isElementNode(last)) last.selectEnd().insertText(' by rail');
    });
    await exchange(a, b);
    await exchange(a, b);
    expect(textContent(a)).toBe(textContent(b));
    expect(textContent(a)).toContain('Promote transport; by rail');
  });
});
