import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import type { DocumentSummary } from '../../shared/model/meeting';
import {
  addMeetingDocument,
  nextFreeTitle,
  readMeetingDocuments,
  readMeetingSummary,
  readParticipants,
  renameMeetingDocument,
} from '../../shared/model/meetingDoc';
import { buildMeetingDraft } from '../../shared/declaration/meetingDraft';
import { seedDeclaration } from './declarationSeed';
import { meetingNotFound } from './meetings';
import type { ServiceContext } from './serviceContext';
import type { Logger } from './logger';
import type { Versions } from './versions';

export function documentNotFound(): AccordError {
  return new AccordError('not_found', 'This document no longer exists on this computer.');
}

export function createDocumentsService(
  deps: ServiceContext & { versions: Versions; log: Logger },
): Pick<ApiHandlers, 'documents.create' | 'documents.get' | 'documents.rename'> {
  const { store, replicas, now, newId } = deps;

  const summary = (documentId: string): DocumentSummary & { meetingTitle: string } => {
    const stored = store.getDoc(documentId);
    if (stored?.kind !== 'declaration' || !stored.meetingId) throw documentNotFound();
    const meetingId = stored.meetingId;
    return replicas.with(meetingId, (replica) => {
      const entry = readMeetingDocuments(replica.doc).find((d) => d.id === documentId);
      if (!entry) throw documentNotFound();
      return {
        ...entry,
        meetingId,
        updatedAt: stored.updatedAt,
        meetingTitle: readMeetingSummary(replica.doc, meetingId)?.title ?? '',
      };
    });
  };

  return {
    'documents.create': ({ meetingId, title, draft, language }) => {
      if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
      const paragraphs =
        draft === 'meeting'
          ? replicas.with(meetingId, (replica) => {
              const meeting = readMeetingSummary(replica.doc, meetingId);
              if (!meeting) throw meetingNotFound();
              const delegations = readParticipants(replica.doc).flatMap((p) => (p.delegation ? [p.delegation] : []));
              return buildMeetingDraft(meeting, delegations, language ?? 'en');
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
      return replicas.with(meetingId, (replica) => {
        const taken = readMeetingDocuments(replica.doc).map((d) => d.title);
        // Two documents of a meeting never share a title: "Draft declaration 2" follows the first.
        const finalTitle = nextFreeTitle(title, taken);
        addMeetingDocument(replica.doc, { id, kind: 'declaration', title: finalTitle, createdAt });
        if (replica.persistenceError) throw replica.persistenceError;
        return { id, meetingId, kind: 'declaration' as const, title: finalTitle, createdAt, updatedAt: createdAt };
      });
    },

    'documents.get': ({ documentId }) => {
      const detail = summary(documentId);
      // Opening a document is what a window does first: the day's automatic version is kept then.
      try {
        deps.versions.ensureDaily(documentId);
      } catch (error) {
        // The text opens all the same; the version is tried again on the next opening.
        deps.log.error('version.daily', { documentId, error: String(error) });
      }
      return detail;
    },

    'documents.rename': ({ documentId, title }) => {
      const { meetingTitle: _meetingTitle, ...current } = summary(documentId);
      replicas.with(current.meetingId, (replica) => {
        renameMeetingDocument(replica.doc, documentId, title);
        if (replica.persistenceError) throw replica.persistenceError;
      });
      return { ...current, title };
    },
  };
}
