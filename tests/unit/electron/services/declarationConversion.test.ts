import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createServices, type Services } from '../../../../electron/services/services';
import { readClauseStatuses } from '../../../../shared/declaration/clauseStatus';
import { readDeclarationView } from '../../../../shared/declaration/model/declarationView';
import { readLegacyDeclaration } from '../../../../shared/declaration/model/legacyDeclaration';
import { ACCORD_FILE_FORMAT, ACCORD_FILE_VERSION } from '../../../../shared/model/accordFile';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import { recordingLogger, SAMPLE_MEETING, useTempDirs } from '../../helpers';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/legacy/', import.meta.url));
const blob = (bytes: Uint8Array) => ({ base64: Buffer.from(bytes).toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex') });
const SOPHEA = { name: 'Sophea', delegation: null, role: 'secretariat' as const };

/** What a laptop of the previous release hands over: an .accord file of a declaration in the earlier format. */
function earlierFile(meetingId: string, state: Uint8Array, id = 'declaration-earlier-1'): string {
  return JSON.stringify({
    format: ACCORD_FILE_FORMAT,
    formatVersion: ACCORD_FILE_VERSION,
    exportedAt: 1,
    exportedBy: SOPHEA,
    document: { id, title: 'Phnom Penh Declaration', meetingId, meetingTitle: SAMPLE_MEETING.title, createdAt: 1 },
    state: blob(state),
    versions: [{ id: 'version-earlier-1', label: 'Rev.1', status: 'draft', origin: 'saved', author: SOPHEA, createdAt: 1, circulated: null, state: blob(state) }],
  });
}

/** An edit made by a laptop of the previous release: words typed into the earlier layout's first paragraph. */
function typedInEarlierLayout(state: Uint8Array, words: string): Uint8Array {
  const laptop = new Y.Doc();
  Y.applyUpdate(laptop, state);
  const before = Y.encodeStateVector(laptop);
  const root = laptop.get('root', Y.XmlText);
  const paragraph = (root.toDelta() as Array<{ insert: unknown }>).map((d) => d.insert).find((x) => x instanceof Y.XmlText) as Y.XmlText;
  paragraph.insert(1, words);
  return Y.encodeStateAsUpdate(laptop, before);
}

describe('declarations written by the previous release', () => {
  const tempDir = useTempDirs();
  const opened: Services[] = [];
  afterEach(() => {
    for (const services of opened.splice(0)) services.close();
  });

  async function withEarlierDeclaration() {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: recordingLogger() });
    opened.push(services);
    const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
    const state = new Uint8Array(readFileSync(join(FIXTURES, 'clauses.bin')));
    const imported = await services.handlers['documents.importFile']({ meetingId: meeting.id, fileName: 'old.accord', content: earlierFile(meeting.id, state) });
    return { services, meetingId: meeting.id, documentId: imported.documentId, state };
  }

  it('open read-only through the converter, with every paragraph, until the secretariat converts them', async () => {
    const { services, documentId, state } = await withEarlierDeclaration();
    const detail = await services.handlers['documents.get']({ documentId });
    expect(detail).toMatchObject({ format: 'earlier', successor: null, predecessor: null });
    const legacy = new Y.Doc();
    Y.applyUpdate(legacy, state);
    const expected = readLegacyDeclaration(legacy).map((b) => b.runs.map((r) => r.text).join(''));
    const { comparison } = await services.handlers['versions.compare']({ documentId, before: 'version-earlier-1', after: 'current' });
    expect(comparison.paragraphs.map((p) => p.after!.text.replace(/\[|\]| \/ /g, ''))).toHaveLength(expected.length);
    expect(comparison.counts.unchanged).toBe(expected.length);
    await expect(async () => services.handlers['versions.restore']({ documentId, versionId: 'version-earlier-1' })).rejects.toThrow(/convert it first/);
  });

  it('are converted once into a new declaration with nothing lost, the earlier copy kept and pointing to it', async () => {
    const { services, meetingId, documentId, state } = await withEarlierDeclaration();
    const { documentId: converted } = await services.handlers['documents.convert']({ documentId });
    expect(converted).not.toBe(documentId);
    // Converting again (a second click, or a second laptop) gives the same document.
    expect((await services.handlers['documents.convert']({ documentId })).documentId).toBe(converted);

    const legacy = new Y.Doc();
    Y.applyUpdate(legacy, state);
    const paragraphs = services.replicas!.with(converted, (replica) => readDeclarationView(replica.doc));
    expect(paragraphs.map((p) => p.runs.map((r) => r.text).join(''))).toEqual(readLegacyDeclaration(legacy).map((b) => b.runs.map((r) => r.text).join('')));

    expect(await services.handlers['documents.get']({ documentId })).toMatchObject({ format: 'earlier', successor: converted, title: 'Phnom Penh Declaration (before conversion)' });
    expect(await services.handlers['documents.get']({ documentId: converted })).toMatchObject({ format: 'current', predecessor: { id: documentId, lateEdits: 0 }, title: 'Phnom Penh Declaration' });
    // The earlier copy's versions came along, and open through the converter.
    const versions = await services.handlers['versions.list']({ documentId: converted });
    expect(versions.map((v) => v.label)).toContain('Rev.1');
    const { comparison } = await services.handlers['versions.compare']({ documentId: converted, before: versions.find((v) => v.label === 'Rev.1')!.id, after: 'current' });
    expect(comparison.counts).toMatchObject({ added: 0, removed: 0, edited: 0 });
    // Statuses moved to the secretariat's doc, for the new document.
    const statuses = services.replicas!.with(secretariatDocId(meetingId), (replica) => readClauseStatuses(replica.doc, converted));
    const legacyStatuses = legacy.getMap('clauseStatus');
    expect([...statuses.keys()].sort()).toEqual([...legacyStatuses.keys()].filter((id) => paragraphs.some((p) => p.id === id)).sort());
  });

  it('show the secretariat words that reached the earlier copy after the conversion, and bring them over flagged', async () => {
    const { services, documentId, state } = await withEarlierDeclaration();
    const { documentId: converted } = await services.handlers['documents.convert']({ documentId });
    // A laptop of the previous release, offline during the conversion, syncs its typing into the earlier copy.
    services.replicas!.with(documentId, (replica) => Y.applyUpdate(replica.doc, typedInEarlierLayout(state, 'Late words ')));
    expect((await services.handlers['documents.get']({ documentId: converted })).predecessor).toEqual({ id: documentId, lateEdits: 1 });

    expect(await services.handlers['documents.bringOver']({ documentId: converted })).toEqual({ paragraphs: 1 });
    const flagged = services.replicas!.with(converted, (replica) => readDeclarationView(replica.doc).filter((p) => p.revived));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.text).toContain('Late words ');
    expect((await services.handlers['documents.get']({ documentId: converted })).predecessor).toEqual({ id: documentId, lateEdits: 0 });
  });
});
