import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Exporter } from '../../../../../electron/services/export/exporter';
import type { PdfEngine } from '../../../../../electron/services/export/pdfEngine';
import { silentLogger } from '../../../../../electron/storage/logger';
import { Replicas } from '../../../../../electron/storage/replicas';
import { AppStore } from '../../../../../electron/storage/appStore';
import { Versions } from '../../../../../electron/services/versions';
import { addAgendaItem, LEGACY_AGENDA } from '../../../../../shared/model/agenda';
import { addMeetingDocument, addOfficialDocument, LEGACY_META, writeMeetingMeta } from '../../../../../shared/model/meetingDoc';
import { secretariatDocId } from '../../../../../shared/model/secretariatDoc';
import { SAMPLE_MEETING, useTempDirs } from '../../../helpers';

const ITEM = { kind: 'session' as const, presenter: '', day: SAMPLE_MEETING.startDate, start: null, durationMinutes: 30 };
const noPdf: PdfEngine = { print: () => Promise.reject(new Error('no PDF in this test')), close: () => Promise.resolve() };

describe('the agenda’s export', () => {
  const tempDir = useTempDirs();

  function exporterOn(setUp: (store: AppStore, replicas: Replicas) => void) {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const store = AppStore.open(join(dir, 'accord.sqlite'));
    const replicas = new Replicas({ store, now: () => 1, log: silentLogger });
    setUp(store, replicas);
    const versions = new Versions({ store, replicas, now: () => 1, newId: () => crypto.randomUUID(), log: silentLogger });
    const exporter = new Exporter({ store, replicas, versions, pdf: noPdf, now: () => 1, log: silentLogger, fonts: () => [] });
    return { exporter, close: () => (replicas.closeAll(), store.close()) };
  }

  const rowsOf = (html: string) => [...html.matchAll(/<td class="title">([^<]*)<\/td>[\s\S]*?<\/tr>/g)].map((m) => m[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());

  it('prints the secretariat doc’s agenda with the titles of the documents its items link, official or a delegation’s', async () => {
    const meetingId = 'meeting-0000-export01';
    const { exporter, close } = exporterOn((store, replicas) => {
      store.createDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: 1 });
      store.createDoc({ id: secretariatDocId(meetingId), kind: 'secretariat', meetingId, now: 1 });
      replicas.with(meetingId, (r) => addMeetingDocument(r.doc, { id: 'proposal-hanoi01', kind: 'declaration', title: 'Ha Noi proposal', createdAt: 3, delegation: 'Ha Noi' }));
      replicas.with(secretariatDocId(meetingId), (r) => {
        writeMeetingMeta(r.doc, { ...SAMPLE_MEETING, createdAt: 1 });
        addOfficialDocument(r.doc, { id: 'declaration-0001', kind: 'declaration', title: 'Phnom Penh Declaration', createdAt: 2 });
        addAgendaItem(r.doc, 'item-opening00', { ...ITEM, title: 'Opening', documentId: 'declaration-0001' });
        addAgendaItem(r.doc, 'item-proposal0', { ...ITEM, title: 'Proposals', documentId: 'proposal-hanoi01' });
      });
    });
    try {
      const { bytes } = await exporter.renderAgenda({ meetingId, format: 'html', paper: 'a4', language: 'en' });
      const rows = rowsOf(new TextDecoder().decode(bytes));
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('Opening');
      expect(rows[0]).toContain('Phnom Penh Declaration');
      expect(rows[1]).toContain('Ha Noi proposal');
    } finally {
      close();
    }
  });

  it('prints a legacy meeting’s agenda from its meeting doc until the secretariat has copied it', async () => {
    const meetingId = 'meeting-0000-export02';
    const { exporter, close } = exporterOn((store, replicas) => {
      store.createDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: 1 });
      replicas.with(meetingId, (r) => {
        for (const [key, value] of Object.entries({ ...SAMPLE_MEETING, createdAt: 1 })) r.doc.getMap(LEGACY_META).set(key, value);
        const item = new Y.Map<unknown>();
        r.doc.getMap(LEGACY_AGENDA).set('item-opening00', item);
        for (const [key, value] of Object.entries({ ...ITEM, title: 'Legacy opening', documentId: 'declaration-0001', order: 'i' })) item.set(key, value);
        addMeetingDocument(r.doc, { id: 'declaration-0001', kind: 'declaration', title: 'Legacy declaration', createdAt: 2 });
      });
    });
    try {
      const { bytes, fileName } = await exporter.renderAgenda({ meetingId, format: 'html', paper: 'a4', language: 'en' });
      expect(fileName).toBe(`${SAMPLE_MEETING.title} – Agenda.html`);
      const rows = rowsOf(new TextDecoder().decode(bytes));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('Legacy opening');
      expect(rows[0]).toContain('Legacy declaration');
    } finally {
      close();
    }
  });
});
