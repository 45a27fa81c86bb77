import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/storage/logger';
import { createServices } from '../../../../electron/services/services';
import { SAMPLE_MEETING, useTempDirs } from '../../helpers';

describe('the bin and the archive', () => {
  const tempDir = useTempDirs();

  it('a meeting or a document moved to the bin leaves the lists, keeps every word, and comes back whole after a restart', async () => {
    const dir = tempDir();
    let services = createServices({ dataDir: dir, version: 'test', log: silentLogger });
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const other = await services.handlers['meetings.create']({ ...SAMPLE_MEETING, title: 'Meeting of ASEAN Ministers' });
    const document = await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' });
    services.replicas!.with(document.id, (r) => r.doc.getText('kept').insert(0, 'Every word'));

    await services.handlers['bin.put']({ id: document.id });
    await services.handlers['bin.put']({ id: other.id });
    expect((await services.handlers['meetings.list']({})).map((m) => m.title)).toEqual([SAMPLE_MEETING.title]);
    expect((await services.handlers['meetings.get']({ meetingId: meeting.id })).documents).toEqual([]);
    services.close();

    services = createServices({ dataDir: dir, version: 'test', log: silentLogger });
    const bin = await services.handlers['bin.list']({});
    expect(bin.meetings.map((m) => m.title)).toEqual(['Meeting of ASEAN Ministers']);
    expect(bin.documents).toMatchObject([{ id: document.id, title: 'Draft declaration', meetingTitle: SAMPLE_MEETING.title }]);
    await services.handlers['bin.restore']({ id: document.id });
    await services.handlers['bin.restore']({ id: other.id });
    expect(await services.handlers['bin.list']({})).toEqual({ meetings: [], documents: [] });
    expect((await services.handlers['meetings.get']({ meetingId: meeting.id })).documents.map((d) => d.title)).toEqual(['Draft declaration']);
    expect(services.replicas!.with(document.id, (r) => r.doc.getText('kept').toString())).toBe('Every word');
    expect((await services.handlers['meetings.list']({})).length).toBe(2);
    await expect(Promise.resolve().then(() => services.handlers['bin.restore']({ id: document.id }))).rejects.toThrow('This is not in the bin.');
    await expect(Promise.resolve().then(() => services.handlers['bin.put']({ id: 'meeting-9999-unknown0' }))).rejects.toThrow('There is no such meeting or document');
    services.close();
  });

  it('the secretariat archives a meeting and a document for everyone, and brings them back', async () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: silentLogger });
    try {
      const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
      const document = await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' });
      expect((await services.handlers['meetings.setArchived']({ meetingId: meeting.id, archived: true })).archived).toBe(true);
      expect((await services.handlers['meetings.list']({}))[0]!.archived).toBe(true);
      expect((await services.handlers['documents.setArchived']({ documentId: document.id, archived: true })).archived).toBe(true);
      expect((await services.handlers['meetings.get']({ meetingId: meeting.id })).documents[0]!.archived).toBe(true);
      await services.handlers['meetings.setArchived']({ meetingId: meeting.id, archived: false });
      await services.handlers['documents.setArchived']({ documentId: document.id, archived: false });
      expect((await services.handlers['meetings.list']({}))[0]!.archived).toBeFalsy();
      expect((await services.handlers['meetings.get']({ meetingId: meeting.id })).documents[0]!.archived).toBe(false);
    } finally {
      services.close();
    }
  });
});
