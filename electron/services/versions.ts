import * as Y from 'yjs';
import { AccordError } from '../../shared/api/errors';
import { clearClauseStatus, ClauseStatusEntry, readClauseStatuses, setClauseStatus } from '../../shared/declaration/clauseStatus';
import { recordNegotiation } from '../../shared/declaration/negotiationLog';
import { readPredecessor } from '../../shared/declaration/conversionRecord';
import { needsConversion, readableDeclaration } from '../../shared/declaration/model/legacyConversion';
import { readParagraphs } from '../../shared/declaration/model/paragraphOrder';
import { restoreVersion, type RestoreSummary } from '../../shared/declaration/restoreVersion';
import { type DeclarationSnapshot, readDeclarationSnapshot } from '../../shared/declaration/snapshot';
import { ParticipantEntry } from '../../shared/model/meetingDoc';
import { localActor } from './localActor';
import {
  circulateVersion,
  localDay,
  readCirculatedVersions,
  VersionOrigin,
  type VersionRef,
  VersionStatus,
  type VersionSummary,
} from '../../shared/model/versions';
import type { Logger } from '../storage/logger';
import { requireSecretariatHere, withMeetingDocs } from './secretariat';
import { documentNotFound, type ServiceContext } from './serviceContext';
import type { VersionListRow, VersionRow } from '../storage/appStore';

/** The paragraphs a restore leaves shown: those whose statuses it sets back. */
function restoredParagraphIds(doc: Y.Doc): string[] {
  return readParagraphs(doc).map((paragraph) => paragraph.id);
}

export function versionNotFound(): AccordError {
  return new AccordError('not_found', 'This version is not stored on this computer.');
}

/** Who acts from this computer in a meeting: the participant it joined as, or (its own meeting) the secretariat. */

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored row as the API shows it; null when another app version wrote something this one cannot read. */
function toSummary(row: Omit<VersionListRow, 'state_bytes'>, bytes: number): VersionSummary | null {
  const status = VersionStatus.safeParse(row.status);
  const origin = VersionOrigin.safeParse(row.origin);
  const author = ParticipantEntry.safeParse(parseJson(row.author));
  const circulatedBy = row.circulated_by === null ? null : ParticipantEntry.safeParse(parseJson(row.circulated_by));
  if (!status.success || !origin.success || !author.success || (circulatedBy && !circulatedBy.success)) return null;
  return {
    id: row.id,
    documentId: row.doc_id,
    label: row.label,
    status: status.data,
    origin: origin.data,
    author: author.data,
    createdAt: row.created_at,
    circulated: circulatedBy?.success && row.circulated_at !== null ? { at: row.circulated_at, by: circulatedBy.data } : null,
    bytes,
  };
}

/** Statuses as stored with a version (or carried in a file): only well-formed entries count. */
export function parseStatuses(value: unknown): Map<string, ClauseStatusEntry> {
  const statuses = new Map<string, ClauseStatusEntry>();
  if (value === null || typeof value !== 'object') return statuses;
  for (const [clauseId, entry] of Object.entries(value)) {
    const parsed = ClauseStatusEntry.safeParse(entry);
    if (parsed.success) statuses.set(clauseId, parsed.data);
  }
  return statuses;
}

export interface VersionsDeps extends ServiceContext {
  log: Logger;
  /** Minutes local time is behind UTC at an instant (Date#getTimezoneOffset), for "a day". */
  timezoneOffset?: (time: number) => number;
}

/**
 * Named and automatic versions of declarations: the whole Yjs state at one moment, kept in
 * SQLite and never overwritten. Restoring one writes its content as a new change.
 */
export class Versions {
  private readonly timezoneOffset: (time: number) => number;

  constructor(private readonly deps: VersionsDeps) {
    this.timezoneOffset = deps.timezoneOffset ?? ((time) => new Date(time).getTimezoneOffset());
  }

  /** The meeting a declaration belongs to; refuses anything that is not a declaration held here. */
  meetingOf(documentId: string): string {
    const stored = this.deps.store.getDoc(documentId);
    if (stored?.kind !== 'declaration' || !stored.meetingId) throw documentNotFound();
    return stored.meetingId;
  }

  save(documentId: string, input: { label: string; status: VersionStatus; origin: VersionOrigin }): VersionSummary {
    const { store, replicas, now, newId } = this.deps;
    const meetingId = this.meetingOf(documentId);
    const author = localActor(this.deps, meetingId);
    const state = replicas.with(documentId, (replica) => Y.encodeStateAsUpdate(replica.doc));
    const statuses = this.statuses(documentId, 'current');
    const row: VersionRow = {
      id: newId(),
      doc_id: documentId,
      label: input.label,
      status: input.status,
      origin: input.origin,
      author: JSON.stringify(author),
      state: Buffer.from(state),
      created_at: now(),
      circulated_at: null,
      circulated_by: null,
      statuses: JSON.stringify(Object.fromEntries(statuses)),
    };
    store.insertVersion(row);
    this.deps.log.info('version.saved', { documentId, id: row.id, origin: input.origin, bytes: state.byteLength });
    return toSummary(row, state.byteLength)!;
  }

