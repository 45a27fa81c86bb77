import type * as Y from 'yjs';
import { z } from 'zod';
import { ParticipantEntry as Actor } from '../model/meetingDoc';
import { ClauseStatus } from './kinds';

/**
 * What was agreed, and by whom: brackets removed, statuses set, versions restored, kept in the document beside
 * its text. Only ever appended to; a negotiator can see it and a version comparison can use it.
 */
const LOG = 'negotiation';

const Proposal = z.object({ text: z.string(), proposers: z.array(z.string()) });

export const NegotiationEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bracket-added'), bracketId: z.string(), alternatives: z.array(Proposal), by: Actor, at: z.number() }),
  z.object({
    type: z.literal('bracket-agreed'),
    bracketId: z.string(),
    /** The wording kept; null when the bracketed words were dropped altogether. */
    kept: Proposal.nullable(),
    dropped: z.array(Proposal),
    by: Actor,
    at: z.number(),
  }),
  z.object({ type: z.literal('status-set'), clauseId: z.string(), label: z.string(), status: ClauseStatus, by: Actor, at: z.number() }),
  /** The text was set back to a saved version (after an automatic version of what it replaced). */
  z.object({
    type: z.literal('version-restored'),
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

/** Every well-formed entry, oldest first; entries another version cannot read are skipped. */
export function readNegotiationLog(doc: Y.Doc): NegotiationEvent[] {
  return doc
    .getArray<unknown>(LOG)
    .toArray()
    .flatMap((entry) => {
      const parsed = NegotiationEvent.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
}

export function observeNegotiationLog(doc: Y.Doc, listener: () => void): () => void {
  const log = doc.getArray<unknown>(LOG);
  log.observe(listener);
  return () => log.unobserve(listener);
}


