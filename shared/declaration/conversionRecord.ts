import type * as Y from 'yjs';
import { z } from 'zod';
import { EntityId } from '../model/meeting';
import { ParticipantEntry } from '../model/meetingDoc';
import { SECRETARIAT_ROOTS } from '../model/secretariatDoc';

/**
 * Which declarations written before the declaration model were converted, into which document,
 * and what each paragraph read as then: kept in the secretariat's doc, which only the secretariat
 * writes, so every laptop sees the same answer and nobody else can forge one. What reaches the
 * earlier copy afterwards (from a laptop of the previous release that was offline) is told apart
 * by those fingerprints, and shown to the secretariat.
 */
export const ConversionRecord = z.object({ to: EntityId, at: z.number(), by: ParticipantEntry });
export type ConversionRecord = z.infer<typeof ConversionRecord>;

const conversions = (doc: Y.Doc) => doc.getMap<unknown>(SECRETARIAT_ROOTS.conversions);
const prints = (doc: Y.Doc) => doc.getMap<unknown>(SECRETARIAT_ROOTS.conversionPrints);

export function readConversion(secretariat: Y.Doc, earlierId: string): ConversionRecord | null {
  const parsed = ConversionRecord.safeParse(conversions(secretariat).get(earlierId));
  return parsed.success ? parsed.data : null;
}

/** The document a converted one was converted from, if any. */
export function readPredecessor(secretariat: Y.Doc, documentId: string): string | null {
  let found: string | null = null;
  conversions(secretariat).forEach((value, earlierId) => {
    const parsed = ConversionRecord.safeParse(value);
    if (parsed.success && parsed.data.to === documentId) found = earlierId;
  });
  return found;
}

/** Records a conversion, with each paragraph's fingerprint as converted. */
export function recordConversion(secretariat: Y.Doc, earlierId: string, record: ConversionRecord, fingerprints: ReadonlyMap<string, string>): void {
  secretariat.transact(() => {
    conversions(secretariat).set(earlierId, ConversionRecord.parse(record));
    notePrints(secretariat, earlierId, fingerprints);
  });
}

/** What the earlier copy's paragraphs read as when last taken into account (converted, or brought over). */
export function readConversionPrints(secretariat: Y.Doc, earlierId: string): Map<string, string> {
  const found = new Map<string, string>();
  const prefix = `${earlierId}/`;
  prints(secretariat).forEach((value, key) => {
    if (key.startsWith(prefix) && typeof value === 'string') found.set(key.slice(prefix.length), value);
  });
  return found;
}

export function notePrints(secretariat: Y.Doc, earlierId: string, fingerprints: ReadonlyMap<string, string>): void {
  const map = prints(secretariat);
  for (const [paragraphId, fingerprint] of fingerprints) if (map.get(`${earlierId}/${paragraphId}`) !== fingerprint) map.set(`${earlierId}/${paragraphId}`, fingerprint);
}
