import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { apiContract, type ApiHandlers, type AppStatus } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import type { MeetingListEntry } from '../../shared/model/meeting';
import { createDocumentFileService } from './documentFile';
import { ChromiumPdf } from './export/chromiumPdf';
import { createExportHandlers } from './export/exportHandlers';
import { Exporter } from './export/exporter';
import type { PdfEngine } from './export/pdfEngine';
import { createConversionService } from './declarationConversion';
import { createBinService } from './bin';
import { createDocumentsService } from './documents';
import { createHubInvitationsService } from './hubInvitations';
import type { Logger } from '../storage/logger';
import { createMeetingMoveService } from './meetingMove';
import { createMeetingsService } from './meetings';
import { Replicas } from '../storage/replicas';
import { createSettingsService, readSettings } from './settings';
import { LanHosting } from './lanHosting';
import { prepareMeetings } from './secretariat';
import { AppStore } from '../storage/appStore';
import { hubSettlement } from '../sync/updateReach';
import { createVersionHandlers } from './versionHandlers';
import { Versions } from './versions';
import { SyncClient } from './syncClient';
import { createTemplatesService, defaultBuiltinTemplatesDir } from './templates';

export const DATABASE_FILE = 'accord.sqlite';

export interface ServiceDeps {
  dataDir: string;
  version: string;
  log: Logger;
  now?: () => number;
  newId?: () => string;
  /** Interface the in-app hub listens on when hosting on the local network (all, by default). */
  lanBindHost?: string;
  /** Prints HTML to PDF: Electron's printToPDF in the app, headless Chromium in the host and tests. */
  pdf?: PdfEngine;
  /** The built-in clause template library (resources/templates, found next to the code by default). */
  builtinTemplatesDir?: string;
}

/** Everything a transport needs: the API handlers and the replicas that sync streams attach to. */
export interface Services {
  readonly handlers: ApiHandlers;
  /** Null when the database could not be opened: nothing can be read or written then. */
  readonly replicas: Replicas | null;
  /** Whether an id names a doc this store holds (a meeting or one of its documents) that a window may sync. */
  hasDocument(id: string): boolean;
  /**
   * Called with a meeting's id whenever something a window shows of it may have changed: its
   * link to the hub, its hosting, its documents, who is there. What windows watch (api/meetingWatch).
   */
  onMeetingChange(listener: (meetingId: string) => void): () => void;
  /** One meeting as `meetings.list` lists it (null if it is not listed): what the list's watch reads again on a change. */
  listedMeeting(meetingId: string): MeetingListEntry | null;
  close(): void;
}

/**
 * Composes the services over one data directory. The same composition runs in Electron's main
 * process, in the browser host and in tests; nothing here knows which transport calls it.
 */