  /** Every version of a document held here, oldest first, circulated ones received included. */
  list(documentId: string): VersionSummary[] {
    this.receiveCirculated(documentId);
    return this.deps.store
      .listVersions(documentId)
      .map((row) => toSummary(row, row.state_bytes))
      .filter((summary): summary is VersionSummary => summary !== null);
  }

  get(documentId: string, versionId: string): { summary: VersionSummary; state: Uint8Array } {
    this.receiveCirculated(documentId);
    const row = this.deps.store.getVersion(versionId);
    if (!row || row.doc_id !== documentId) throw versionNotFound();
    const summary = toSummary(row, row.state.byteLength);
    if (!summary) throw new AccordError('storage_unavailable', 'This version was saved by a newer version of Accord and cannot be opened here.');
    return { summary, state: new Uint8Array(row.state) };
  }

  /**
   * A Y.Doc holding a version (or the current text) in the declaration model, for reading:
   * changes to it go nowhere. A text written by the release before the model is converted on the
   * fly, the way the secretariat's conversion does it.
   */
  openDoc(documentId: string, ref: VersionRef): Y.Doc {
    return this.readable(documentId, ref).doc;
  }

  /** A version (or the current text) as a comparison reads it: paragraphs, words, brackets and statuses. */
  snapshot(documentId: string, ref: VersionRef): DeclarationSnapshot {
    const doc = this.openDoc(documentId, ref);
    try {
      return readDeclarationSnapshot(doc, this.statuses(documentId, ref));
    } finally {
      doc.destroy();
    }
  }

  private readable(documentId: string, ref: VersionRef): { doc: Y.Doc; statuses: Map<string, ClauseStatusEntry> | null } {
    const doc = new Y.Doc();
    const state = ref === 'current' ? this.currentState(documentId) : this.get(documentId, ref).state;
    try {
      Y.applyUpdate(doc, state);
    } catch (error) {
      doc.destroy();
      throw new AccordError('storage_unavailable', `This version's stored content cannot be read (${String(error)}).`);
    }
    if (!needsConversion(doc)) return { doc, statuses: null };
    const converted = readableDeclaration(doc, this.conversionSeed(documentId));
    doc.destroy();
    return converted;
  }

  /** What the converter names paragraphs after: a converted declaration's versions read as its conversion did. */
  private conversionSeed(documentId: string): string {
    return withMeetingDocs(this.deps, this.meetingOf(documentId), (docs) => readPredecessor(docs.secretariat, documentId)) ?? documentId;
  }

  /** Whether a document is still in the format of the release before the declaration model. */
  isEarlierFormat(documentId: string): boolean {
    this.meetingOf(documentId);
    return this.deps.replicas.with(documentId, (replica) => needsConversion(replica.doc));
  }

  /**
   * The paragraphs' statuses of the current text (from the meeting's secretariat doc) or of a
   * version (as they were when it was saved).
   */
  statuses(documentId: string, ref: VersionRef): Map<string, ClauseStatusEntry> {
    const meetingId = this.meetingOf(documentId);
    if (ref === 'current') {
      // Not converted yet: its statuses are still in its own doc, read through the converter.
      if (this.isEarlierFormat(documentId)) return this.readable(documentId, 'current').statuses ?? new Map();
      return withMeetingDocs(this.deps, meetingId, (docs) => readClauseStatuses(docs.secretariat, documentId));
    }
    this.get(documentId, ref);
    const saved = this.deps.store.getVersion(ref)?.statuses ?? null;
    // Saved before statuses moved out of the text: they are inside the version's own state.
    if (saved === null) return this.readable(documentId, ref).statuses ?? new Map();
    return parseStatuses(parseJson(saved));
  }

  currentState(documentId: string): Uint8Array {
    this.meetingOf(documentId);
    return this.deps.replicas.with(documentId, (replica) => Y.encodeStateAsUpdate(replica.doc));
  }

  /**
   * An automatic version the first time a document is opened on a day, so "what it said this
   * morning" can always be found. Skipped when nothing changed since the newest version.
   */
  ensureDaily(documentId: string): VersionSummary | null {
    this.meetingOf(documentId);
    const dayOf = (time: number) => localDay(time, this.timezoneOffset(time));
    const today = dayOf(this.deps.now());
    // A document made today said nothing yet this morning.
    if (dayOf(this.deps.store.getDoc(documentId)!.createdAt) === today) return null;
    const versions = this.deps.store.listVersions(documentId);
    if (versions.some((v) => v.origin === 'daily' && dayOf(v.created_at) === today)) return null;
    const newest = versions.at(-1);
    if (newest && this.unchangedSince(documentId, newest.id)) return null;
    return this.save(documentId, { label: today, status: 'draft', origin: 'daily' });
  }

