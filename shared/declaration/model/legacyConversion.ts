import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import * as Y from 'yjs';
import { type ClauseStatusEntry, LEGACY_STATUSES, ClauseStatusEntry as StatusEntry } from '../clauseStatus';
import { COMMENTS } from '../comments';
import { NegotiationEvent } from '../negotiationLog';
import { seededRandom } from '../../model/seededRandom';
import { fingerprintOf, readDeclarationView } from './declarationView';
import { hasLegacyDeclaration, type LegacyRun, readKeyedLegacyDeclaration } from './legacyDeclaration';
import { insertParagraphs } from './operations';
import { BRACKET_ATTRIBUTE, bracketAttribute, bracketsOf, commentAttribute, FIELD_ATTRIBUTE, hasDeclarationModel, type TextAttributes } from './shape';
import type { Run } from './textRuns';

/**
 * Converts a declaration written by the release before the declaration model (Lexical's own Yjs
 * layout, read by legacyDeclaration.ts) into the model, with nothing lost: every paragraph with
 * its kind and clause id, every character with its formatting, brackets with their wordings and
 * proposers, comment marks and their threads, blanks, the delegations' part of the negotiation log,
 * and (returned apart, for the secretariat's doc) the paragraphs' statuses and the secretariat's
 * part of the log.
 *
 * The result depends on the old document alone: the same old document converts to the same bytes
 * on any laptop (ids, order keys and the writing client are all derived from its content), so two
 * secretariat laptops converting the same text at once make one conversion, not two.
 */
export interface ConvertedDeclaration {
  /** The converted document's whole state: apply it to an empty doc. */
  update: Uint8Array;
  /** Statuses by paragraph id, each with the fingerprint of the words it was set on. */
  statuses: Map<string, ClauseStatusEntry>;
  /** What the secretariat decided, to be logged in its doc under the new document's id. */
  secretariatLog: NegotiationEvent[];
}

/** Whether a doc holds a declaration only the converter can read (and not yet the model). */
export function needsConversion(doc: Y.Doc): boolean {
  return !hasDeclarationModel(doc) && hasLegacyDeclaration(doc);
}

function hex(bytes: Uint8Array, length: number): string {
  let out = '';
  for (const byte of bytes.subarray(0, length)) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Lexical's text format bits, as the old layout stored them, by the names the model uses. */
const FORMATS: ReadonlyArray<[string, number]> = [
  ['bold', 1],
  ['italic', 2],
  ['strikethrough', 4],
  ['underline', 8],
  ['code', 16],
  ['subscript', 32],
  ['superscript', 64],
  ['highlight', 128],
  ['lowercase', 256],
  ['uppercase', 512],
  ['capitalize', 1024],
];

function attributesOf(run: LegacyRun, fieldId: () => string): TextAttributes {
  const attributes: TextAttributes = {};
  for (const [name, bit] of FORMATS) if (run.format & bit) attributes[name] = true;
  for (const id of run.marks) attributes[commentAttribute(id)] = true;
  if (run.bracket) attributes[BRACKET_ATTRIBUTE] = bracketAttribute(run.bracket.bracketId, run.bracket.alternativeId);
  if (run.field) attributes[FIELD_ATTRIBUTE] = fieldId();
  return attributes;
}

/** A copy of a value read from one doc, as new types for another (Y types cannot move between docs). */
function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    value.forEach((inner, key) => map.set(key, copyValue(inner)));
    return map;
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>();
    array.push(value.toArray().map(copyValue));
    return array;
  }
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

/**
 * Converts `legacy` (which is only read). `seed` names the document (its id), so that paragraphs
 * without a clause id get the same new id on every laptop.
 */
