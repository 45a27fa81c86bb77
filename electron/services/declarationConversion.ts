import { digest } from 'lib0/hash/sha256';
import * as Y from 'yjs';
import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { setClauseStatus } from '../../shared/declaration/clauseStatus';
import { notePrints, readConversion, readConversionPrints, readPredecessor, recordConversion } from '../../shared/declaration/conversionRecord';
import { fingerprintOf, readDeclarationView, type ViewParagraph } from '../../shared/declaration/model/declarationView';
import { convertLegacyDeclaration, needsConversion } from '../../shared/declaration/model/legacyConversion';
import { insertFlaggedParagraphs } from '../../shared/declaration/model/operations';
import { bracketsOf } from '../../shared/declaration/model/shape';
import { recordNegotiation } from '../../shared/declaration/negotiationLog';
import { addMeetingDocument, addOfficialDocument, readAllMeetingDocuments, readOfficialDocuments, updateMeetingDocument, updateOfficialDocument } from '../../shared/model/meetingDoc';
import type { Logger } from '../storage/logger';
import { isSecretariatHere, requireSecretariatHere, withMeetingDocs } from './secretariat';
import { documentNotFound, type ServiceContext } from './serviceContext';
import type { VersionRow } from '../storage/appStore';
import { localActor } from './localActor';
import type { Versions } from './versions';

/** The id a converted declaration takes: derived from the earlier one, so every laptop converts into the same document. */
export function successorId(earlierId: string): string {
  let hex = '';
  for (const byte of digest(new TextEncoder().encode(`accord-converted:${earlierId}`)).subarray(0, 20)) hex += byte.toString(16).padStart(2, '0');
  return `declaration-${hex}`;
}

/** What an earlier copy says now that it did not when converted (or when last brought over). */
function lateEdits(earlier: ReadonlyArray<ViewParagraph>, prints: ReadonlyMap<string, string>): ViewParagraph[] {
  return earlier.filter((paragraph) => prints.get(paragraph.id) !== fingerprintOf(paragraph.text));
}

export interface ConversionDeps extends ServiceContext {
  versions: Versions;
  log: Logger;
  /** Whether the meeting's hub can be reached now; a meeting with no hub always can. */
  meetingOnline(meetingId: string): boolean;
}

/**
 * Converting a declaration written by the previous release (before the declaration model) into a
 * new document in the model, once, by the secretariat. The earlier copy stays, read-only, listed
 * as such; words that reach it later (from a laptop of the previous release that was offline) are
 * counted for the secretariat, who can bring them over, flagged, into the new document.
 */
