import * as Y from 'yjs';
import { z } from 'zod';
import { type Authorship, authorshipOf, type ClientOwner } from '../model/clientOwners';
import { Role } from '../model/invitation';
import { ParticipantEntry } from '../model/meetingDoc';
import { holdsSecretariatParts, SECRETARIAT_ROOTS } from '../model/secretariatDoc';
import { readParagraphs } from './model/paragraphOrder';
import { BRACKET_ATTRIBUTE, clauseKindOf, parseBracketAttribute } from './model/shape';
import { readRuns } from './model/textRuns';
import { type NegotiationEvent, readNegotiationRecord } from './negotiationLog';
import { numberDeclaration } from './numbering';

/**
 * The negotiation log of one declaration as a reader goes through it: what the delegations logged
 * in the declaration's doc, what the secretariat logged in the meeting's, and the versions it
 * circulated, newest first; each entry with the paragraph it is about (numbered as the text
 * stands now) and the seat that wrote it as the hub recorded, not only as the entry claims.
 */

/** A circulation is kept with the circulated version itself (model/versions.ts), written once. */
export interface CirculatedAction {
  type: 'version-circulated';
  versionId: string;
  label: string;
  by: ParticipantEntry;
  at: number;
}

export type LoggedAction = NegotiationEvent | CirculatedAction;

export interface Seat {
  role: Role;
  delegation: string | null;
}

export interface LogParagraph {
  id: string;
  /** As numbered now while the paragraph is in the text, else as the entry recorded it ("" for an unnumbered one). */
  label: string;
  /** What the entry recorded, when it differs from `label`: the paragraph was numbered so then. */
  then: string | null;
  /** Where it stands in the text (for listing paragraphs in reading order); null once gone. */
  position: number | null;
}

export interface LogEntry {
  key: string;
  action: LoggedAction;
  /** The person the entry names. */
  recorded: ParticipantEntry;
  /**
   * The seat shown and filtered by: the hub's, where the client that wrote the entry belongs to
   * another seat than the one the entry names; the entry's own otherwise.
   */
  seat: Seat;
  authorship: Authorship;
  paragraph: LogParagraph | null;
}

export interface LogSources {
  /** The declaration's doc: the delegations' proposals. */
  declaration: Y.Doc | null;
  /** The meeting's secretariat doc: statuses, agreements, restores, circulations and client owners. */
  secretariat: Y.Doc | null;
  documentId: string;
  owners: ReadonlyMap<number, ClientOwner>;
}

const Circulated = z.object({ documentId: z.string(), label: z.string(), circulatedAt: z.number(), circulatedBy: ParticipantEntry });

interface Written {
  action: LoggedAction;
  writer: number | null;
  source: string;
  index: number;
}

export function readLogEntries({ declaration, secretariat, documentId, owners }: LogSources): LogEntry[] {
  const written: Written[] = [];
  if (declaration) {
    readNegotiationRecord(declaration, owners, documentId).forEach(({ authorship: _a, writer, ...action }, index) => written.push({ action, writer, source: 'd', index }));
  }
  if (secretariat) {
    // The secretariat's entries each name their document: one naming none is about no document here.
    readNegotiationRecord(secretariat, owners)
      .filter((entry) => entry.documentId === documentId)
      .forEach(({ authorship: _a, writer, ...action }, index) => written.push({ action, writer, source: 's', index }));
    if (holdsSecretariatParts(secretariat)) {
      const circulated = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.circulated);
      circulated.forEach((value, versionId) => {
        const parsed = Circulated.safeParse(value);
        if (!parsed.success || parsed.data.documentId !== documentId) return;
        const { label, circulatedAt: at, circulatedBy: by } = parsed.data;
        written.push({ action: { type: 'version-circulated', versionId, label, by, at }, writer: circulated._map.get(versionId)?.id.client ?? null, source: 'c', index: at });
      });
    }
  }

  const places = declaration ? paragraphPlaces(declaration) : { labels: new Map<string, { label: string; position: number }>(), bracketAt: () => null };
  const entries = written.map(({ action, writer, source, index }): LogEntry & { order: number } => {
    const authorship = authorshipOf(action.by, writer, owners);
    const owner = writer === null ? undefined : owners.get(writer);
    const seat = authorship === 'unverified' && owner ? { role: owner.role, delegation: owner.delegation } : { role: action.by.role, delegation: action.by.delegation };
    return { key: `${source}${index}`, action, recorded: action.by, seat, authorship, paragraph: paragraphOf(action, places), order: index };
  });
  // Newest first; within one moment, the later in its log first.
  entries.sort((a, b) => b.action.at - a.action.at || b.order - a.order);
  return entries.map(({ order: _order, ...entry }) => entry);
}

interface Places {
  labels: ReadonlyMap<string, { label: string; position: number }>;
  /** The paragraph an open bracket stands in. */
  bracketAt(bracketId: string): string | null;
}

