import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ABANDONED, applyCompletely, Replicas } from '../../../../electron/storage/replicas';
import { AppStore } from '../../../../electron/storage/appStore';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { recordingLogger, useTempDirs } from '../../helpers';

function openStore(dir: string) {
  const store = AppStore.open(join(dir, 'accord.sqlite'));
  store.createDoc({ id: 'doc-00000001', kind: 'declaration', meetingId: null, now: 1 });
  return store;
}

describe('Replicas', () => {
  const tempDir = useTempDirs();

  it('appends every change to the document log as it happens', () => {
    const store = openStore(tempDir());
    const replicas = new Replicas({ store, now: () => 7, log: recordingLogger() });
    const replica = replicas.acquire('doc-00000001');
    replica.doc.getText('t').insert(0, 'Recognizing');
    replica.doc.getText('t').insert(11, ' the necessity');
    expect(store.readUpdates('doc-00000001')).toHaveLength(2);
    replicas.release(replica);
    store.close();
  });

  it('reloads a declaration identical to what was written, formatting included', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
    const replica = replicas.acquire('doc-00000001');
    const session = openHeadlessDeclaration(replica.doc);
    session.update(() => {
      const p = $createParagraphNode();
      p.append($createTextNode('Recognizing').toggleFormat('italic'), $createTextNode(' the role of cities;'));
      $getRoot().append(p);
    });
    const written = JSON.stringify(session.editor.getEditorState().toJSON());
    const state = Y.encodeStateAsUpdate(replica.doc);
    session.dispose();
    replicas.release(replica);
    store.close();

    const reopened = AppStore.open(join(dir, 'accord.sqlite'));
    const again = new Replicas({ store: reopened, now: Date.now, log: recordingLogger() }).acquire('doc-00000001');
    expect(Y.encodeStateAsUpdate(again.doc)).toEqual(state);
    const reader = openHeadlessDeclaration(again.doc);
    await Promise.resolve();
    expect(JSON.stringify(reader.editor.getEditorState().toJSON())).toBe(written);
    reader.dispose();
    reopened.close();
  });

  it('shares one replica between holders and frees it when the last lets go', () => {
    const store = openStore(tempDir());
    const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
    const a = replicas.acquire('doc-00000001');
    const b = replicas.acquire('doc-00000001');
    expect(a).toBe(b);
    replicas.release(a);
    expect(replicas.openCount).toBe(1);
    replicas.release(b);
    expect(replicas.openCount).toBe(0);
    store.close();
  });

  it('flags a change that could not be written, and heals the gap with the next good write', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const log = recordingLogger();
    const replicas = new Replicas({ store, now: Date.now, log });
    const replica = replicas.acquire('doc-00000001');
    const append = store.appendUpdate.bind(store);
    let diskFull = true;
    store.appendUpdate = (id, update, now) => {
      if (diskFull) throw new Error('SQLITE_FULL: database or disk is full');
      append(id, update, now);
    };
    replica.doc.getText('t').insert(0, 'lost? ');
    expect(replica.persistenceError?.message).toMatch(/SQLITE_FULL/);
    expect(log.errors.map((e) => e.event)).toContain('replica.persist');

    diskFull = false;
    replica.doc.getText('t').insert(6, 'no.');
    expect(replica.persistenceError).toBeNull();
    replicas.release(replica);
    store.close();

    const reopened = AppStore.open(join(dir, 'accord.sqlite'));
    const again = new Replicas({ store: reopened, now: Date.now, log }).acquire('doc-00000001');
    expect(again.doc.getText('t').toString()).toBe('lost? no.');
    reopened.close();
  });

  it('refuses a document whose stored history cannot be read, without touching it', () => {
    const store = openStore(tempDir());
    store.appendUpdate('doc-00000001', new Uint8Array([255, 255, 255, 255, 1, 2, 3]), 1);
    const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
    expect(() => replicas.acquire('doc-00000001')).toThrowError(/cannot be read/);
    expect(store.readUpdates('doc-00000001')).toHaveLength(1);
    store.close();
  });

  describe('compaction', () => {
    const typeInto = (replica: { doc: Y.Doc }, words: string[]) => {
      for (const word of words) replica.doc.getText('t').insert(replica.doc.getText('t').length, `${word} `);
    };
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);

    it('merges the log after enough changes, off the typing path, keeping the content identical', () => {
      const dir = tempDir();
      const store = openStore(dir);
      const deferred: Array<() => void> = [];
      const replicas = new Replicas({
        store,
        now: Date.now,
        log: recordingLogger(),
        compaction: { maxRows: 50, maxBytes: 1 << 30 },
        defer: (task) => deferred.push(task),
      });
      const replica = replicas.acquire('doc-00000001');
      typeInto(replica, words(49));
      expect(deferred).toHaveLength(0);
      typeInto(replica, words(1));
      // Typing itself never waits for the merge: it is only scheduled.
      expect(deferred).toHaveLength(1);
      expect(store.readUpdates('doc-00000001')).toHaveLength(50);
      deferred.shift()!();
      expect(store.readUpdates('doc-00000001')).toHaveLength(1);
      typeInto(replica, ['after']);
      const expected = replica.doc.getText('t').toString();
      replicas.release(replica);
      store.close();

      const reopened = AppStore.open(join(dir, 'accord.sqlite'));
      const again = new Replicas({ store: reopened, now: Date.now, log: recordingLogger() }).acquire('doc-00000001');
      expect(again.doc.getText('t').toString()).toBe(expected);
      expect(expected).toContain('w48 w0 after');
      reopened.close();
    });

    it('compacts a long history found on opening, so the next opening reads one update', async () => {
      const dir = tempDir();
      const store = openStore(dir);
      const writer = new Y.Doc();
      writer.on('update', (update: Uint8Array) => store.appendUpdate('doc-00000001', update, 1));
      typeInto({ doc: writer }, words(600));
      const replicas = new Replicas({ store, now: Date.now, log: recordingLogger() });
      const replica = replicas.acquire('doc-00000001');
      await new Promise((resolve) => setImmediate(resolve));
      expect(store.readUpdates('doc-00000001')).toHaveLength(1);
      expect(replica.doc.getText('t').toString()).toBe(writer.getText('t').toString());
      replicas.release(replica);
      store.close();
    });

    it('keeps changes the hub has not confirmed apart, so their count stays true', () => {
      const store = openStore(tempDir());
      const confirmed = new Y.Doc();
      confirmed.on('update', (update: Uint8Array) => store.appendUpdate('doc-00000001', update, 1));
      typeInto({ doc: confirmed }, words(10));
      const hubHolds = Y.decodeStateVector(Y.encodeStateVector(confirmed));
      const replicas = new Replicas({
        store,
        now: Date.now,
        log: recordingLogger(),
        settled: () => (update) => [...Y.parseUpdateMeta(update).to].every(([client, clock]) => (hubHolds.get(client) ?? 0) >= clock),
      });
      const replica = replicas.acquire('doc-00000001');
      typeInto(replica, ['offline', 'edits']);
      expect(replicas.compact('doc-00000001')).toEqual({ before: 12, after: 3 });
      expect(replica.doc.getText('t').toString()).toContain('w9 offline edits');
      const reloaded = new Y.Doc();
      for (const update of store.readUpdates('doc-00000001')) Y.applyUpdate(reloaded, update);
      expect(reloaded.getText('t').toString()).toBe(replica.doc.getText('t').toString());
      replicas.release(replica);
      store.close();
    });
  });
});

