import * as Y from 'yjs';
import { newParagraphId, type Writer } from './operations';
import { readParagraphs } from './paragraphOrder';
import { BRACKET_ATTRIBUTE, bracketAttribute, bracketsOf, parseBracketAttribute, readEntryById } from './shape';
import { readRuns } from './textRuns';

/**
 * Brackets as marks on the words they cover: each wording of a bracket is a stretch of its
 * paragraph's text carrying `bracket: "<bracketId>/<alternativeId>"`, so words anyone types
 * inside a wording stay inside it, and the proposers of each wording live beside the text in the
 * `brackets` map, keyed by the bracket's id.
 */
export interface Proposal {
  text: string;
  proposers: string[];
}

export interface AlternativeView extends Proposal {
  alternativeId: string;
}

export interface BracketView {
  bracketId: string;
  paragraphId: string;
  alternatives: AlternativeView[];
}

export type BracketRefusal = 'empty' | 'several-paragraphs' | 'already-bracketed' | 'no-proposers';
export type BracketResult = { ok: true; bracketId: string; alternatives: Proposal[] } | { ok: false; reason: BracketRefusal };

/** Proposers as stored: a peer may have written anything, so only strings count, once each. */
export function readProposers(doc: Y.Doc, bracketId: string, alternativeId: string): string[] {
  const bracket = bracketsOf(doc).get(bracketId);
  if (!(bracket instanceof Y.Map)) return [];
  const proposers = bracket.get(alternativeId);
  return Array.isArray(proposers) ? [...new Set(proposers.filter((p): p is string => typeof p === 'string'))] : [];
}

/**
 * The Yjs client id that last wrote a wording's proposers: whose record it is, apart from the
 * delegations it names (the hub says whose client that is: model/clientOwners.ts).
 */
export function proposersWriter(doc: Y.Doc, bracketId: string, alternativeId: string): number | null {
  const bracket = bracketsOf(doc).get(bracketId);
  if (!(bracket instanceof Y.Map)) return null;
  return bracket._map.get(alternativeId)?.id.client ?? null;
}

function cleanProposers(proposers: ReadonlyArray<string>): string[] {
  return [...new Set(proposers.map((p) => p.trim()).filter((p) => p !== ''))];
}

/**
 * Brackets the words [from, to) of a paragraph for `proposers`, with further wordings after them
 * ("[shall / should]"). The words themselves stay the same characters: only an attribute is set.
 */
export function bracketRange(
  doc: Y.Doc,
  paragraphId: string,
  from: number,
  to: number,
  proposers: ReadonlyArray<string>,
  alternatives: ReadonlyArray<Proposal> = [],
  writer: Writer = {},
): BracketResult {
  const paragraph = readEntryById(doc, paragraphId);
  if (!paragraph) return { ok: false, reason: 'empty' };
  const start = Math.max(0, Math.min(from, to));
  const end = Math.min(paragraph.text.length, Math.max(from, to));
  const words = paragraph.text.toString().slice(start, end);
  if (end <= start || words.trim() === '') return { ok: false, reason: 'empty' };
  const first = cleanProposers(proposers);
  if (first.length === 0 || alternatives.some((a) => a.text.trim() !== '' && cleanProposers(a.proposers).length === 0)) return { ok: false, reason: 'no-proposers' };
  let at = 0;
  for (const run of readRuns(paragraph.text)) {
    const runEnd = at + run.text.length;
    if (runEnd > start && at < end && run.attributes[BRACKET_ATTRIBUTE] !== undefined) return { ok: false, reason: 'already-bracketed' };
    at = runEnd;
  }
  const bracketId = newParagraphId(writer);
  const wordings: Array<{ alternativeId: string; text: string; proposers: string[] }> = [{ alternativeId: newParagraphId(writer), text: words, proposers: first }];
  for (const alternative of alternatives) {
    if (alternative.text.trim() === '') continue;
    wordings.push({ alternativeId: newParagraphId(writer), text: alternative.text, proposers: cleanProposers(alternative.proposers) });
  }
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    for (const wording of wordings) entry.set(wording.alternativeId, wording.proposers);
    bracketsOf(doc).set(bracketId, entry);
    paragraph.text.format(start, end - start, { [BRACKET_ATTRIBUTE]: bracketAttribute(bracketId, wordings[0]!.alternativeId) });
    let insertAt = end;
    for (const wording of wordings.slice(1)) {
      paragraph.text.insert(insertAt, wording.text, { [BRACKET_ATTRIBUTE]: bracketAttribute(bracketId, wording.alternativeId) });
      insertAt += wording.text.length;
    }
  }, writer.change);
  return { ok: true, bracketId, alternatives: wordings.map(({ text, proposers: p }) => ({ text, proposers: p })) };
}

