import type { ApiHandlers, DocumentDetail } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import type { DocumentSummary } from '../../shared/model/meeting';
import {
  addMeetingDocument,
  addOfficialDocument,
  type DocumentListingChange,
  type MeetingDocumentEntry,
  nextFreeTitle,
  readAllMeetingDocuments,
  readMeetingSummary,
  readOfficialDocuments,
  readParticipants,
  updateMeetingDocument,
  updateOfficialDocument,
} from '../../shared/model/meetingDoc';
import { buildMeetingDraft } from '../../shared/declaration/meetingDraft';
import { readMeetingDelegations } from '../../shared/model/delegations';
import { draftLanguageOf } from '../../shared/model/settings';
import { readSettings } from './settings';
import { seedDeclaration } from './declarationSeed';
import { meetingNotFound } from './meetings';
import { isSecretariatHere, requireSecretariatHere, withMeetingDocs } from './secretariat';
import { documentNotFound, type ServiceContext } from './serviceContext';
import type { Logger } from '../storage/logger';
import { localActor } from './localActor';
import type { Versions } from './versions';

export function createDocumentsService(
  deps: ServiceContext & { versions: Versions; log: Logger; conversionOf(documentId: string): Pick<DocumentDetail, 'format' | 'successor' | 'predecessor'> },
): Pick<ApiHandlers, 'documents.create' | 'documents.get' | 'documents.rename' | 'documents.setLanguage' | 'documents.setReference' | 'documents.setArchived'> {
  const { store, replicas, now, newId } = deps;

  /** The document as its meeting lists it, official or a delegation's, and whether it is official. */
  const find = (documentId: string): { entry: MeetingDocumentEntry; official: boolean; meetingId: string; updatedAt: number; meetingTitle: string } => {
    const stored = store.getDoc(documentId);
    if (stored?.kind !== 'declaration' || !stored.meetingId) throw documentNotFound();
    const meetingId = stored.meetingId;
    return withMeetingDocs(deps, meetingId, (docs) => {
      const entry = readAllMeetingDocuments(docs).find((d) => d.id === documentId);
      if (!entry) throw documentNotFound();
      const official = readOfficialDocuments(docs).some((d) => d.id === documentId);
      return { entry, official, meetingId, updatedAt: stored.updatedAt, meetingTitle: readMeetingSummary(docs, meetingId)?.title ?? '' };
    });
  };

  const summary = (documentId: string): DocumentSummary & { meetingTitle: string; official: boolean } => {
    const { entry, official, meetingId, updatedAt, meetingTitle } = find(documentId);
    const { delegation: _delegation, ...listed } = entry;
    return { ...listed, meetingId, updatedAt, meetingTitle, official };
  };

  /** Changes how the meeting lists a document: who may is who may rename it. */
  const update = (documentId: string, change: DocumentListingChange, verb: string): DocumentSummary => {
    const { official, meetingId } = find(documentId);
    if (localActor(deps, meetingId).role === 'observer') throw new AccordError('forbidden', `Observers cannot ${verb} documents.`);
    if (official) requireSecretariatHere(deps, meetingId, `Only the secretariat can ${verb} the meeting’s official documents.`);
    withMeetingDocs(deps, meetingId, (docs, held) => {
      // After the copy above, an official document of a legacy meeting is in the secretariat doc too.
      if (official) updateOfficialDocument(docs.secretariat, documentId, change);
      else updateMeetingDocument(docs.meeting, documentId, change);
      const list = official ? held.secretariat : held.meeting;
      if (list.persistenceError) throw list.persistenceError;
    });
    const { meetingTitle: _meetingTitle, official: _official, ...current } = summary(documentId);
    return current;
  };

  return {
    'documents.create': ({ meetingId, title, draft, language }) => {
      if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
      const actor = localActor(deps, meetingId);
      if (actor.role === 'observer') throw new AccordError('forbidden', 'Observers cannot create documents: ask a delegate or the secretariat.');
      // The secretariat's documents are the meeting's official ones; a delegation's are its own.
      const official = isSecretariatHere(store, meetingId);
      if (official) requireSecretariatHere(deps, meetingId, 'Only the secretariat lists the meeting’s official documents.');
      // A document always has a language from its creation: the one asked for, else the app's.
      const documentLanguage = language ?? readSettings(store).language;
      const paragraphs =
        draft === 'meeting'
          ? withMeetingDocs(deps, meetingId, (docs) => {
              const meeting = readMeetingSummary(docs, meetingId);
              if (!meeting) throw meetingNotFound();
              const joined = readParticipants(docs.meeting).flatMap((p) => (p.delegation ? [p.delegation] : []));
              return buildMeetingDraft(meeting, { listed: readMeetingDelegations(docs), joined }, draftLanguageOf(documentLanguage));
            })
          : [];
      const id = newId();
      const createdAt = now();
      store.createDoc({ id, kind: 'declaration', meetingId, now: createdAt });
      // Seeded here, once, rather than by whichever window opens it first: two windows
      // bootstrapping the same empty document would each add a paragraph.
      replicas.with(id, (replica) => {
        seedDeclaration(replica.doc, paragraphs);
        if (replica.persistenceError) throw replica.persistenceError;
      });
      return withMeetingDocs(deps, meetingId, (docs, held) => {
        const taken = readAllMeetingDocuments(docs).map((d) => d.title);
        // Two documents of a meeting never share a title: "Draft declaration 2" follows the first.
        const finalTitle = nextFreeTitle(title, taken);
        const entry = { id, kind: 'declaration' as const, title: finalTitle, createdAt, language: documentLanguage };
        const list = official ? held.secretariat : held.meeting;
        if (official) addOfficialDocument(docs.secretariat, entry);
        else addMeetingDocument(docs.meeting, { ...entry, delegation: actor.delegation });
        if (list.persistenceError) throw list.persistenceError;
        return { ...entry, meetingId, updatedAt: createdAt, symbol: null, distribution: null, archived: false };
      });
    },

    'documents.get': ({ documentId }) => {
      const detail = { ...summary(documentId), ...deps.conversionOf(documentId) };
      // Opening a document is what a window does first: the day's automatic version is kept then.
      try {
        deps.versions.ensureDaily(documentId);
      } catch (error) {
        // The text opens all the same; the version is tried again on the next opening.
        deps.log.error('version.daily', { documentId, error: String(error) });
      }
      return detail;
    },

    'documents.rename': ({ documentId, title }) => update(documentId, { title }, 'rename'),

    'documents.setLanguage': ({ documentId, language }) => update(documentId, { language }, 'set the language of'),

    'documents.setReference': ({ documentId, symbol, distribution }) => update(documentId, { symbol, distribution }, 'set the symbol of'),

    'documents.setArchived': ({ documentId, archived }) => update(documentId, { archived }, 'archive'),
  };
}
