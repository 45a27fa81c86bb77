import { AccordError } from '../../shared/api/errors';
import { type MeetingDocs, secretariatDocId } from '../../shared/model/secretariatDoc';
import { migrateToSecretariatDoc } from '../../shared/model/secretariatMigration';
import type { Logger } from '../storage/logger';
import type { Replicas } from '../storage/replicas';
import type { AppStore } from '../storage/appStore';

/**
 * Registers a meeting's secretariat doc in the app's database (it is derived from the meeting id, so this is
 * only ever needed once) and returns its id. Refuses an id held by anything else: nothing but the
 * meeting's secretariat doc may be stored under it.
 */
export function ensureSecretariatDoc(store: AppStore, meetingId: string, now: number): string {
  const id = secretariatDocId(meetingId);
  const stored = store.getDoc(id) ?? store.ensureDoc({ id, kind: 'secretariat', meetingId, now });
  if (stored.kind !== 'secretariat' || stored.meetingId !== meetingId) {
    throw new AccordError('storage_unavailable', `This computer holds something else where the secretariat’s part of this meeting belongs (${id}). Nothing has been changed.`, store.file);
  }
  return id;
}

/** Runs `fn` on a meeting's two docs, each held just for the call. */
export function withMeetingDocs<T>(
  deps: { store: AppStore; replicas: Replicas; now: () => number },
  meetingId: string,
  fn: (docs: MeetingDocs, replicas: { meeting: ReturnType<Replicas['acquire']>; secretariat: ReturnType<Replicas['acquire']> }) => T,
): T {
  const secretariatId = ensureSecretariatDoc(deps.store, meetingId, deps.now());
  return deps.replicas.with(meetingId, (meeting) =>
    deps.replicas.with(secretariatId, (secretariat) => fn({ meeting: meeting.doc, secretariat: secretariat.doc }, { meeting, secretariat })),
  );
}

/**
 * Whether the person at this computer is the meeting's secretariat: they joined it with a
 * secretariat code, or it has never been joined on a hub (created here, or hosted here).
 */
export function isSecretariatHere(store: AppStore, meetingId: string): boolean {
  const remote = store.getRemote(meetingId);
  return !remote || remote.role === 'secretariat';
}

/**
 * Copies a legacy meeting's secretariat parts into its secretariat doc if this computer is its
 * secretariat and they are not there yet (see secretariatMigration.ts). Safe to call any time:
 * it does nothing once done, or while the meeting has not arrived.
 */
export function migrateIfSecretariat(deps: { store: AppStore; replicas: Replicas; now: () => number; log: Logger }, meetingId: string): boolean {
  if (!isSecretariatHere(deps.store, meetingId)) return false;
  return withMeetingDocs(deps, meetingId, (docs, replicas) => {
    const migrated = migrateToSecretariatDoc(docs, meetingId);
    if (migrated) {
      if (replicas.secretariat.persistenceError) throw replicas.secretariat.persistenceError;
      deps.log.info('meeting.secretariat-migrated', { meetingId });
    }
    return migrated;
  });
}

/**
 * Prepares a secretariat write: the writer must be the secretariat here, and the legacy parts must
 * be in the secretariat doc before anything is added next to them.
 */
export function requireSecretariatHere(
  deps: { store: AppStore; replicas: Replicas; now: () => number; log: Logger },
  meetingId: string,
  refusal: string,
): void {
  if (!isSecretariatHere(deps.store, meetingId)) throw new AccordError('forbidden', refusal);
  migrateIfSecretariat(deps, meetingId);
}

/**
 * At start: every meeting held here gets its secretariat doc registered, and the meetings this
 * computer is the secretariat of without a hub (created or hosted here) have their legacy parts
 * copied. Meetings joined as the secretariat copy theirs once linked (syncClient.ts), where the
 * hub can say whether another secretariat laptop has already. One meeting that fails is logged;
 * the others are prepared.
 */
export function prepareMeetings(deps: { store: AppStore; replicas: Replicas; now: () => number; log: Logger }): void {
  for (const meeting of deps.store.listDocs('meeting')) {
    try {
      ensureSecretariatDoc(deps.store, meeting.id, deps.now());
      if (!deps.store.getRemote(meeting.id)) migrateIfSecretariat(deps, meeting.id);
    } catch (error) {
      deps.log.error('meeting.prepare', { meetingId: meeting.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