export function convertLegacyDeclaration(legacy: Y.Doc, seed: string): ConvertedDeclaration {
  const blocks = readKeyedLegacyDeclaration(legacy);
  const identity = digest(encodeUtf8(`${seed}:${hex(digest(Y.encodeStateAsUpdate(legacy)), 32)}`));
  const doc = new Y.Doc();
  // The converted doc is written by a client whose id the content gives: the same everywhere.
  doc.clientID = ((identity[0]! << 24) | (identity[1]! << 16) | (identity[2]! << 8) | identity[3]!) >>> 0;
  const random = seededRandom((identity[4]! << 24) | (identity[5]! << 16) | (identity[6]! << 8) | identity[7]!);
  let counter = 0;
  const newId = () => `${hex(identity, 8)}-${(counter += 1)}`;
  // A paragraph without a clause id is named after its element in the old layout, so that it
  // keeps its id in every state of the old document (its versions, its later edits): comparing
  // them then shows what changed, not every such paragraph as removed and added.
  const keyed = (key: string | null) => (key === null ? null : `p-${hex(digest(encodeUtf8(`${seed}:${key}`)), 12)}`);

  const used = new Set<string>();
  const proposers = new Map<string, Map<string, string[]>>();
  const paragraphs = blocks.map((block) => {
    // A clause id copied with a pasted paragraph may stand twice: the copy gets an id of its own.
    const clauseId = block.clauseId && /^[A-Za-z0-9_-]{1,100}$/.test(block.clauseId) && !used.has(block.clauseId) ? block.clauseId : null;
    const byKey = keyed(block.key);
    const id = clauseId ?? (byKey !== null && !used.has(byKey) ? byKey : newId());
    used.add(id);
    let fields = 0;
    const runs: Run[] = block.runs.map((run) => {
      if (run.bracket) {
        const wordings = proposers.get(run.bracket.bracketId) ?? new Map<string, string[]>();
        wordings.set(run.bracket.alternativeId, [...new Set([...(wordings.get(run.bracket.alternativeId) ?? []), ...run.bracket.proposers])]);
        proposers.set(run.bracket.bracketId, wordings);
      }
      return { text: run.text, attributes: attributesOf(run, () => `${id}-field-${(fields += 1)}`) };
    });
    return { id, kind: block.kind, runs };
  });

  doc.transact(() => {
    for (const [bracketId, wordings] of proposers) {
      const entry = new Y.Map<unknown>();
      for (const [alternativeId, names] of wordings) entry.set(alternativeId, names);
      bracketsOf(doc).set(bracketId, entry);
    }
    // Comment threads, and the delegations' part of the log, come along as they were.
    legacy.getMap<unknown>(COMMENTS).forEach((thread, threadId) => doc.getMap<unknown>(COMMENTS).set(threadId, copyValue(thread)));
  });
  insertParagraphs(doc, null, paragraphs, { newId, random });

  const secretariatLog: NegotiationEvent[] = [];
  const delegations: NegotiationEvent[] = [];
  for (const entry of legacy.getArray<unknown>('negotiation').toArray()) {
    const event = NegotiationEvent.safeParse(entry);
    if (!event.success) continue;
    (event.data.type === 'bracket-added' ? delegations : secretariatLog).push(event.data);
  }
  if (delegations.length > 0) doc.getArray<unknown>('negotiation').push(delegations);

  // A status holds for the words it was set on: as of the conversion, the words the paragraph has.
  const reading = new Map(readDeclarationView(doc).map((p) => [p.id, p.text]));
  const statuses = new Map<string, ClauseStatusEntry>();
  legacy.getMap<unknown>(LEGACY_STATUSES).forEach((value, clauseId) => {
    if (typeof value !== 'object' || value === null) return;
    const parsed = StatusEntry.safeParse({ ...value, fingerprint: null });
    const text = reading.get(clauseId);
    if (parsed.success && text !== undefined) statuses.set(clauseId, { ...parsed.data, fingerprint: parsed.data.status === 'pending' ? null : fingerprintOf(text) });
  });

  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, statuses, secretariatLog };
}

/** A doc to read: the model as it is, or a declaration in the old layout converted on the fly. */
export function readableDeclaration(doc: Y.Doc, seed: string): { doc: Y.Doc; statuses: Map<string, ClauseStatusEntry> | null } {
  if (!needsConversion(doc)) return { doc, statuses: null };
  const converted = convertLegacyDeclaration(doc, seed);
  const readable = new Y.Doc();
  Y.applyUpdate(readable, converted.update);
  return { doc: readable, statuses: converted.statuses };
}