function paragraphPlaces(doc: Y.Doc): Places {
  const paragraphs = readParagraphs(doc);
  const numbers = numberDeclaration(paragraphs.map((p) => ({ kind: clauseKindOf(p.kind) })));
  const labels = new Map(paragraphs.map((p, position) => [p.id, { label: numbers[position]!.label, position }]));
  let brackets: Map<string, string> | null = null;
  return {
    labels,
    bracketAt(bracketId) {
      // Only entries written before brackets kept their paragraph need the text searched.
      if (!brackets) {
        brackets = new Map();
        for (const paragraph of paragraphs) {
          for (const run of readRuns(paragraph.text)) {
            const mark = parseBracketAttribute(run.attributes[BRACKET_ATTRIBUTE]);
            if (mark && !brackets.has(mark.bracketId)) brackets.set(mark.bracketId, paragraph.id);
          }
        }
      }
      return brackets.get(bracketId) ?? null;
    },
  };
}

/** Where a bracket stands, for its log entries to keep: an agreed one leaves no mark to find it by. */
export function bracketPlace(doc: Y.Doc, bracketId: string): { clauseId?: string; label?: string } {
  const places = paragraphPlaces(doc);
  const id = places.bracketAt(bracketId);
  return id === null ? {} : { clauseId: id, label: places.labels.get(id)?.label ?? '' };
}

function paragraphOf(action: LoggedAction, places: Places): LogParagraph | null {
  let id: string | null = null;
  let recorded: string | null = null;
  if (action.type === 'status-set') {
    id = action.clauseId;
    recorded = action.label;
  } else if (action.type === 'bracket-added' || action.type === 'bracket-agreed') {
    id = action.clauseId ?? places.bracketAt(action.bracketId);
    recorded = action.label ?? null;
  }
  if (id === null) return null;
  const now = places.labels.get(id);
  const label = now ? now.label : (recorded ?? '');
  return { id, label, then: recorded && recorded !== label ? recorded : null, position: now ? now.position : null };
}

/** The delegations an entry is about besides who wrote it: those proposing a wording it names. */
export function proposersNamed(action: LoggedAction): string[] {
  const proposals =
    action.type === 'bracket-added' ? action.alternatives : action.type === 'bracket-agreed' ? [...(action.kept ? [action.kept] : []), ...action.dropped] : [];
  return [...new Set(proposals.flatMap((proposal) => proposal.proposers))];
}

/** A select's value for a seat: a delegation by its name, the secretariat or observers by role. */
export function seatKey(seat: Seat): string {
  return seat.delegation !== null ? `delegation:${seat.delegation}` : `role:${seat.role}`;
}

/** The seat a `seatKey` names. */
export function seatOfKey(key: string): Seat {
  if (key.startsWith('delegation:')) return { role: 'delegate', delegation: key.slice('delegation:'.length) };
  const role = Role.safeParse(key.slice('role:'.length));
  return { role: role.success ? role.data : 'observer', delegation: null };
}

export interface LogFilter {
  /** A paragraph's id, or null for every entry. */
  paragraph: string | null;
  /** A `seatKey`, or null for every entry. */
  seat: string | null;
}

/**
 * The entries about a paragraph and a seat: one a seat wrote, or that names a delegation as
 * proposing a wording (a secretariat bracketing words as a delegation speaks writes for it).
 */
export function filterLogEntries(entries: ReadonlyArray<LogEntry>, filter: LogFilter): LogEntry[] {
  return entries.filter((entry) => {
    if (filter.paragraph !== null && entry.paragraph?.id !== filter.paragraph) return false;
    if (filter.seat === null) return true;
    return seatKey(entry.seat) === filter.seat || proposersNamed(entry.action).some((name) => seatKey({ role: 'delegate', delegation: name }) === filter.seat);
  });
}

/** The paragraphs the log speaks of: those in the text in reading order, then those gone, by label. */
export function logParagraphs(entries: ReadonlyArray<LogEntry>): LogParagraph[] {
  const byId = new Map<string, LogParagraph>();
  for (const entry of entries) if (entry.paragraph && !byId.has(entry.paragraph.id)) byId.set(entry.paragraph.id, entry.paragraph);
  return [...byId.values()].sort(
    (a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.label.localeCompare(b.label, undefined, { numeric: true }) || a.id.localeCompare(b.id),
  );
}

/** The seats the log speaks of, by key: the secretariat first, then delegations by name, then observers. */
export function logSeats(entries: ReadonlyArray<LogEntry>): Array<{ key: string; seat: Seat }> {
  const seats = new Map<string, Seat>();
  const add = (seat: Seat) => seats.set(seatKey(seat), seat);
  for (const entry of entries) {
    add(entry.seat);
    for (const name of proposersNamed(entry.action)) add({ role: 'delegate', delegation: name });
  }
  const rank = (seat: Seat) => (seat.delegation !== null ? 1 : seat.role === 'secretariat' ? 0 : 2);
  return [...seats.entries()]
    .map(([key, seat]) => ({ key, seat }))
    .sort((a, b) => rank(a.seat) - rank(b.seat) || (a.seat.delegation ?? a.seat.role).localeCompare(b.seat.delegation ?? b.seat.role));
}
