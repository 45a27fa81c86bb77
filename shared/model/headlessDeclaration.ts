import { createHeadlessEditor } from '@lexical/headless';
import {
  createYjsBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Provider,
} from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { DECLARATION_ROOT, declarationNodes } from './declarationNodes';

/** A headless session has no cursors to share, so its awareness holds nobody. */
function presenceFreeProvider(): Provider {
  const awareness = {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => undefined,
    off: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  };
  return {
    awareness,
    connect: () => undefined,
    disconnect: () => undefined,
    on: () => undefined,
    off: () => undefined,
  };
}

export interface HeadlessDeclaration {
  readonly editor: LexicalEditor;
  /** Runs `fn` as one Lexical update and waits until it has reached the Y.Doc. */
  update(fn: () => void): void;
  dispose(): void;
}

/**
 * Binds a Lexical editor without a DOM to a declaration's Y.Doc, the same way the window's editor
 * is bound. Used to write content from outside a window (seeding a new document, benchmarks,
 * convergence tests) in exactly the shape the window reads.
 */
export function openHeadlessDeclaration(doc: Y.Doc): HeadlessDeclaration {
  const editor = createHeadlessEditor({
    namespace: 'accord-declaration',
    nodes: [...declarationNodes],
    onError: (error) => {
      throw error;
    },
  });
  const provider = presenceFreeProvider();
  const binding = createYjsBinding({ editor, id: 'headless', doc, docMap: new Map([['headless', doc]]), rootName: DECLARATION_ROOT });
  const root = doc.get(DECLARATION_ROOT, Y.XmlText);

  const onYjs = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction) => {
    if (transaction.origin !== binding) {
      syncYjsChangesToLexical(binding, provider, events as never, false);
    }
  };
  root.observeDeep(onYjs as never);
  const unregister = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has('collaboration')) return;
      syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
    },
  );

  // Bring whatever the doc already holds into the editor before the first local edit.
  if (root.length > 0) {
    editor.update(
      () => {
        binding.root.applyChildrenYjsDelta(binding, root.toDelta() as never);
        binding.root.syncChildrenFromYjs(binding);
      },
      { discrete: true, tag: 'collaboration' },
    );
  }

  return {
    editor,
    update(fn) {
      editor.update(fn, { discrete: true });
    },
    dispose() {
      unregister();
      root.unobserveDeep(onYjs as never);
    },
  };
}
