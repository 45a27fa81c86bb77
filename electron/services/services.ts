import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ApiHandlers, AppStatus } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { createDocumentFileService } from './documentFile';
import { ChromiumPdf } from './export/chromiumPdf';
import { createExportHandlers } from './export/exportHandlers';
import { Exporter } from './export/exporter';
import type { PdfEngine } from './export/pdfEngine';
import { createConversionService } from './declarationConversion';
import { createDocumentsService } from './documents';
import type { Logger } from '../storage/logger';
import { createMeetingsService } from './meetings';
import { Replicas } from '../storage/replicas';
import { createSettingsService, readSettings } from './settings';
import { LanHosting } from './lanHosting';
import { prepareMeetings } from './secretariat';
import { Store } from '../storage/store';
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

  let store: Store;
  try {
    mkdirSync(deps.dataDir, { recursive: true });
    store = Store.open(file);
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
  const syncClient = new SyncClient({ store, replicas, log: deps.log, now, hostedHere: (id) => lanHosting.isHosted(id) });
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
  const handlers: ApiHandlers = {
    'app.status': () => ({ state: 'ready', version: deps.version, dataDir: deps.dataDir, settings: readSettings(store) }),
    ...createMeetingsService({ ...context, syncClient, lanHosting, log: deps.log }),
    ...createDocumentsService({ ...context, versions, log: deps.log, conversionOf }),
    ...conversionHandlers,
    ...createVersionHandlers(versions),
    ...createDocumentFileService({ ...context, versions, log: deps.log }),
    ...createExportHandlers(exporter),
    ...createSettingsService(store),
    ...createTemplatesService({ ...context, log: deps.log, builtinDir: deps.builtinTemplatesDir ?? defaultBuiltinTemplatesDir() }),
  };
  deps.log.info('store.open', { file, schema: store.schemaVersion });
  prepareMeetings({ ...context, log: deps.log });
  syncClient.start();
  void lanHosting.resume();

  return {
    handlers,
    replicas,
    // A meeting's two docs too: the window reads the meeting from them, and the secretariat edits
    // the agenda in its own. Named kinds only, so a kind added later is not opened to windows by accident.
    hasDocument: (id) => {
      const kind = store.getDoc(id)?.kind;
      return kind === 'declaration' || kind === 'meeting' || kind === 'secretariat';
    },
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
  return {
    handlers: {
      'app.status': () => status,
      'meetings.list': refuse,
      'meetings.create': refuse,
      'meetings.get': refuse,
      'meetings.join': refuse,
      'meetings.syncStatus': refuse,
      'meetings.participants': refuse,
      'meetings.host': refuse,
      'meetings.invite': refuse,
      'meetings.revokeInvitation': refuse,
      'documents.create': refuse,
      'documents.get': refuse,
      'documents.rename': refuse,
      'documents.convert': refuse,
      'documents.bringOver': refuse,
      'documents.exportFile': refuse,
      'documents.importFile': refuse,
      'versions.list': refuse,
      'versions.save': refuse,
      'versions.open': refuse,
      'versions.compare': refuse,
      'versions.restore': refuse,
      'versions.circulate': refuse,
      'export.declaration': refuse,
      'export.agenda': refuse,
      'settings.get': refuse,
      'settings.update': refuse,
      'templates.list': refuse,
      'templates.savePersonal': refuse,
      'templates.deletePersonal': refuse,
      'templates.import': refuse,
      'templates.publish': refuse,
      'templates.unpublish': refuse,
    },
    replicas: null,
    hasDocument: () => false,
    close: () => undefined,
  };
}
