import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorshipOf, readClientOwners, recordClientOwners, writersOf } from '../../../../shared/model/clientOwners';

describe('who wrote what, as the hub records it', () => {
  const owners = new Map([
    [11, { role: 'delegate' as const, delegation: 'Manila' }],
    [12, { role: 'secretariat' as const, delegation: null }],
  ]);

  it('verifies a claim its writer’s owner matches, and marks one it contradicts', () => {
    expect(authorshipOf({ role: 'delegate', delegation: 'Manila' }, 11, owners)).toBe('verified');
    expect(authorshipOf({ role: 'delegate', delegation: 'Hanoi' }, 11, owners)).toBe('unverified');
    // A delegation claiming to be the secretariat (a roster entry, an "agreed by Chair").
    expect(authorshipOf({ role: 'secretariat', delegation: null }, 11, owners)).toBe('unverified');
  });

  it('says nothing of words no hub has recorded, nor of the secretariat relaying a delegation’s', () => {
    expect(authorshipOf({ role: 'delegate', delegation: 'Hanoi' }, 99, owners)).toBe('unknown');
    expect(authorshipOf({ role: 'delegate', delegation: 'Hanoi' }, null, owners)).toBe('unknown');
    expect(authorshipOf({ role: 'delegate', delegation: 'Hanoi' }, 12, owners)).toBe('unknown');
  });

  it('keeps the first owner recorded for a client id, and reads the writers of a list', () => {
    const doc = new Y.Doc();
    recordClientOwners(doc, [[11, { role: 'delegate', delegation: 'Manila' }]]);
    recordClientOwners(doc, [[11, { role: 'delegate', delegation: 'Hanoi' }]]);
    expect(readClientOwners(doc)).toEqual(new Map([[11, { role: 'delegate', delegation: 'Manila' }]]));

    const a = new Y.Doc();
    a.clientID = 5;
    a.getArray('list').push(['first']);
    const b = new Y.Doc();
    b.clientID = 6;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getArray('list').push(['second', 'third']);
    expect(writersOf(b.getArray('list'))).toEqual([
      { value: 'first', writer: 5 },
      { value: 'second', writer: 6 },
      { value: 'third', writer: 6 },
    ]);
  });
});
