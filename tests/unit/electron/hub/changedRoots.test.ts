import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changedRoots, UNPLACED } from '../../../../electron/hub/changedRoots';

/** A hub's copy and a client's copy of one document, in step. */
function pair() {
  const hub = new Y.Doc();
  const client = new Y.Doc();
  const sync = () => Y.applyUpdate(client, Y.encodeStateAsUpdate(hub));
  return { hub, client, sync };
}

/** What the client changes in `edit`, as the update it would send. */
function edit(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change();
  return Y.encodeStateAsUpdate(client, before);
}

describe('which parts of a document an update changes', () => {
  it('typing into the text touches only the text, wherever in it the words go', () => {
    const { hub, client, sync } = pair();
    hub.getText('root').insert(0, 'Recognizing the role of cities');
    hub.getMap('clauseStatus').set('c1', 'agreed');
    sync();
    const update = edit(client, () => client.getText('root').insert(12, ' important'));
    expect(changedRoots(hub, update)).toEqual(new Set(['root']));
  });

  it('setting or clearing a paragraph status is seen as a change to the statuses', () => {
    const { hub, client, sync } = pair();
    hub.getMap('clauseStatus').set('c1', 'open');
    sync();
    expect(changedRoots(hub, edit(client, () => client.getMap('clauseStatus').set('c1', 'agreed')))).toEqual(new Set(['clauseStatus']));
    const { hub: hub2, client: client2, sync: sync2 } = pair();
    hub2.getMap('clauseStatus').set('c1', 'open');
    sync2();
    expect(changedRoots(hub2, edit(client2, () => client2.getMap('clauseStatus').delete('c1')))).toEqual(new Set(['clauseStatus']));
  });

  it('a change deep inside a nested map is attributed to its top-level map', () => {
    const { hub, client, sync } = pair();
    const entry = new Y.Map<unknown>();
    hub.getMap('templates').set('t1', entry);
    entry.set('title', 'Urban heat');
    sync();
    const nested = client.getMap('templates').get('t1') as Y.Map<unknown>;
    expect(changedRoots(hub, edit(client, () => nested.set('title', 'Extreme heat')))).toEqual(new Set(['templates']));
    // A nested type created and filled in the same update.
    const fresh = edit(client, () => {
      const inner = new Y.Map<unknown>();
      client.getMap('templates').set('t2', inner);
      inner.set('title', 'Flood shelters');
    });
    expect(changedRoots(hub, fresh)).toEqual(new Set(['templates']));
  });

  it('deleting words from the text touches only the text', () => {
    const { hub, client, sync } = pair();
    hub.getText('root').insert(0, 'Reaffirm our shared commitment');
    sync();
    expect(changedRoots(hub, edit(client, () => client.getText('root').delete(0, 9)))).toEqual(new Set(['root']));
  });

  it('an offline session touching the text and the statuses reports both', () => {
    const { hub, client, sync } = pair();
    sync();
    const update = edit(client, () => {
      client.getText('root').insert(0, 'Encourage');
      client.getMap('clauseStatus').set('c2', 'agreed');
    });
    expect(changedRoots(hub, update)).toEqual(new Set(['root', 'clauseStatus']));
  });

  it('a change next to items nobody has sent cannot be placed', () => {
    const { hub, client } = pair();
    client.getText('root').insert(0, 'first');
    const second = edit(client, () => client.getText('root').insert(5, ' second'));
    expect(changedRoots(hub, second)).toEqual(new Set([UNPLACED]));
  });
});