export function createConversionService(deps: ConversionDeps): Pick<ApiHandlers, 'documents.convert' | 'documents.bringOver'> & {
  /** For documents.get: how a document stands with regard to conversion. */
  conversionOf(documentId: string): { format: 'current' | 'earlier'; successor: string | null; predecessor: { id: string; lateEdits: number } | null };
} {
  const { store, replicas, versions, now } = deps;

  const earlierView = (earlierId: string) =>
    replicas.with(earlierId, (replica) => {
      const readable = new Y.Doc();
      Y.applyUpdate(readable, convertLegacyDeclaration(replica.doc, earlierId).update);
      const view = readDeclarationView(readable);
      readable.destroy();
      return view;
    });

  const conversionOf = (documentId: string) => {
    const meetingId = versions.meetingOf(documentId);
    const earlier = replicas.with(documentId, (replica) => needsConversion(replica.doc));
    return withMeetingDocs(deps, meetingId, (docs) => {
      const successor = readConversion(docs.secretariat, documentId)?.to ?? null;
      const predecessorId = readPredecessor(docs.secretariat, documentId);
      let predecessor: { id: string; lateEdits: number } | null = null;
      if (predecessorId && store.getDoc(predecessorId)?.kind === 'declaration') {
        const prints = readConversionPrints(docs.secretariat, predecessorId);
        predecessor = { id: predecessorId, lateEdits: lateEdits(earlierView(predecessorId), prints).length };
      }
      return { format: earlier ? ('earlier' as const) : ('current' as const), successor, predecessor };
    });
  };

  return {
    conversionOf,

    'documents.convert': ({ documentId }) => {
      const meetingId = versions.meetingOf(documentId);
      if (!isSecretariatHere(store, meetingId)) throw new AccordError('forbidden', 'The secretariat converts a declaration to the current format, once, for everyone.');
      requireSecretariatHere(deps, meetingId, 'The secretariat converts a declaration to the current format, once, for everyone.');
      const existing = withMeetingDocs(deps, meetingId, (docs) => readConversion(docs.secretariat, documentId));
      if (existing) return { documentId: existing.to };
      // Another secretariat laptop may be converting it too: only with the hub in reach can this
      // one see whether it has, and the conversion be one.
      if (!deps.meetingOnline(meetingId)) {
        throw new AccordError('unavailable', 'Connect to the meeting’s hub first: another secretariat laptop may be converting this declaration, and it must be converted only once.');
      }
      const { converted, legacyVector } = replicas.with(documentId, (replica) => {
        if (!needsConversion(replica.doc)) throw new AccordError('invalid_request', 'This declaration is already in the current format.');
        return { converted: convertLegacyDeclaration(replica.doc, documentId), legacyVector: Y.encodeStateVector(replica.doc) };
      });
      const targetId = successorId(documentId);
      const at = now();
      const actor = localActor(deps, meetingId);
      const stored = store.getDoc(targetId);
      if (stored && (stored.kind !== 'declaration' || stored.meetingId !== meetingId)) throw new AccordError('storage_unavailable', 'Something else is stored where the converted declaration belongs. Nothing has been changed.');
      if (!stored) store.createDoc({ id: targetId, kind: 'declaration', meetingId, now: at });
      const fingerprints = replicas.with(targetId, (replica) => {
        Y.applyUpdate(replica.doc, converted.update);
        if (replica.persistenceError) throw replica.persistenceError;
        return new Map(readDeclarationView(replica.doc).map((p) => [p.id, fingerprintOf(p.text)]));
      });
      // The earlier copy's versions come along, read through the converter when opened.
      const copies: VersionRow[] = versions.list(documentId).map((summary) => {
        const { state } = versions.get(documentId, summary.id);
        return {
          id: successorId(summary.id).replace('declaration-', 'version-'),
          doc_id: targetId,
          label: summary.label,
          status: summary.status,
          origin: summary.origin,
          author: JSON.stringify(summary.author),
          state: Buffer.from(state),
          created_at: summary.createdAt,
          circulated_at: null,
          circulated_by: null,
          statuses: null,
        };
      });
      if (copies.length > 0) store.insertVersionsIfAbsent(copies);

      withMeetingDocs(deps, meetingId, (docs, held) => {
        const entry = readAllMeetingDocuments(docs).find((d) => d.id === documentId);
        if (!entry) throw documentNotFound();
        const official = readOfficialDocuments(docs).some((d) => d.id === documentId);
        docs.secretariat.transact(() => {
          for (const [clauseId, status] of converted.statuses) setClauseStatus(docs.secretariat, targetId, clauseId, status);
          for (const event of converted.secretariatLog) recordNegotiation(docs.secretariat, { ...event, documentId: targetId });
          recordConversion(docs.secretariat, documentId, { to: targetId, at, by: actor }, fingerprints);
          // Listed where the earlier one was, under its title; the earlier one says what it is.
          const listed = { id: targetId, kind: 'declaration' as const, title: entry.title, createdAt: at };
          if (official) {
            addOfficialDocument(docs.secretariat, listed);
            updateOfficialDocument(docs.secretariat, documentId, { title: `${entry.title} (before conversion)` });
          }
        });
        if (!official) {
          docs.meeting.transact(() => {
            addMeetingDocument(docs.meeting, { id: targetId, kind: 'declaration', title: entry.title, createdAt: at, delegation: entry.delegation });
            updateMeetingDocument(docs.meeting, documentId, { title: `${entry.title} (before conversion)` });
          });
        }
        for (const replica of [held.secretariat, held.meeting]) if (replica.persistenceError) throw replica.persistenceError;
      });
      deps.log.info('declaration.converted', { from: documentId, to: targetId, paragraphs: fingerprints.size, state: legacyVector.byteLength });
      return { documentId: targetId };
    },

    'documents.bringOver': ({ documentId }) => {
      const meetingId = versions.meetingOf(documentId);
      requireSecretariatHere(deps, meetingId, 'The secretariat brings over what reached the earlier copy.');
      const earlierId = withMeetingDocs(deps, meetingId, (docs) => readPredecessor(docs.secretariat, documentId));
      if (!earlierId) throw new AccordError('invalid_request', 'This declaration was not converted from an earlier copy.');
      const view = earlierView(earlierId);
      const prints = withMeetingDocs(deps, meetingId, (docs) => readConversionPrints(docs.secretariat, earlierId));
      const late = lateEdits(view, prints);
      if (late.length === 0) return { paragraphs: 0 };
      replicas.with(documentId, (replica) => {
        const here = new Set(readDeclarationView(replica.doc).map((p) => p.id));
        // Brackets proposed in the earlier copy meanwhile keep their proposers.
        for (const segment of late.flatMap((p) => p.segments)) {
          if (segment.type !== 'bracket' || bracketsOf(replica.doc).has(segment.bracketId)) continue;
          const wordings = new Y.Map<unknown>();
          for (const alternative of segment.alternatives) wordings.set(alternative.alternativeId, alternative.proposers);
          bracketsOf(replica.doc).set(segment.bracketId, wordings);
        }
        for (const paragraph of late) {
          // Beside the paragraph it is a later state of, else at the end.
          const after = here.has(paragraph.id) ? paragraph.id : (readDeclarationView(replica.doc).at(-1)?.id ?? null);
          insertFlaggedParagraphs(replica.doc, after, [{ kind: paragraph.kind, runs: paragraph.runs }], 'earlier-copy');
        }
        if (replica.persistenceError) throw replica.persistenceError;
      });
      withMeetingDocs(deps, meetingId, (docs, held) => {
        notePrints(docs.secretariat, earlierId, new Map(late.map((p) => [p.id, fingerprintOf(p.text)])));
        if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
      });
      deps.log.info('declaration.brought-over', { from: earlierId, to: documentId, paragraphs: late.length });
      return { paragraphs: late.length };
    },
  };
}