  /** Sets the text back to a version, after keeping an automatic version of what it replaces. */
  restore(documentId: string, versionId: string): { safety: VersionSummary; summary: RestoreSummary & { statusesRestored: number } } {
    const meetingId = this.meetingOf(documentId);
    const actor = localActor(this.deps, meetingId);
    if (actor.role !== 'secretariat') {
      throw new AccordError('forbidden', 'Only the secretariat can restore a version: ask them to do it for the meeting.');
    }
    if (this.isEarlierFormat(documentId)) throw new AccordError('invalid_request', 'This declaration is in the format of an earlier Accord: convert it first, then restore the version in the converted one.');
    requireSecretariatHere(this.deps, meetingId, 'Only the secretariat can restore a version: ask them to do it for the meeting.');
    const { summary: version } = this.get(documentId, versionId);
    const source = this.openDoc(documentId, versionId);
    const wanted = this.statuses(documentId, versionId);
    try {
      const safety = this.save(documentId, { label: `Before restoring ${version.label}`, status: 'draft', origin: 'before-restore' });
      const summary = this.deps.replicas.with(documentId, (replica) => {
        const restored = restoreVersion(replica.doc, source);
        if (replica.persistenceError) throw replica.persistenceError;
        return restored;
      });
      // Statuses too, kept by the secretariat: a paragraph agreed since reads as the version had it.
      const current = this.statuses(documentId, 'current');
      const restoredIds = this.deps.replicas.with(documentId, (replica) => new Set(restoredParagraphIds(replica.doc)));
      let statusesRestored = 0;
      withMeetingDocs(this.deps, meetingId, (docs, held) => {
        docs.secretariat.transact(() => {
          for (const clauseId of new Set([...current.keys(), ...wanted.keys()])) {
            if (!restoredIds.has(clauseId)) continue;
            const then = wanted.get(clauseId);
            if (JSON.stringify(then) === JSON.stringify(current.get(clauseId))) continue;
            if (then) setClauseStatus(docs.secretariat, documentId, clauseId, then);
            else clearClauseStatus(docs.secretariat, documentId, clauseId);
            statusesRestored += 1;
          }
          recordNegotiation(docs.secretariat, { type: 'version-restored', documentId, versionId, label: version.label, safetyVersionId: safety.id, by: actor, at: this.deps.now() });
        });
        if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
      });
      this.deps.log.info('version.restored', { documentId, versionId, ...summary, statusesRestored });
      return { safety, summary: { ...summary, statusesRestored } };
    } finally {
      source.destroy();
    }
  }

  /** Sends a version to every participant through the meeting's secretariat doc (secretariat only). */
  circulate(documentId: string, versionId: string): VersionSummary {
    const meetingId = this.meetingOf(documentId);
    const actor = localActor(this.deps, meetingId);
    if (actor.role !== 'secretariat') throw new AccordError('forbidden', 'Only the secretariat can circulate a version.');
    requireSecretariatHere(this.deps, meetingId, 'Only the secretariat can circulate a version.');
    const { summary, state } = this.get(documentId, versionId);
    if (summary.circulated) return summary;
    const at = this.deps.now();
    withMeetingDocs(this.deps, meetingId, (docs, held) => {
      circulateVersion(docs.secretariat, versionId, {
        documentId,
        label: summary.label,
        status: summary.status,
        origin: summary.origin,
        author: summary.author,
        createdAt: summary.createdAt,
        circulatedAt: at,
        circulatedBy: actor,
        state: Uint8Array.from(state),
        statuses: Object.fromEntries(this.statuses(documentId, versionId)),
      });
      if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
    });
    this.deps.store.markVersionCirculated(versionId, at, JSON.stringify(actor));
    return { ...summary, circulated: { at, by: actor } };
  }

  /** Copies circulated versions from the meeting's secretariat doc into the local table, where they stay. */
  private receiveCirculated(documentId: string): void {
    const meetingId = this.meetingOf(documentId);
    const circulated = withMeetingDocs(this.deps, meetingId, (docs) => readCirculatedVersions(docs, documentId));
    const rows: VersionRow[] = circulated.map((v) => ({
      id: v.id,
      doc_id: documentId,
      label: v.label,
      status: v.status,
      origin: v.origin,
      author: JSON.stringify(v.author),
      state: Buffer.from(v.state),
      created_at: v.createdAt,
      circulated_at: v.circulatedAt,
      circulated_by: JSON.stringify(v.circulatedBy),
      // A version from before statuses moved out of the text has them inside its own state.
        statuses: v.statuses ? JSON.stringify(Object.fromEntries(parseStatuses(v.statuses))) : null,
    }));
    if (rows.length > 0) this.deps.store.insertVersionsIfAbsent(rows);
  }

  /** Byte for byte: a state vector alone would miss changes that only delete. */
  private unchangedSince(documentId: string, versionId: string): boolean {
    const row = this.deps.store.getVersion(versionId);
    return row !== undefined && row.state.equals(Buffer.from(this.currentState(documentId)));
  }
}
