import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClientOwners, recordClientOwners } from '../../../../shared/model/clientOwners';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { useTempDirs } from '../../helpers';
import { startTestHub, stockClient, type TestHub, until } from './hubTestKit';

const MEETING = 'meeting-0000-phnom-penh';
const DOC = 'declaration-0000-phnom-penh';

describe('a meeting moved here, with its record of owners', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const client = (h: TestHub, room: string, code: string, doc?: Y.Doc) => {
    const c = stockClient(h.running.url, room, code, doc);
    cleanups.push(() => c.destroy());
    return c;
  };

  it('keeps a delegate’s words written after another delegation’s that have not arrived yet, and stores them once that delegation sends its own', async () => {
    const h = await startTestHub(tempDir());
    cleanups.push(() => h.stop());
    const issue = (role: 'secretariat' | 'delegate', delegation: string | null) => h.services.invitations.issue({ meetingId: MEETING, role, delegation }).code;
    const body = (doc: Y.Doc) => doc.getText('body');

    // At the hub the meeting moved from: Hanoi wrote, Manila read it and wrote after it. The
    // secretariat had left that hub before; its record names Hanoi's client id.
    const hanoiDoc = new Y.Doc();
    body(hanoiDoc).insert(0, 'Hanoi proposes a river fund; ');
    const manilaDoc = new Y.Doc();
    Y.applyUpdate(manilaDoc, Y.encodeStateAsUpdate(hanoiDoc));
    body(manilaDoc).insert(body(manilaDoc).length, 'Manila seconds it.');

    const secretariat = client(h, `secretariat/${MEETING}`, issue('secretariat', null));
    await until(() => secretariat.provider.synced, 'the secretariat is in its room');
    recordClientOwners(secretariat.doc, [[hanoiDoc.clientID, { role: 'delegate', delegation: 'Hanoi' }]]);
    await until(
      () => h.services.store.getDoc(secretariatDocId(MEETING)) !== undefined && h.services.replicas.with(secretariatDocId(MEETING), (r) => readClientOwners(r.doc).size) > 0,
      'the hub has the record',
    );

    // Manila follows first: Hanoi's words are Hanoi's to send, and Manila's wait for them.
    const manila = client(h, `doc/${MEETING}/${DOC}`, issue('delegate', 'Manila'), manilaDoc);
    await until(() => manila.provider.synced, 'Manila is synced');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.log.errors.filter((e) => e.event === 'hub.update-denied')).toEqual([]);

    client(h, `doc/${MEETING}/${DOC}`, issue('delegate', 'Hanoi'), hanoiDoc);
    const held = () => h.services.replicas.with(DOC, (r) => body(r.doc).toString());
    await until(() => held() === 'Hanoi proposes a river fund; Manila seconds it.', 'both delegations’ words are stored');
  });
});
