import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, type LexicalEditor } from 'lexical';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createConnection } from '../../../../electron/api/connection';
import { createServices, type Services } from '../../../../electron/services/services';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import type { MeetingParticipant, MeetingSyncStatus } from '../../../../shared/model/meeting';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, type TestHub, until } from '../hub/hubTestKit';

/** Reads a declaration's text as a window would see it, through a headless editor on main's replica. */
function textOf(services: Services, docId: string): string {
  return services.replicas!.with(docId, (replica) => {
    const reader = openHeadlessDeclaration(replica.doc);
    const text = reader.editor.getEditorState().read(() => $getRoot().getTextContent());
    reader.dispose();
    return text;
  });
}

function type(services: Services, docId: string, edit: (editor: LexicalEditor) => void): void {
  services.replicas!.with(docId, (replica) => {
    const writer = openHeadlessDeclaration(replica.doc);
    writer.update(() => edit(writer.editor));
    writer.dispose();
  });
}

const $paragraphWith = (text: string) => {
  const found = $getRoot()
    .getChildren()
    .find((node) => node.getTextContent().includes(text));
  if (!$isElementNode(found)) throw new Error(`no paragraph with “${text}”`);
  return found;
};

const appendParagraph = (text: string) => () => {
  const p = $createParagraphNode();
  p.append($createTextNode(text));
  $getRoot().append(p);
};

