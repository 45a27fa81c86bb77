import type * as Y from 'yjs';
import { type Authorship, authorshipOf, type ClientOwner, writersOf } from '../model/clientOwners';
import { z } from 'zod';
import { ParticipantEntry as Actor } from '../model/meetingDoc';
import { ClauseStatus } from '../model/kinds';

/**
 * What was proposed and agreed, and by whom. Only ever appended to. A bracket proposed by a
 * delegation is logged in the declaration's own doc, where delegates write; what the secretariat
 * decides (a status set, a bracket agreed, a version restored) is logged in the meeting's
 * secretariat doc, which only the secretariat writes, naming the document: so the record of an
 * agreement cannot be forged by a delegation.
 */
const LOG = 'negotiation';

const Proposal = z.object({ text: z.string(), proposers: z.array(z.string()) });

/**
 * The paragraph a bracket stood in and its label then. An agreed bracket leaves no mark in the
 * text to find it by, so the entry keeps it; entries written before it was kept have neither.
 */
const Place = z.object({ clauseId: z.string().optional(), label: z.string().optional() });

export const NegotiationEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bracket-added'),
    documentId: z.string().optional(),
    bracketId: z.string(),
    ...Place.shape,
    alternatives: z.array(Proposal),
    by: Actor,
    at: z.number(),
  }),
  z.object({
    type: z.literal('bracket-agreed'),
    documentId: z.string().optional(),
    bracketId: z.string(),
    ...Place.shape,
    /** The wording kept; null when the bracketed words were dropped altogether. */
    kept: Proposal.nullable(),
    dropped: z.array(Proposal),
    by: Actor,
    at: z.number(),
  }),
  z.object({ type: z.literal('status-set'), documentId: z.string().optional(), clauseId: z.string(), label: z.string(), status: ClauseStatus, by: Actor, at: z.number() }),
  /** The text was set back to a saved version (after an automatic version of what it replaced). */
  z.object({
    type: z.literal('version-restored'),
    documentId: z.string().optional(),
    versionId: z.string(),
    label: z.string(),
    safetyVersionId: z.string(),
    by: Actor,
    at: z.number(),
  }),
]);
export type NegotiationEvent = z.infer<typeof NegotiationEvent>;

export function recordNegotiation(doc: Y.Doc, event: NegotiationEvent): void {
  doc.getArray<unknown>(LOG).push([NegotiationEvent.parse(event)]);
}

/**
 * Every well-formed entry, oldest first; entries another version cannot read are skipped. From a
 * secretariat doc, `documentId` keeps those about one document.
 */
export function readNegotiationLog(doc: Y.Doc, documentId?: string): NegotiationEvent[] {
  return doc
    .getArray<unknown>(LOG)
    .toArray()
    .flatMap((entry) => {
      const parsed = NegotiationEvent.safeParse(entry);
      if (!parsed.success) return [];
      if (documentId !== undefined && 'documentId' in parsed.data && parsed.data.documentId !== documentId) return [];
      return [parsed.data];
    });
}

/**
 * The log as a record: each entry with the client that wrote it and whether that client belongs to
 * the actor it names, as the hub recorded (model/clientOwners.ts). What shows or exports the log reads this, so
 * an entry a modified client signs with another's name is never taken at its word.
 */
export function readNegotiationRecord(
  doc: Y.Doc,
  owners: ReadonlyMap<number, ClientOwner>,
  documentId?: string,
): Array<NegotiationEvent & { authorship: Authorship; writer: number }> {
  return writersOf(doc.getArray<unknown>(LOG)).flatMap(({ value, writer }) => {
    const parsed = NegotiationEvent.safeParse(value);
    if (!parsed.success) return [];
    if (documentId !== undefined && 'documentId' in parsed.data && parsed.data.documentId !== documentId) return [];
    return [{ ...parsed.data, authorship: authorshipOf(parsed.data.by, writer, owners), writer }];
  });
}

export function observeNegotiationLog(doc: Y.Doc, listener: () => void): () => void {
  const log = doc.getArray<unknown>(LOG);
  log.observe(listener);
  return () => log.unobserve(listener);
}


