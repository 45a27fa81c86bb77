import { $createTextNode, $getRoot } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../electron/services/services';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { readClauseStatuses, setClauseStatus } from '../../../../shared/declaration/clauseStatus';
import { readNegotiationLog } from '../../../../shared/declaration/negotiationLog';
import { $createClauseNode } from '../../../../shared/declaration/nodes';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { $paragraphWith, editDeclaration, paragraphsOf } from './declarationHelpers';
import { createDeclaration, recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';
import { startTestHub, until } from '../hub/hubTestKit';

const SECRETARIAT = { name: 'Sophea', delegation: null, role: 'secretariat' as const };



/** A declaration with two operative paragraphs, written as a delegate would. */
function draft(services: Services, docId: string): void {
  editDeclaration(services, docId, () => {
    const root = $getRoot();
    root.clear();
    const op1 = $createClauseNode('op');
    op1.append($createTextNode('Encourage pilot projects on clean energy;'));
    const op2 = $createClauseNode('op');
    op2.append($createTextNode('Support the exchange of data between cities.'));
    root.append(op1, op2);
  });
}

describe('versions of a declaration', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const app = (dir = tempDir(), now?: () => number) => {
    const services = createServices({ dataDir: dir, version: 'test', log: recordingLogger(), now });
    cleanups.push(() => services.close());
    return services;
  };

  /** The secretariat (A) and a delegate (B) in one meeting on a hub, with A's draft declaration. */
  async function sharedDraft() {
    const hub = await startTestHub(tempDir());
    cleanups.push(() => hub.stop().catch(() => undefined));
    const a = app();
    const meeting = await a.handlers['meetings.create'](SAMPLE_MEETING);
    const secretariat = hub.services.invitations.issue({ meetingId: meeting.id, role: 'secretariat', delegation: null });
    const delegate = hub.services.invitations.issue({ meetingId: meeting.id, role: 'delegate', delegation: 'Ha Noi' });
    await a.handlers['meetings.join']({ hubUrl: hub.running.url, code: secretariat.code, name: 'Sophea' });
    const b = app();
    await b.handlers['meetings.join']({ hubUrl: hub.running.url, code: delegate.code, name: 'Lan' });
    const doc = await a.handlers['documents.create']({ meetingId: meeting.id, title: 'Phnom Penh Declaration' });
    draft(a, doc.id);
    return { hub, a, b, doc };
  }

  it('saves a named version, lists it and opens it read-only as it was', async () => {
    const services = app();
    const docId = await createDeclaration(services);
    draft(services, docId);
    const rev1 = await services.handlers['versions.save']({ documentId: docId, label: 'Rev.1', status: 'ad-referendum' });
    expect(rev1).toMatchObject({ label: 'Rev.1', status: 'ad-referendum', origin: 'saved', author: SECRETARIAT_LOCAL, circulated: null });

    editDeclaration(services, docId, () => $paragraphWith('pilot projects').selectEnd().insertText(' and storage'));
    const list = await services.handlers['versions.list']({ documentId: docId });
    expect(list.map((v) => v.label)).toEqual(['Rev.1']);

    const opened = await services.handlers['versions.open']({ documentId: docId, versionId: rev1.id });
    expect(opened.version.id).toBe(rev1.id);
    expect(opened.editorState).toContain(' pilot projects on clean energy;');
    expect(opened.editorState).not.toContain('and storage');
    expect(paragraphsOf(services, docId)).toContain('and storage');
  });

  it('refuses a version of another document', async () => {
    const services = app();
    const first = await createDeclaration(services);
    const rev = await services.handlers['versions.save']({ documentId: first, label: 'Rev.1', status: 'draft' });
    const meeting = (await services.handlers['meetings.list']({}))[0]!;
    const other = await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Agenda note' });
    expect(() => services.handlers['versions.open']({ documentId: other.id, versionId: rev.id })).toThrowError(/not stored/);
  });

  it('restores a version as a new change, after keeping what it replaces, with statuses as they were', async () => {
    const services = app();
    const docId = await createDeclaration(services);
    draft(services, docId);
    const rev1 = await services.handlers['versions.save']({ documentId: docId, label: 'Rev.1', status: 'draft' });
    const firstOp = services.replicas!.with(docId, (replica) =>
      openHeadlessDeclaration(replica.doc).editor.getEditorState().read(() => {
        const node = $paragraphWith('pilot projects');
        return (node as unknown as { getClauseId(): string }).getClauseId();
      }),
    );
    editDeclaration(services, docId, () => {
      $paragraphWith('exchange of data').remove();
      $paragraphWith('pilot projects').selectEnd().insertText(' by 2030');
    });
    const { meetingId } = await services.handlers['documents.get']({ documentId: docId });
    const secretariatDoc = secretariatDocId(meetingId);
    services.replicas!.with(secretariatDoc, (replica) => setClauseStatus(replica.doc, docId, firstOp, { status: 'agreed', by: SECRETARIAT, at: 5, fingerprint: 'words since changed' }));

    const result = await services.handlers['versions.restore']({ documentId: docId, versionId: rev1.id });
    expect(paragraphsOf(services, docId)).toBe('Encourage pilot projects on clean energy;\nSupport the exchange of data between cities.');
    expect(result).toMatchObject({ safetyVersion: { origin: 'before-restore', label: 'Before restoring Rev.1' }, statusesRestored: 1 });
    services.replicas!.with(secretariatDoc, (replica) => {
      expect(readClauseStatuses(replica.doc, docId).get(firstOp)).toBeUndefined();
      expect(readNegotiationLog(replica.doc, docId).at(-1)).toMatchObject({ type: 'version-restored', label: 'Rev.1', safetyVersionId: result.safetyVersion.id });
    });
    // Nothing was rewritten: the replaced text is a version of its own.
    const safety = await services.handlers['versions.open']({ documentId: docId, versionId: result.safetyVersion.id });
    expect(safety.editorState).toContain('by 2030');
    expect((await services.handlers['versions.list']({ documentId: docId })).map((v) => v.origin)).toEqual(['saved', 'before-restore']);
  });

  it('keeps one automatic version the first time a document is opened on a day, when it changed', async () => {
    let clock = Date.parse('2026-11-20T09:00:00Z');
    const services = app(tempDir(), () => clock);
    const docId = await createDeclaration(services);
    draft(services, docId);
    await services.handlers['documents.get']({ documentId: docId });
    expect(await services.handlers['versions.list']({ documentId: docId })).toEqual([]);

    clock = Date.parse('2026-11-21T09:00:00Z');
    await services.handlers['documents.get']({ documentId: docId });
    await services.handlers['documents.get']({ documentId: docId });
    const versions = await services.handlers['versions.list']({ documentId: docId });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ origin: 'daily', status: 'draft' });

    clock = Date.parse('2026-11-22T09:00:00Z');
    await services.handlers['documents.get']({ documentId: docId });
    expect(await services.handlers['versions.list']({ documentId: docId })).toHaveLength(1);
    editDeclaration(services, docId, () => $paragraphWith('pilot projects').selectEnd().insertText(' now'));
    clock = Date.parse('2026-11-23T09:00:00Z');
    await services.handlers['documents.get']({ documentId: docId });
    expect(await services.handlers['versions.list']({ documentId: docId })).toHaveLength(2);
  });

  it('compares a version with the current text paragraph by paragraph', async () => {
    const services = app();
    const docId = await createDeclaration(services);
    draft(services, docId);
    editDeclaration(services, docId, () => {
      const op3 = $createClauseNode('op');
      op3.append($createTextNode('Report on progress at the next meeting.'));
      $getRoot().append(op3);
    });
    const rev1 = await services.handlers['versions.save']({ documentId: docId, label: 'Rev.1', status: 'draft' });
    editDeclaration(services, docId, () => {
      const moved = $paragraphWith('Report on progress');
      $getRoot().getFirstChildOrThrow().insertBefore(moved);
      $paragraphWith('pilot projects').selectEnd().insertText(' and storage');
    });
    const { comparison } = await services.handlers['versions.compare']({ documentId: docId, before: rev1.id, after: 'current' });
    const moved = comparison.paragraphs.find((p) => p.after?.text.startsWith('Report'));
    expect(moved).toMatchObject({ change: 'unchanged', moved: true, before: { label: 'OP3' }, after: { label: 'OP1' } });
    expect(comparison.counts).toMatchObject({ moved: 1, edited: 1, added: 0, removed: 0 });
    const edited = comparison.paragraphs.find((p) => p.after?.text.startsWith('Encourage'));
    expect(edited?.change).toBe('edited');
    expect(edited?.words.filter((w) => w.op === 'insert').map((w) => w.text.trim())).toEqual(['and storage']);
  });

  it('circulates a version to every participant, who can open it with the hub gone', async () => {
    const { hub, a, b, doc } = await sharedDraft();
    const rev2 = await a.handlers['versions.save']({ documentId: doc.id, label: 'Rev.2', status: 'ad-referendum' });
    await until(() => paragraphsOf(b, doc.id).includes('pilot projects'), 'B has the draft');
    // A delegate may not circulate, and nothing reaches anyone when they try.
    const own = await b.handlers['versions.save']({ documentId: doc.id, label: 'My notes', status: 'draft' });
    expect(() => b.handlers['versions.circulate']({ documentId: doc.id, versionId: own.id })).toThrowError(/Only the secretariat/);

    const circulated = await a.handlers['versions.circulate']({ documentId: doc.id, versionId: rev2.id });
    expect(circulated.circulated?.by).toMatchObject({ name: 'Sophea', role: 'secretariat' });
    const listed = async () => (await b.handlers['versions.list']({ documentId: doc.id })).find((v) => v.id === rev2.id);
    let seen: Awaited<ReturnType<typeof listed>>;
    await until(() => {
      void listed().then((v) => (seen = v));
      return seen !== undefined;
    }, 'B lists Rev.2');
    expect(seen).toMatchObject({ label: 'Rev.2', status: 'ad-referendum', author: { name: 'Sophea' } });

    await hub.stop();
    editDeclaration(a, doc.id, () => $paragraphWith('pilot projects').selectEnd().insertText(' later'));
    const opened = await b.handlers['versions.open']({ documentId: doc.id, versionId: rev2.id });
    expect(opened.editorState).toContain(' pilot projects on clean energy;');
  });

  it('sends a restore to the other participants as an ordinary change', async () => {
    const { a, b, doc } = await sharedDraft();
    const rev1 = await a.handlers['versions.save']({ documentId: doc.id, label: 'Rev.1', status: 'draft' });
    editDeclaration(a, doc.id, () => $paragraphWith('exchange of data').remove());
    await until(() => paragraphsOf(b, doc.id) === 'Encourage pilot projects on clean energy;', 'B has the shortened draft');

    const mine = await b.handlers['versions.save']({ documentId: doc.id, label: 'Mine', status: 'draft' });
    expect(() => b.handlers['versions.restore']({ documentId: doc.id, versionId: mine.id })).toThrowError(/Only the secretariat/);

    await a.handlers['versions.restore']({ documentId: doc.id, versionId: rev1.id });
    await until(() => paragraphsOf(b, doc.id).includes('Support the exchange of data between cities.'), 'B sees Rev.1 restored');
    expect(paragraphsOf(b, doc.id)).toBe(paragraphsOf(a, doc.id));
  });
});

const SECRETARIAT_LOCAL = { name: 'Secretariat', delegation: null, role: 'secretariat' };
