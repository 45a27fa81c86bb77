import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import {
  ACCORD_FILE_FORMAT,
  ACCORD_FILE_VERSION,
  AccordFile,
  type AccordFileBlob,
  type AccordImportResult,
  accordFileName,
} from '../../shared/model/accordFile';
import { addMeetingDocument, addOfficialDocument, nextFreeTitle, readAllMeetingDocuments, readMeetingSummary } from '../../shared/model/meetingDoc';
import { isSecretariatDocId } from '../../shared/model/secretariatDoc';
import type { Logger } from '../storage/logger';
import { meetingNotFound } from './meetings';
import { isSecretariatHere, requireSecretariatHere, withMeetingDocs } from './secretariat';
import { documentNotFound, type ServiceContext } from './serviceContext';
import type { VersionRow } from '../storage/appStore';
import { localActor } from './localActor';
import { parseStatuses, type Versions } from './versions';

/** Transaction origin of a hand-carried file's content as it is merged in. */
const FROM_FILE = Symbol('accord-file');

function refused(reason: string): AccordError {
  return new AccordError('invalid_file', `${reason} Nothing has been changed.`);
}

function blobOf(bytes: Uint8Array): AccordFileBlob {
  return { base64: Buffer.from(bytes).toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The bytes of a blob, once they are known to be a Yjs update that is whole and undamaged. */
function bytesOf(blob: AccordFileBlob, what: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(blob.base64, 'base64'));
  if (createHash('sha256').update(bytes).digest('hex') !== blob.sha256) {
    throw refused(`This file is damaged: ${what} does not match its checksum.`);
  }
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, bytes);
  } catch {
    throw refused(`This file is damaged: ${what} cannot be read.`);
  } finally {
    probe.destroy();
  }
  return bytes;
}

/** Reads a file's text as far as needed to say precisely why it is refused, if it is. */
export function parseAccordFile(content: string): AccordFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw refused('This is not an Accord document file (.accord), or it was cut short.');
  }
  const head = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  if (head.format !== ACCORD_FILE_FORMAT) throw refused('This is not an Accord document file (.accord).');
  if (typeof head.formatVersion === 'number' && head.formatVersion > ACCORD_FILE_VERSION) {
    throw refused('This file was written by a newer version of Accord. Update Accord to import it.');
  }
  const parsed = AccordFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(`This file is damaged (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unreadable'}).`);
  }
  return parsed.data;
}

export function createDocumentFileService(
  deps: ServiceContext & { versions: Versions; log: Logger },
): Pick<ApiHandlers, 'documents.exportFile' | 'documents.importFile'> {
  const { store, replicas, now, versions } = deps;

  return {
    'documents.exportFile': ({ documentId }) => {
      const meetingId = versions.meetingOf(documentId);
      const { entry, meetingTitle } = withMeetingDocs(deps, meetingId, (docs) => ({
        entry: readAllMeetingDocuments(docs).find((d) => d.id === documentId),
        meetingTitle: readMeetingSummary(docs, meetingId)?.title ?? '',
      }));
      if (!entry) throw documentNotFound();
      const file: AccordFile = {
        format: ACCORD_FILE_FORMAT,
        formatVersion: ACCORD_FILE_VERSION,
        exportedAt: now(),
        exportedBy: localActor(deps, meetingId),
        document: { id: documentId, title: entry.title, meetingId, meetingTitle, createdAt: entry.createdAt },
        state: blobOf(versions.currentState(documentId)),
        versions: versions.list(documentId).map((v) => ({
          id: v.id,
          label: v.label,
          status: v.status,
          origin: v.origin,
          author: v.author,
          createdAt: v.createdAt,
          circulated: v.circulated,
          state: blobOf(versions.get(documentId, v.id).state),
          statuses: Object.fromEntries(versions.statuses(documentId, v.id)),
        })),
      };
      return { fileName: accordFileName(entry.title), content: JSON.stringify(file) };
    },

    'documents.importFile': ({ meetingId, content }): AccordImportResult => {
      if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
      // Everything is checked before anything is written: a refused file changes nothing.
      const file = parseAccordFile(content);
      const state = bytesOf(file.state, 'the document’s text');
      const versionRows: VersionRow[] = file.versions.map((v) => ({
        id: v.id,
        doc_id: file.document.id,
        label: v.label,
        status: v.status,
        origin: v.origin,
        author: JSON.stringify(v.author),
        state: Buffer.from(bytesOf(v.state, `version “${v.label}”`)),
        created_at: v.createdAt,
        circulated_at: v.circulated?.at ?? null,
        circulated_by: v.circulated ? JSON.stringify(v.circulated.by) : null,
        // A version from before statuses moved out of the text has them inside its own state.
        statuses: v.statuses ? JSON.stringify(Object.fromEntries(parseStatuses(v.statuses))) : null,
      }));
      // A file is anyone's to write: it must not name a secretariat doc, which only its meeting's
      // secretariat writes, nor anything else held here that is not a declaration.
      if (isSecretariatDocId(file.document.id)) throw refused('This file names a document Accord reserves for a meeting’s secretariat.');
      const existing = store.getDoc(file.document.id);
      if (existing && existing.kind !== 'declaration') throw refused('This file names something here that is not a declaration.');
      const home = existing?.meetingId ?? meetingId;
      if (localActor(deps, home).role === 'observer') {
        throw new AccordError('forbidden', 'Observers cannot import into a meeting: ask a delegate or the secretariat.');
      }

      if (existing) versions.save(existing.id, { label: `Before importing ${file.document.title}`, status: 'draft', origin: 'before-import' });
      else store.createDoc({ id: file.document.id, kind: 'declaration', meetingId: home, now: now() });

      // Merged through the CRDT: whatever either copy holds ends up in both, nothing is overwritten.
      const changed = replicas.with(file.document.id, (replica) => {
        const before = Y.encodeStateAsUpdate(replica.doc);
        Y.applyUpdate(replica.doc, state, FROM_FILE);
        if (replica.persistenceError) throw replica.persistenceError;
        return !Buffer.from(before).equals(Buffer.from(Y.encodeStateAsUpdate(replica.doc)));
      });
      // A document new to the meeting is listed as the secretariat's documents are, or as the
      // importing delegation's own.
      const official = isSecretariatHere(store, home);
      if (official) requireSecretariatHere(deps, home, 'Only the secretariat lists the meeting’s official documents.');
      const { title, meetingTitle } = withMeetingDocs(deps, home, (docs, held) => {
        const meetingTitle = readMeetingSummary(docs, home)?.title ?? '';
        const listed = readAllMeetingDocuments(docs).find((d) => d.id === file.document.id);
        if (listed) return { title: listed.title, meetingTitle };
        const free = nextFreeTitle(file.document.title, readAllMeetingDocuments(docs).map((d) => d.title));
        const entry = { id: file.document.id, kind: 'declaration' as const, title: free, createdAt: file.document.createdAt };
        if (official) addOfficialDocument(docs.secretariat, entry);
        else addMeetingDocument(docs.meeting, { ...entry, delegation: localActor(deps, home).delegation });
        const list = official ? held.secretariat : held.meeting;
        if (list.persistenceError) throw list.persistenceError;
        return { title: free, meetingTitle };
      });
      const versionsAdded = store.insertVersionsIfAbsent(versionRows);
      deps.log.info('document.imported', { documentId: file.document.id, created: !existing, changed, versionsAdded });
      return { documentId: file.document.id, meetingId: home, meetingTitle, title, created: !existing, changed: changed || !existing, versionsAdded };
    },
  };
}