describe('rebuilding a document from its hub’s copy after a refused change', () => {
  const tempDir = useTempDirs();

  /** A replica whose first words the hub holds, then a change the hub refused, then more typing. */
  function refusedThenTyped(dir: string) {
    const store = openStore(dir);
    const log = recordingLogger();
    const replicas = new Replicas({ store, now: () => 9, log });
    const replica = replicas.acquire('doc-00000001');
    const text = (doc: Y.Doc) => doc.getText('t');
    text(replica.doc).insert(0, 'The parties agree.');
    const hubState = Y.encodeStateAsUpdate(replica.doc);
    text(replica.doc).insert(11, ' [refused]');
    const base = Y.encodeStateAsUpdate(replica.doc);
    text(replica.doc).insert(21, ' fully');
    return { store, log, replicas, replica, text, hubState, base };
  }

  it('sets the refused change aside on disk, replays what was typed after it, and replaces the log', () => {
    const dir = tempDir();
    const { store, replicas, replica, text, hubState, base } = refusedThenTyped(dir);
    const replaced: string[] = [];
    replicas.onReplaced((id) => replaced.push(id));

    const rebuilt = replicas.rebuild('doc-00000001', hubState, base, 'update of 9 MB (limit 8 MB)');
    expect(rebuilt.words).toBe('[refused]');
    expect(replaced).toEqual(['doc-00000001']);
    expect(text(rebuilt.replica.doc).toString()).toBe('The parties fully agree.');
    // Whoever acquires the document now gets the rebuilt one; the old one is only retired.
    expect(replicas.with('doc-00000001', (r) => r)).toBe(rebuilt.replica);
    expect(store.setAsideChanges('doc-00000001')).toMatchObject([{ reason: 'update of 9 MB (limit 8 MB)', words: '[refused]' }]);
    replicas.release(rebuilt.replica);
    replicas.release(replica);
    store.close();

    // After a restart the document is the rebuilt one, and the set-aside change is still there.
    const reopened = AppStore.open(join(dir, 'accord.sqlite'));
    const again = new Replicas({ store: reopened, now: Date.now, log: recordingLogger() }).acquire('doc-00000001');
    expect(text(again.doc).toString()).toBe('The parties fully agree.');
    const aside = new Y.Doc();
    Y.applyUpdate(aside, hubState);
    Y.applyUpdate(aside, reopened.setAsideChanges('doc-00000001')[0]!.data);
    expect(text(aside).toString()).toBe('The parties [refused] agree.');
    reopened.close();
  });

  it('carries over what a window still writes to the retired replica, and frees it once let go', () => {
    const { store, replicas, replica, text, hubState, base } = refusedThenTyped(tempDir());
    const rebuilt = replicas.rebuild('doc-00000001', hubState, base, 'refused');
    // A keystroke on its way from a window that has not yet reopened the document.
    text(replica.doc).insert(text(replica.doc).length, ' Now.');
    text(replica.doc).insert(text(replica.doc).length, ' Really.');
    expect(text(rebuilt.replica.doc).toString()).toBe('The parties fully agree. Now. Really.');
    expect(store.readUpdates('doc-00000001').length).toBeGreaterThan(1);

    replicas.release(replica);
    expect(replica.doc.isDestroyed).toBe(true);
    expect(replicas.openCount).toBe(1);
    replicas.release(rebuilt.replica);
    expect(replicas.openCount).toBe(0);
    store.close();
  });

  it('frees a retired replica still held when everything closes', () => {
    const { store, replicas, replica, hubState, base } = refusedThenTyped(tempDir());
    const rebuilt = replicas.rebuild('doc-00000001', hubState, base, 'refused');
    replicas.closeAll();
    expect(replica.doc.isDestroyed).toBe(true);
    expect(rebuilt.replica.doc.isDestroyed).toBe(true);
    store.close();
  });

  it('changes nothing when the disk cannot take the rebuilt log', () => {
    const { store, log, replicas, replica, text, hubState, base } = refusedThenTyped(tempDir());
    store.rebuildLog = () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    expect(() => replicas.rebuild('doc-00000001', hubState, base, 'refused')).toThrow(/SQLITE_FULL/);
    expect(replicas.with('doc-00000001', (r) => r)).toBe(replica);
    expect(text(replica.doc).toString()).toBe('The parties [refused] fully agree.');
    expect(log.errors.map((e) => e.event)).not.toContain('replica.rebuilt');
    replicas.release(replica);
    store.close();
  });
});

describe('applying a peer’s update completely', () => {
  it('applies it as a remote change, so Yjs still tells it from local edits', () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'Agreed');
    const doc = new Y.Doc();
    const seen: boolean[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => seen.push(transaction.local));
    expect(applyCompletely(doc, Y.encodeStateAsUpdate(source), 'peer')).toBeNull();
    expect(doc.getText('t').toString()).toBe('Agreed');
    expect(seen).toEqual([false]);
  });

  it('leaves nothing of an update that fails half-way for the log, and says why', () => {
    const doc = new Y.Doc();
    const stored: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (!transaction.meta.has(ABANDONED)) stored.push(update);
    });
    expect(applyCompletely(doc, new Uint8Array([1, 1, 200, 3, 0, 9, 9]), 'peer')).toBeInstanceOf(Error);
    expect(stored).toEqual([]);
  });
});