describe('meetings shared through a hub', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const app = (dir = tempDir()) => {
    const services = createServices({ dataDir: dir, version: 'test', log: recordingLogger() });
    cleanups.push(() => services.close());
    return { services, dir };
  };
  const hubAt = async (dir: string, port?: number): Promise<TestHub> => {
    const hub = await startTestHub(dir, { port });
    cleanups.push(() => hub.stop().catch(() => undefined));
    return hub;
  };
  const status = (services: Services, meetingId: string) =>
    services.handlers['meetings.syncStatus']({ meetingId }) as MeetingSyncStatus | null;

  async function meetingOnHub() {
    const hubDir = tempDir();
    const hub = await hubAt(hubDir);
    const a = app();
    const meeting = await a.services.handlers['meetings.create'](SAMPLE_MEETING);
    const secretariat = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null });
    const delegate = hub.services.invitations.issue({ meetingId: meeting.id, role: 'delegate', delegation: 'Ha Noi' });
    await a.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: secretariat.code, name: 'Secretariat' });
    const b = app();
    const joined = await b.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: delegate.code, name: 'Ha Noi delegate' });
    expect(joined).toMatchObject({ id: meeting.id, title: SAMPLE_MEETING.title });
    return { hub, hubDir, a, b, meetingId: meeting.id };
  }

  it('brings a declaration written by one delegation to another, and says when the hub has it all', async () => {
    const { a, b, meetingId } = await meetingOnHub();
    const doc = await a.services.handlers['documents.create']({ meetingId, title: 'Draft declaration' });
    type(a.services, doc.id, appendParagraph('Recognizing the role of capital cities,'));
    await until(() => textOf(b.services, doc.id).includes('Recognizing the role of capital cities,'), 'B has A’s paragraph');
    expect((await b.services.handlers['meetings.get']({ meetingId })).documents.map((d) => d.title)).toEqual(['Draft declaration']);
    await until(() => status(a.services, meetingId)?.unconfirmed === 0, 'the hub confirmed everything');
    expect(status(a.services, meetingId)).toMatchObject({ state: 'online', role: 'secretariat', unconfirmed: 0 });
    expect(status(b.services, meetingId)).toMatchObject({ role: 'delegate', delegation: 'Ha Noi' });
  });

  it('lists everyone who joined, and who is connected right now', async () => {
    const { a, b, meetingId } = await meetingOnHub();
    const roster = (services: Services) => services.handlers['meetings.participants']({ meetingId }) as MeetingParticipant[];
    await until(() => roster(a.services).filter((p) => p.online).length === 2, 'both are online at A');
    expect(roster(a.services)).toEqual([
      { name: 'Secretariat', role: 'secretariat', delegation: null, online: true, self: true },
      { name: 'Ha Noi delegate', role: 'delegate', delegation: 'Ha Noi', online: true, self: false },
    ]);
    b.services.close();
    await until(() => roster(a.services).find((p) => p.delegation === 'Ha Noi')?.online === false, 'B shows as not connected');
  });

  it('keeps offline edits through a restart and merges everyone’s when the hub is back', async () => {
    const { hub, hubDir, a, b, meetingId } = await meetingOnHub();
    const doc = await a.services.handlers['documents.create']({ meetingId, title: 'Draft declaration' });
    type(a.services, doc.id, appendParagraph('Hereby agree to:'));
    await until(() => textOf(b.services, doc.id).includes('Hereby agree to:'), 'B has the draft');
    const port = hub.running.port;
    await hub.stop();
    await until(() => status(a.services, meetingId)?.state === 'offline' || status(a.services, meetingId)?.state === 'connecting', 'A sees the hub gone');

    // Both edit offline: the same paragraph and different ones.
    type(a.services, doc.id, () => $paragraphWith('Hereby agree to:').selectEnd().insertText(' strengthen cooperation'));
    type(b.services, doc.id, () => $paragraphWith('Hereby agree to:').selectStart().insertText('[OP] '));
    type(b.services, doc.id, appendParagraph('Encourage pilot projects;'));
    expect(status(a.services, meetingId)!.unconfirmed).toBeGreaterThan(0);

    expect(textOf(a.services, doc.id)).toContain('Hereby agree to: strengthen cooperation');
    // A restarts while still offline: its edits and its count of unconfirmed changes survive.
    a.services.close();
    const a2 = app(a.dir);
    expect(textOf(a2.services, doc.id)).toContain('Hereby agree to: strengthen cooperation');
    expect(status(a2.services, meetingId)!.unconfirmed).toBeGreaterThan(0);

    await hubAt(hubDir, port);
    const expected = ['[OP] ', 'Hereby agree to:', ' strengthen cooperation', 'Encourage pilot projects;'];
    await until(() => expected.every((part) => textOf(a2.services, doc.id).includes(part)), 'A has everything', 15_000);
    await until(() => textOf(b.services, doc.id) === textOf(a2.services, doc.id), 'B and A agree', 15_000);
    await until(() => status(a2.services, meetingId)?.unconfirmed === 0, 'the hub confirmed A’s offline edits', 15_000);
  }, 60_000);

  it('counts a window’s later edits made offline as not yet on the hub', async () => {
    const { hub, a, meetingId } = await meetingOnHub();
    const doc = await a.services.handlers['documents.create']({ meetingId, title: 'Draft declaration' });
    const connection = createConnection(a.services, () => undefined, recordingLogger());
    cleanups.push(() => connection.close());
    connection.receive({ t: 'sync-open', doc: doc.id, stream: 1 });
    // One window, one Yjs client: its second edit continues its clock rather than starting at 0.
    const windowDoc = new Y.Doc();
    const send = (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      connection.receive({ t: 'sync', doc: doc.id, stream: 1, data: encoding.toUint8Array(encoder) });
    };
    windowDoc.on('update', send);
    windowDoc.getText('probe').insert(0, 'Recognizing');
    await until(() => status(a.services, meetingId)?.unconfirmed === 0, 'the first edit is confirmed');
    await hub.stop();
    windowDoc.getText('probe').insert(11, ' the role of cities');
    expect(status(a.services, meetingId)?.unconfirmed).toBe(1);
  });

  it('refuses to join with an unknown code, saying what to do', async () => {
    const hub = await hubAt(tempDir());
    const a = app();
    await expect(a.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: 'AAAA-BBBB-CCCC-DDDD', name: 'Me' })).rejects.toThrow(
      /does not know this invitation code.*Ask the secretariat/,
    );
    await expect(a.services.handlers['meetings.join']({ hubUrl: hub.running.url, code: 'hello', name: 'Me' })).rejects.toThrow(/not an invitation code/);
  });
});