interface Stretch {
  paragraphId: string;
  alternativeId: string;
  from: number;
  to: number;
  text: string;
}

/** Where a bracket's wordings stand, in reading order (normally one paragraph, one stretch each). */
function stretchesOf(doc: Y.Doc, bracketId: string): Stretch[] {
  const stretches: Stretch[] = [];
  for (const paragraph of readParagraphs(doc)) {
    let at = 0;
    for (const run of readRuns(paragraph.text)) {
      const mark = parseBracketAttribute(run.attributes[BRACKET_ATTRIBUTE]);
      if (mark?.bracketId === bracketId) {
        const last = stretches.at(-1);
        if (last && last.paragraphId === paragraph.id && last.alternativeId === mark.alternativeId && last.to === at) {
          last.to += run.text.length;
          last.text += run.text;
        } else stretches.push({ paragraphId: paragraph.id, alternativeId: mark.alternativeId, from: at, to: at + run.text.length, text: run.text });
      }
      at += run.text.length;
    }
  }
  return stretches;
}

/** A bracket as a reader sees it: its wordings in order, with who proposes each. */
export function readBracket(doc: Y.Doc, bracketId: string): BracketView | null {
  const stretches = stretchesOf(doc, bracketId);
  if (stretches.length === 0) return null;
  const alternatives: AlternativeView[] = [];
  for (const stretch of stretches) {
    const known = alternatives.find((a) => a.alternativeId === stretch.alternativeId);
    if (known) known.text += stretch.text;
    else alternatives.push({ alternativeId: stretch.alternativeId, text: stretch.text, proposers: readProposers(doc, bracketId, stretch.alternativeId) });
  }
  return { bracketId, paragraphId: stretches[0]!.paragraphId, alternatives };
}

export interface AgreedBracket {
  bracketId: string;
  kept: Proposal | null;
  dropped: Proposal[];
}

/**
 * Agreement: the chosen wording stays as ordinary text, the others go (null: all of them go).
 * Words someone types into a dropped wording at the same moment survive the merge, still marked
 * as that wording: the bracket shows again, with them, rather than losing them.
 */
export function agreeBracket(doc: Y.Doc, bracketId: string, keepAlternativeId: string | null, writer: Writer = {}): AgreedBracket | null {
  const view = readBracket(doc, bracketId);
  if (!view) return null;
  if (keepAlternativeId !== null && !view.alternatives.some((a) => a.alternativeId === keepAlternativeId)) return null;
  const stretches = stretchesOf(doc, bracketId);
  doc.transact(() => {
    // From the end, so the offsets of the stretches still to do stay right.
    for (const stretch of [...stretches].reverse()) {
      const paragraph = readEntryById(doc, stretch.paragraphId);
      if (!paragraph) continue;
      if (stretch.alternativeId === keepAlternativeId) paragraph.text.format(stretch.from, stretch.to - stretch.from, { [BRACKET_ATTRIBUTE]: null });
      else paragraph.text.delete(stretch.from, stretch.to - stretch.from);
    }
  }, writer.change);
  const strip = ({ text, proposers }: Proposal): Proposal => ({ text, proposers });
  return {
    bracketId,
    kept: view.alternatives.filter((a) => a.alternativeId === keepAlternativeId).map(strip)[0] ?? null,
    dropped: view.alternatives.filter((a) => a.alternativeId !== keepAlternativeId).map(strip),
  };
}

/** Adds a wording at the end of a bracket. */
export function addAlternative(doc: Y.Doc, bracketId: string, proposal: Proposal, writer: Writer = {}): string | null {
  const proposers = cleanProposers(proposal.proposers);
  const stretches = stretchesOf(doc, bracketId);
  const last = stretches.at(-1);
  const bracket = bracketsOf(doc).get(bracketId);
  if (!last || !(bracket instanceof Y.Map) || proposal.text.trim() === '' || proposers.length === 0) return null;
  const paragraph = readEntryById(doc, last.paragraphId);
  if (!paragraph) return null;
  const alternativeId = newParagraphId(writer);
  doc.transact(() => {
    bracket.set(alternativeId, proposers);
    paragraph.text.insert(last.to, proposal.text, { [BRACKET_ATTRIBUTE]: bracketAttribute(bracketId, alternativeId) });
  }, writer.change);
  return alternativeId;
}

export function setProposers(doc: Y.Doc, bracketId: string, alternativeId: string, proposers: ReadonlyArray<string>, writer: Writer = {}): boolean {
  const clean = cleanProposers(proposers);
  const bracket = bracketsOf(doc).get(bracketId);
  if (clean.length === 0 || !(bracket instanceof Y.Map)) return false;
  doc.transact(() => bracket.set(alternativeId, clean), writer.change);
  return true;
}
