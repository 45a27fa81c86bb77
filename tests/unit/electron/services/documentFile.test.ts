import { $createTextNode, $getRoot } from 'lexical';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createServices } from '../../../../electron/services/services';
import { $createClauseNode } from '../../../../shared/declaration/nodes';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { $paragraphWith, editDeclaration, paragraphsOf } from './declarationHelpers';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';


const appendOp = (text: string) => () => {
  const op = $createClauseNode('op');
  op.append($createTextNode(text));
  $getRoot().append(op);
};


describe('hand-carried .accord files', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  const app = () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger() });
    cleanups.push(() => services.close());
    return services;
  };

  /** Laptop A's meeting and declaration, carried to laptop B, which has its own copy of the meeting. */
  async function twoLaptops() {
    const a = app();
    const meeting = await a.handlers['meetings.create'](SAMPLE_MEETING);
    const doc = await a.handlers['documents.create']({ meetingId: meeting.id, title: 'Phnom Penh Declaration' });
    editDeclaration(a, doc.id, appendOp('Encourage pilot projects on clean energy;'));
    await a.handlers['versions.save']({ documentId: doc.id, label: 'Rev.1', status: 'draft' });
    const b = app();
    const bMeeting = await b.handlers['meetings.create'](SAMPLE_MEETING);
    return { a, b, docId: doc.id, meetingId: meeting.id, bMeetingId: bMeeting.id };
  }

  it('brings a document with its versions to another laptop', async () => {
    const { a, b, docId, bMeetingId } = await twoLaptops();
    const file = await a.handlers['documents.exportFile']({ documentId: docId });
    expect(file.fileName).toBe('Phnom Penh Declaration.accord');

    const result = await b.handlers['documents.importFile']({ meetingId: bMeetingId, fileName: file.fileName, content: file.content });
    expect(result).toMatchObject({ documentId: docId, meetingId: bMeetingId, title: 'Phnom Penh Declaration', created: true, versionsAdded: 1 });
    expect(paragraphsOf(b, docId)).toBe(paragraphsOf(a, docId));
    expect((await b.handlers['meetings.get']({ meetingId: bMeetingId })).documents.map((d) => d.title)).toEqual(['Phnom Penh Declaration']);
    const versions = await b.handlers['versions.list']({ documentId: docId });
    expect(versions.map((v) => v.label)).toEqual(['Rev.1']);
    expect((await b.handlers['versions.open']({ documentId: docId, versionId: versions[0]!.id })).editorState).toContain('pilot projects');
  });

  it('merges the same document edited apart on two laptops, losing neither side', async () => {
    const { a, b, docId, meetingId, bMeetingId } = await twoLaptops();
    const first = await a.handlers['documents.exportFile']({ documentId: docId });
    await b.handlers['documents.importFile']({ meetingId: bMeetingId, fileName: first.fileName, content: first.content });

    // Apart: A edits one paragraph and adds one, B edits the same paragraph elsewhere and adds another.
    editDeclaration(a, docId, () => $paragraphWith('pilot projects').selectEnd().insertText(' and storage'));
    editDeclaration(a, docId, appendOp('Report on progress at the next meeting.'));
    editDeclaration(b, docId, () => $paragraphWith('pilot projects').selectStart().insertText('Strongly '));
    editDeclaration(b, docId, appendOp('Support the exchange of data between cities.'));
    await b.handlers['versions.save']({ documentId: docId, label: 'Ha Noi comments', status: 'draft' });

    const back = await b.handlers['documents.exportFile']({ documentId: docId });
    const result = await a.handlers['documents.importFile']({ meetingId, fileName: back.fileName, content: back.content });
    expect(result).toMatchObject({ created: false, changed: true, versionsAdded: 1 });
    const merged = paragraphsOf(a, docId);
    expect(merged).toContain('Strongly');
    expect(merged).toContain('pilot projects on clean energy; and storage');
    expect(merged).toContain('Report on progress at the next meeting.');
    expect(merged).toContain('Support the exchange of data between cities.');
    // The copy held before the import is kept as a version, and nothing of the file was lost.
    const labels = (await a.handlers['versions.list']({ documentId: docId })).map((v) => `${v.origin}:${v.label}`);
    // Listed by when each was saved: B's version predates A's import of it.
    expect(labels).toEqual(['saved:Rev.1', 'saved:Ha Noi comments', 'before-import:Before importing Phnom Penh Declaration']);

    // Importing the same file again changes nothing and adds nothing.
    const again = await a.handlers['documents.importFile']({ meetingId, fileName: back.fileName, content: back.content });
    expect(again).toMatchObject({ changed: false, versionsAdded: 0 });
    expect(paragraphsOf(a, docId)).toBe(merged);
  });

  describe('refuses a damaged or foreign file and changes nothing', () => {
    const damaged: Array<[string, (content: string) => string, RegExp]> = [
      ['cut short', (c) => c.slice(0, Math.floor(c.length / 2)), /not an Accord document file.*cut short/],
      ['another program’s JSON', () => JSON.stringify({ name: 'package', version: '1.0.0' }), /not an Accord document file/],
      ['a picture', () => '\u0089PNG\r\n\u001a\n', /not an Accord document file/],
      ['from a newer Accord', (c) => c.replace('"formatVersion":1', '"formatVersion":7'), /newer version of Accord/],
      [
        'with a flipped byte in the text',
        (c) => {
          const file = JSON.parse(c) as { state: { base64: string } };
          const bytes = Buffer.from(file.state.base64, 'base64');
          bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
          file.state.base64 = bytes.toString('base64');
          return JSON.stringify(file);
        },
        /damaged.*checksum/,
      ],
      [
        'whose checksum was forged over garbage',
        (c) => {
          const file = JSON.parse(c) as { versions: Array<{ state: { base64: string; sha256: string } }> };
          const garbage = Buffer.from([255, 255, 255, 255, 9, 9, 9]);
          file.versions[0]!.state = { base64: garbage.toString('base64'), sha256: createHash('sha256').update(garbage).digest('hex') };
          return JSON.stringify(file);
        },
        /damaged: version “Rev.1” cannot be read/,
      ],
      ['missing its document', (c) => JSON.stringify({ ...JSON.parse(c), document: undefined }), /damaged \(document/],
      [
        'that names a meeting’s secretariat doc as its document',
        (c) => {
          const file = JSON.parse(c) as { document: { id: string; meetingId: string } };
          file.document.id = secretariatDocId(file.document.meetingId);
          return JSON.stringify(file);
        },
        /reserves for a meeting’s secretariat/,
      ],
    ];

    for (const [what, damage, message] of damaged) {
      it(what, async () => {
        const { a, b, docId, meetingId, bMeetingId } = await twoLaptops();
        const good = await a.handlers['documents.exportFile']({ documentId: docId });
        editDeclaration(a, docId, appendOp('Kept safe.'));
        const stateBefore = a.replicas!.with(docId, (replica) => Y.encodeStateAsUpdate(replica.doc));
        const bad = damage(good.content);
        expect(() => a.handlers['documents.importFile']({ meetingId, fileName: 'x.accord', content: bad })).toThrowError(message);
        expect(() => b.handlers['documents.importFile']({ meetingId: bMeetingId, fileName: 'x.accord', content: bad })).toThrowError(
          /Nothing has been changed/,
        );
        expect(a.replicas!.with(docId, (replica) => Y.encodeStateAsUpdate(replica.doc))).toEqual(stateBefore);
        expect(await a.handlers['versions.list']({ documentId: docId })).toHaveLength(1);
        expect((await b.handlers['meetings.get']({ meetingId: bMeetingId })).documents).toEqual([]);
      });
    }
  });
});