export function createServices(deps: ServiceDeps): Services {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const file = join(deps.dataDir, DATABASE_FILE);

  let store: AppStore;
  try {
    mkdirSync(deps.dataDir, { recursive: true });
    store = AppStore.open(file);
  } catch (error) {
    const failure =
      error instanceof AccordError
        ? error
        : new AccordError('storage_unavailable', `Accord cannot use its data folder: ${String(error)}`, file);
    deps.log.error('store.open', { file, error: failure.message });
    return failedServices(deps.version, failure);
  }

  const replicas = new Replicas({ store, now, log: deps.log, settled: hubSettlement(store) });
  const context = { store, replicas, now, newId };
  const versions = new Versions({ ...context, log: deps.log });
  const pdf = deps.pdf ?? new ChromiumPdf({ log: deps.log });
  const exporter = new Exporter({ store, replicas, versions, pdf, now, log: deps.log });
  const lanHosting = new LanHosting({ store, replicas, log: deps.log, now, newId, bindHost: deps.lanBindHost });
  const syncClient = new SyncClient({ store, replicas, log: deps.log, now, hostedHere: (id) => lanHosting.isHosted(id), hostId: () => lanHosting.hostId() });
  const conversion = createConversionService({
    ...context,
    versions,
    log: deps.log,
    // A meeting joined on a hub is online when all its rooms are; one with no hub (its own, or hosted here) always is.
    meetingOnline: (meetingId) => {
      const status = syncClient.status(meetingId);
      return !status || status.state === 'online' || status.state === 'hosting';
    },
  });
  const { conversionOf, ...conversionHandlers } = conversion;
  const { listEntry, ...meetingHandlers } = createMeetingsService({ ...context, syncClient, lanHosting, log: deps.log });
  const meetingListeners = new Set<(meetingId: string) => void>();
  const meetingChanged = (meetingId: string) => {
    for (const listener of meetingListeners) listener(meetingId);
  };
  const handlers: ApiHandlers = {
    'app.status': () => ({ state: 'ready', version: deps.version, dataDir: deps.dataDir, settings: readSettings(store) }),
    ...meetingHandlers,
    ...createHubInvitationsService({ store, log: deps.log }),
    ...createMeetingMoveService({ ...context, syncClient, lanHosting, log: deps.log }),
    ...createDocumentsService({ ...context, versions, log: deps.log, conversionOf }),
    ...conversionHandlers,
    ...createVersionHandlers(versions),
    ...createDocumentFileService({ ...context, versions, log: deps.log }),
    ...createExportHandlers(exporter),
    ...createSettingsService(store),
    ...createBinService({ ...context, log: deps.log, changed: meetingChanged }),
    ...createTemplatesService({ ...context, log: deps.log, builtinDir: deps.builtinTemplatesDir ?? defaultBuiltinTemplatesDir() }),
  };
  // A document's meeting never changes: read once, not at every keystroke.
  const meetings = new Map<string, string | null>();
  const meetingOf = (docId: string): string | null => {
    let meetingId = meetings.get(docId);
    if (meetingId === undefined) {
      const stored = store.getDoc(docId);
      meetingId = stored?.kind === 'meeting' ? stored.id : (stored?.meetingId ?? null);
      // A document not registered yet (arriving from a hub) is looked up again next time.
      if (stored) meetings.set(docId, meetingId);
    }
    return meetingId;
  };
  replicas.onChanged((docId) => {
    if (meetingListeners.size === 0) return;
    const meetingId = meetingOf(docId);
    if (meetingId) meetingChanged(meetingId);
  });
  syncClient.onChange(meetingChanged);
  lanHosting.onChange((meetingId) => {
    if (meetingId) meetingChanged(meetingId);
    else for (const meeting of store.listDocs('meeting')) if (lanHosting.isHosted(meeting.id)) meetingChanged(meeting.id);
  });
  deps.log.info('store.open', { file, schema: store.schemaVersion });
  prepareMeetings({ ...context, log: deps.log });
  // Hosting is resumed first: it knows at once which meetings it hosts, so a meeting moved here from
  // a hub whose link is still open (the hub had not confirmed the notice) is never followed, by
  // this laptop's own link, to its own hosting.
  void lanHosting.resume();
  syncClient.start();

  return {
    handlers,
    replicas,
    // A meeting's two docs too: the window reads the meeting from them, and the secretariat edits
    // the agenda in its own. Named kinds only, so a kind added later is not opened to windows by accident.
    hasDocument: (id) => {
      const kind = store.getDoc(id)?.kind;
      return kind === 'declaration' || kind === 'meeting' || kind === 'secretariat';
    },
    onMeetingChange(listener) {
      meetingListeners.add(listener);
      return () => meetingListeners.delete(listener);
    },
    listedMeeting: (meetingId) => listEntry(meetingId) ?? null,
    close() {
      void lanHosting.stop();
      syncClient.stop();
      void pdf.close();
      replicas.closeAll();
      store.close();
    },
  };
}

function failedServices(version: string, failure: AccordError): Services {
  const refuse = () => {
    throw failure;
  };
  const status: AppStatus = { state: 'failed', version, error: failure.toShape() };
  // Every method the contract names refuses with the reason, except the one that says so.
  const handlers = Object.fromEntries(Object.keys(apiContract).map((method) => [method, refuse])) as unknown as ApiHandlers;
  return {
    handlers: { ...handlers, 'app.status': () => status },
    replicas: null,
    hasDocument: () => false,
    onMeetingChange: () => () => undefined,
    listedMeeting: () => null,
    close: () => undefined,
  };
}
