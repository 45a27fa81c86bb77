import { afterEach, describe, expect, it } from 'vitest';
import { $getRoot } from 'lexical';
import * as Y from 'yjs';
import { createConnection } from '../../../../electron/api/connection';
import { createServices, type Services } from '../../../../electron/services/services';
import type { ServerMessage } from '../../../../shared/api/messages';
import { ApiClient } from '../../../../renderer/platform/apiClient';
import { type Channel, type ChannelState, Listeners } from '../../../../renderer/platform/channel';
import { DocumentPreloader } from '../../../../renderer/platform/documentPreloader';
import { ReplicaProvider, type SaveState } from '../../../../renderer/platform/replicaProvider';
import { readDeclarationView } from '../../../../shared/declaration/model/declarationView';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { createDeclaration, recordingLogger, sequentialIds, useTempDirs } from '../../helpers';

/** An in-memory channel straight into a connection, delivering asynchronously like IPC does. */
function memoryChannel(services: Services): Channel & { hold: boolean; release(): void } {
  const messages = new Listeners<ServerMessage>();
  const held: ServerMessage[] = [];
  const channel = {
    hold: false,
    state: 'open' as ChannelState,
    send: (message: Parameters<Channel['send']>[0]) => queueMicrotask(() => connection.receive(structuredClone(message))),
    onMessage: (listener: (m: ServerMessage) => void) => messages.add(listener),
    onState: () => () => undefined,
    release() {
      this.hold = false;
      for (const m of held.splice(0)) messages.emit(m);
    },
  };
  const connection = createConnection(
    services,
    (message) =>
      queueMicrotask(() => {
        if (channel.hold) held.push(message);
        else messages.emit(message);
      }),
    recordingLogger(),
  );
  return channel;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the window’s replica provider', () => {
  const tempDir = useTempDirs();
  let services: Services;
  afterEach(() => services?.close());

  async function openDocument() {
    services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger(), newId: sequentialIds() });
    return createDeclaration(services);
  }

  function windowOn(docId: string) {
    const channel = memoryChannel(services);
    const doc = new Y.Doc();
    const provider = new ReplicaProvider(new ApiClient(channel), docId, doc);
    const states: Array<SaveState['kind']> = [];
    provider.on('save-state', (state: SaveState) => states.push(state.kind));
    provider.connect();
    return { channel, doc, provider, states };
  }

  const paragraphsHeld = (doc: Y.Doc) => readDeclarationView(doc).length;

  it('loads the stored document, then says Saved', async () => {
    const docId = await openDocument();
    const window = windowOn(docId);
    await settle();
    expect(window.provider.state.kind).toBe('saved');
    expect(window.provider.isSynced).toBe(true);
    expect(paragraphsHeld(window.doc)).toBeGreaterThan(0);
  });

  it('says Saving until main acknowledges the edit as stored, and only then Saved', async () => {
    const docId = await openDocument();
    const window = windowOn(docId);
    await settle();
    window.channel.hold = true;
    window.doc.getText('probe').insert(0, 'Encourage');
    await settle();
    expect(window.provider.state.kind).toBe('saving');
    // The edit is on disk before the window hears about it.
    expect(services.replicas!.with(docId, (r) => r.doc.getText('probe').toString())).toBe('Encourage');
    window.channel.release();
    await settle();
    expect(window.provider.state.kind).toBe('saved');
  });

  it('passes one window’s edits to another window on the same document', async () => {
    const docId = await openDocument();
    const a = windowOn(docId);
    const b = windowOn(docId);
    await settle();
    a.doc.getText('probe').insert(0, 'Hereby agree to:');
    await settle();
    expect(b.doc.getText('probe').toString()).toBe('Hereby agree to:');
    expect([a.provider.state.kind, b.provider.state.kind]).toEqual(['saved', 'saved']);
  });

  it('says Not saved when main cannot write, and Saved again once it can', async () => {
    const docId = await openDocument();
    const window = windowOn(docId);
    await settle();
    const store = (services.replicas as unknown as { deps: { store: { appendUpdate: (...a: unknown[]) => void } } }).deps.store;
    const append = store.appendUpdate.bind(store);
    let full = true;
    store.appendUpdate = (...args) => {
      if (full) throw new Error('SQLITE_FULL: database or disk is full');
      append(...args);
    };
    window.doc.getText('probe').insert(0, 'first');
    await settle();
    expect(window.provider.state).toMatchObject({ kind: 'failed', error: { code: 'storage_failed' } });
    full = false;
    window.doc.getText('probe').insert(5, ', second');
    await settle();
    expect(window.provider.state.kind).toBe('saved');
    expect(window.states).toContain('failed');
  });

  it('opened ahead of its editor, hands the editor the whole text when it binds', async () => {
    const docId = await openDocument();
    const window = windowOn(docId);
    await settle();
    // Main's answer arrived before any editor existed; one bound now draws all of it.
    const editor = openHeadlessDeclaration(window.doc);
    expect(editor.binding.drift()).toBeNull();
    expect(editor.editor.getEditorState().read(() => $getRoot().getChildrenSize())).toBe(paragraphsHeld(window.doc));
    editor.dispose();
  });

  it('opened ahead of its editor, sends what is typed after binding and says Saved once main has it', async () => {
    const docId = await openDocument();
    const window = windowOn(docId);
    await settle();
    window.doc.getText('probe').insert(0, 'Reaffirm');
    await settle();
    expect(services.replicas!.with(docId, (r) => r.doc.getText('probe').toString())).toBe('Reaffirm');
    expect(window.provider.state.kind).toBe('saved');
  });

  it('opened ahead of its editor and closed unused, leaves main’s copy as it was', async () => {
    const docId = await openDocument();
    const before = services.replicas!.with(docId, (r) => Y.encodeStateAsUpdate(r.doc));
    const window = windowOn(docId);
    await settle();
    window.provider.destroy();
    await settle();
    expect(services.replicas!.with(docId, (r) => Y.encodeStateAsUpdate(r.doc))).toEqual(before);
  });

  it('a declaration preloaded at boot is handed to its editor once, and one left unopened is closed', async () => {
    const docId = await openDocument();
    const other = await createDeclaration(services);
    const preloader = new DocumentPreloader(new ApiClient(memoryChannel(services)));
    preloader.start(docId);
    preloader.start(other);
    await settle();
    expect(services.replicas!.openCount).toBe(2);
    const taken = preloader.take(docId);
    expect(taken).not.toBeNull();
    expect(preloader.take(docId)).toBeNull();
    preloader.keepOnly(null);
    await settle();
    // The unopened one released main's replica; the taken one is its editor's to close.
    expect(services.replicas!.openCount).toBe(1);
    expect(paragraphsHeld(taken!.doc)).toBeGreaterThan(0);
    taken!.destroy();
    await settle();
    expect(services.replicas!.openCount).toBe(0);
  });
});
