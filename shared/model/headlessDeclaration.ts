import { createHeadlessEditor } from '@lexical/headless';
import {
  createYjsBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Provider,
} from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { registerDeclarationRules } from '../declaration/registerDeclaration';
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
 *
 * The binding sits on a private mirror of `doc`, kept in step both ways. @lexical/yjs only builds
 * its node mapping from Yjs events, as a window's editor gets them when content arrives from its
 * provider; bound directly to a doc that already holds content, the first local edit would write
 * that content a second time.
 */
export function openHeadlessDeclaration(doc: Y.Doc): HeadlessDeclaration {
  const editor = createHeadlessEditor({
    namespace: 'accord-declaration',
    nodes: [...declarationNodes],
    onError: (error) => {
      throw error;
    },
  });
  const unregisterRules = registerDeclarationRules(editor);
  const provider = presenceFreeProvider();
  const mirror = new Y.Doc({ gc: doc.gc });
  const binding = createYjsBinding({ editor, id: 'headless', doc: mirror, docMap: new Map([['headless', mirror]]), rootName: DECLARATION_ROOT });
  const root = mirror.get(DECLARATION_ROOT, Y.XmlText);

  const onYjs = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction) => {
    if (transaction.origin !== binding) {
      syncYjsChangesToLexical(binding, provider, events as never, false);
    }
  };
  root.observeDeep(onYjs as never);
  const unregister = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      // As the window's CollaborationPlugin does: remote changes are tagged 'collaboration' but must
      // still pass, so the normalisations they trigger (adjacent runs merged) reach Yjs too.
      if (tags.has('skip-collab')) return;
      syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
    },
  );

  const fromDoc = Symbol('from-doc');
  const toDoc = (update: Uint8Array, origin: unknown) => {
    if (origin !== fromDoc) Y.applyUpdate(doc, update, mirror);
  };
  const toMirror = (update: Uint8Array, origin: unknown) => {
    if (origin !== mirror) Y.applyUpdate(mirror, update, fromDoc);
  };
  mirror.on('update', toDoc);
  doc.on('update', toMirror);
  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(doc), fromDoc);
  // Lexical applies Yjs changes in an update of its own; commit it before anyone reads or edits.
  editor.update(() => undefined, { discrete: true });

  return {
    editor,
    update(fn) {
      editor.update(fn, { discrete: true });
    },
    dispose() {
      unregister();
      unregisterRules();
      root.unobserveDeep(onYjs as never);
      mirror.off('update', toDoc);
      doc.off('update', toMirror);
      mirror.destroy();
    },
  };
}
