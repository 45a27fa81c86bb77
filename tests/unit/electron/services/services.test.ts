import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../../shared/api/errors';
import { createServices, DATABASE_FILE } from '../../../../electron/services/services';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { recordingLogger, SAMPLE_MEETING, sequentialIds, useTempDirs } from '../../helpers';

const meeting = SAMPLE_MEETING;

describe('services', () => {
  const tempDir = useTempDirs();
  const open = (dataDir: string) =>
    createServices({ dataDir, version: 'test', log: recordingLogger(), newId: sequentialIds(), now: () => 1_700_000_000_000 });

  it('keeps meetings and their declarations across a restart', async () => {
    const dir = tempDir();
    const first = open(dir);
    const created = await first.handlers['meetings.create'](meeting);
    const doc = await first.handlers['documents.create']({ meetingId: created.id, title: 'Draft declaration' });
    await first.handlers['documents.rename']({ documentId: doc.id, title: 'Phnom Penh Declaration' });
    first.close();

    const second = createServices({ dataDir: dir, version: 'test', log: recordingLogger() });
    expect(await second.handlers['meetings.list']({})).toEqual([{ ...created, sharing: 'local', hubUrl: null, role: 'secretariat', delegation: null, status: null }]);
    const detail = await second.handlers['meetings.get']({ meetingId: created.id });
    expect(detail.documents.map((d) => d.title)).toEqual(['Phnom Penh Declaration']);
    expect(await second.handlers['documents.get']({ documentId: doc.id })).toMatchObject({
      title: 'Phnom Penh Declaration',
      meetingTitle: meeting.title,
    });
    second.close();
  });

  it('gives each new declaration of a meeting its own title', async () => {
    const services = open(tempDir());
    const { id } = await services.handlers['meetings.create'](meeting);
    const titles = [];
    for (let i = 0; i < 3; i += 1) titles.push((await services.handlers['documents.create']({ meetingId: id, title: 'Draft declaration' })).title);
    expect(titles).toEqual(['Draft declaration', 'Draft declaration 2', 'Draft declaration 3']);
    services.close();
  });

  it('seeds a new declaration with one empty paragraph, stored before anyone opens it', async () => {
    const services = open(tempDir());
    const { id } = await services.handlers['meetings.create'](meeting);
    const doc = await services.handlers['documents.create']({ meetingId: id, title: 'Draft declaration' });
    const children = services.replicas!.with(doc.id, (replica) => {
      const reader = openHeadlessDeclaration(replica.doc);
      const json = reader.editor.getEditorState().toJSON();
      reader.dispose();
      return json.root.children;
    });
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ type: 'accord-block', kind: 'paragraph', children: [] });
    services.close();
  });

  it('answers unknown meetings and documents with not_found', async () => {
    const services = open(tempDir());
    await expect(async () => services.handlers['meetings.get']({ meetingId: 'missing-0001' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(async () => services.handlers['documents.get']({ documentId: 'missing-0001' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(async () => services.handlers['documents.create']({ meetingId: 'missing-0001', title: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    services.close();
  });

  it('remembers the interface language, and your own name and delegation, each changed alone', async () => {
    const dir = tempDir();
    const first = open(dir);
    expect(await first.handlers['settings.get']({})).toEqual({ language: 'en', name: '', delegation: '' });
    await first.handlers['settings.update']({ language: 'vi' });
    await first.handlers['settings.update']({ name: 'Sophea Chan', delegation: 'ASCN Secretariat' });
    first.close();
    const second = open(dir);
    expect(await second.handlers['settings.get']({})).toEqual({ language: 'vi', name: 'Sophea Chan', delegation: 'ASCN Secretariat' });
    // In a meeting of this computer's own, you are its secretariat under your own name.
    const meeting = await second.handlers['meetings.create'](SAMPLE_MEETING);
    const document = await second.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft' });
    const version = await second.handlers['versions.save']({ documentId: document.id, label: 'Rev.1', status: 'draft' });
    expect(version.author).toEqual({ name: 'Sophea Chan', delegation: 'ASCN Secretariat', role: 'secretariat' });
    second.close();
  });

  it('reports an unreadable database with its file name and refuses every other request', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), 'not a database');
    const services = open(dir);
    const status = await services.handlers['app.status']({});
    expect(status).toMatchObject({ state: 'failed', error: { code: 'storage_unavailable', file: join(dir, DATABASE_FILE) } });
    expect(() => services.handlers['meetings.list']({})).toThrow(AccordError);
    expect(services.replicas).toBeNull();
  });
});

describe('a meeting whose stored history cannot be read', () => {
  const tempDir = useTempDirs();

  it('is left out of the list, and the other meetings are still listed', async () => {
    const dir = tempDir();
    const services = createServices({ dataDir: dir, version: 'test', log: recordingLogger(), newId: sequentialIds() });
    const good = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const bad = await services.handlers['meetings.create']({ ...SAMPLE_MEETING, title: 'Damaged' });
    services.close();
    const raw = new Database(join(dir, DATABASE_FILE));
    // Its particulars are in its secretariat doc; its own doc holds nothing yet.
    const damaged = raw.prepare('UPDATE updates SET data = ? WHERE doc_id IN (?, ?)').run(Buffer.from([255, 255, 255, 255, 1, 2, 3]), bad.id, secretariatDocId(bad.id));
    expect(damaged.changes).toBeGreaterThan(0);
    raw.close();
    const again = createServices({ dataDir: dir, version: 'test', log: recordingLogger() });
    expect((await again.handlers['meetings.list']({})).map((m) => m.id)).toEqual([good.id]);
    again.close();
  });
});
