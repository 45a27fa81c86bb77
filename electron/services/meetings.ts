import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { compareMeetings, type MeetingDetail, type MeetingListEntry, type MeetingSummary, type MeetingSyncStatus } from '../../shared/model/meeting';
import { type MeetingDocumentEntry, readDelegationDocuments, readMeetingSummary, readOfficialDocuments, setMeetingArchived, updateMeetingParticulars, writeMeetingMeta } from '../../shared/model/meetingDoc';
import { holdsSecretariatParts, secretariatDocId } from '../../shared/model/secretariatDoc';
import { requireSecretariatHere, withMeetingDocs } from './secretariat';
import type { ServiceContext } from './serviceContext';
import type { LanHosting } from './lanHosting';
import type { Logger } from '../storage/logger';
import type { SyncClient } from './syncClient';

export function meetingNotFound(): AccordError {
  return new AccordError('not_found', 'This meeting no longer exists on this computer.');
}

export function createMeetingsService(
  deps: ServiceContext & { syncClient: SyncClient; lanHosting: LanHosting; log: Logger },
): Pick<
  ApiHandlers,
  | 'meetings.list'
  | 'meetings.create'
  | 'meetings.update'
  | 'meetings.setArchived'
  | 'meetings.get'
  | 'meetings.join'
  | 'meetings.syncStatus'
  | 'meetings.participants'
  | 'meetings.host'
  | 'meetings.hostingPlan'
  | 'meetings.stopHosting'
  | 'meetings.invite'
  | 'meetings.revokeInvitation'
> & {
  /** One meeting as `meetings.list` lists it, or undefined if it is not listed (gone, or unreadable). */
  listEntry(meetingId: string): MeetingListEntry | undefined;
} {
  const { store, replicas, now, newId, syncClient, lanHosting } = deps;

  const summary = (id: string): MeetingSummary | undefined => withMeetingDocs(deps, id, (docs) => readMeetingSummary(docs, id));

  /**
   * A meeting moved from this laptop to an online hub is on both while the secretariat keeps
   * hosting it for those who have not moved yet: the hub is where it lives, and the status says
   * what still runs here.
   */
  const statusOf = (id: string): MeetingSyncStatus | undefined => {
    const lan = lanHosting.status(id);
    const hub = syncClient.status(id);
    // Moved here, the old hub's link lasts only until that hub has the notice: the meeting is hosted here.
    if (lan && syncClient.isLeaving(id)) return lan;
    if (lan && hub) return { ...hub, alsoHostedAt: lan.hubUrl };
    return lan ?? hub;
  };

  /** Where a meeting is shared and who this computer's user is in it, read from what main holds in memory. */
  const sharing = (id: string): Omit<MeetingListEntry, keyof MeetingSummary> => {
    const remote = store.getRemote(id);
    const lan = lanHosting.status(id);
    if (lan && (!remote || syncClient.isLeaving(id))) return { sharing: 'lan', hubUrl: lan.hubUrl, role: 'secretariat', delegation: null, status: lan };
    if (!remote) return { sharing: 'local', hubUrl: null, role: 'secretariat', delegation: null, status: null };
    return { sharing: 'hub', hubUrl: remote.hub_url, role: remote.role, delegation: remote.delegation, status: statusOf(id) ?? null };
  };

  /** One meeting whose history cannot be read must not hide all the others. */
  const listEntry = (id: string): MeetingListEntry | undefined => {
    try {
      // A meeting in this laptop's bin is listed in the bin only.
      if (store.getDoc(id)?.kind !== 'meeting' || store.isInBin(id)) return undefined;
      const meeting = summary(id);
      return meeting && { ...meeting, ...sharing(id) };
    } catch (error) {
      deps.log.error('meetings.list.unreadable', { id, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };

  return {
    listEntry,

    'meetings.list': () =>
      store
        .listDocs('meeting')
        .map((doc) => listEntry(doc.id))
        .filter((m): m is MeetingListEntry => m !== undefined)
        .sort(compareMeetings),

    'meetings.create': (input) => {
      const id = newId();
      const createdAt = now();
      const secretariatId = secretariatDocId(id);
      store.transaction(() => {
        store.createDoc({ id, kind: 'meeting', meetingId: null, now: createdAt });
        store.createDoc({ id: secretariatId, kind: 'secretariat', meetingId: id, now: createdAt });
      });
      // The particulars are the secretariat's: whoever creates a meeting is its secretariat.
      replicas.with(secretariatId, (replica) => {
        writeMeetingMeta(replica.doc, { ...input, createdAt });
        if (replica.persistenceError) throw replica.persistenceError;
      });
      return { id, ...input, createdAt };
    },

    'meetings.update': ({ meetingId, particulars }) => {
      if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
      requireSecretariatHere(deps, meetingId, 'Only the secretariat can change the meeting’s particulars.');
      return withMeetingDocs(deps, meetingId, (docs, held) => {
        // A secretariat laptop that has just joined may not hold the particulars yet: that is a
        // wait, not a failure of Accord's.
        if (!holdsSecretariatParts(docs.secretariat)) {
          throw new AccordError('unavailable', 'This meeting’s particulars have not arrived from its hub yet. Try again once it has synced.');
        }
        updateMeetingParticulars(docs.secretariat, particulars);
        if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
        const meeting = readMeetingSummary(docs, meetingId);
        if (!meeting) throw new AccordError('not_found', 'This meeting’s details could not be read.');
        return meeting;
      });
    },

    'meetings.setArchived': ({ meetingId, archived }) => {
      if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
      requireSecretariatHere(deps, meetingId, 'Only the secretariat can archive the meeting, or bring it back.');
      return withMeetingDocs(deps, meetingId, (docs, held) => {
        if (!holdsSecretariatParts(docs.secretariat)) {
          throw new AccordError('unavailable', 'This meeting’s particulars have not arrived from its hub yet. Try again once it has synced.');
        }
        setMeetingArchived(docs.secretariat, archived);
        if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
        const meeting = readMeetingSummary(docs, meetingId);
        if (!meeting) throw new AccordError('not_found', 'This meeting’s details could not be read.');
        return meeting;
      });
    },

    'meetings.join': async (request) => {
      const meetingId = await syncClient.join(request);
      const meeting = summary(meetingId);
      if (!meeting) throw new AccordError('internal', 'Joined, but the meeting’s details have not arrived from the hub yet.');
      return meeting;
    },

    'meetings.syncStatus': ({ meetingId }) => statusOf(meetingId) ?? null,

    'meetings.participants': ({ meetingId }) => syncClient.participants(meetingId) ?? lanHosting.participants(meetingId) ?? [],

    'meetings.hostingPlan': ({ meetingId }) => {
      if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
      return lanHosting.plan();
    },

    'meetings.stopHosting': async ({ meetingId }) => {
      if (!lanHosting.isHosted(meetingId)) throw new AccordError('invalid_request', 'This meeting is not hosted on this computer.');
      await lanHosting.unhost(meetingId);
      return { meetingId };
    },

    'meetings.host': ({ meetingId }) => {
      // Hosted still, after a move to a hub: asked again for its addresses and codes.
      if (syncClient.remote(meetingId) && !lanHosting.isHosted(meetingId)) {
        throw new AccordError('invalid_request', 'This meeting is already shared through a hub; it cannot also be hosted here.');
      }
      return lanHosting.host(meetingId);
    },

    'meetings.invite': ({ meetingId, role, delegation }) => {
      const { code, ...issued } = lanHosting.invite({ meetingId, role, delegation });
      return { ...issued, code };
    },

    'meetings.revokeInvitation': ({ meetingId, invitationId }) => lanHosting.revoke(meetingId, invitationId),

    'meetings.get': ({ meetingId }): MeetingDetail => {
      const stored = store.getDoc(meetingId);
      if (stored?.kind !== 'meeting') throw meetingNotFound();
      return withMeetingDocs(deps, meetingId, (docs) => {
        const meeting = readMeetingSummary(docs, meetingId);
        if (!meeting) throw new AccordError('not_found', 'This meeting’s details could not be read.');
        // Only documents held here as this meeting's declarations: a list names what others wrote.
        const updatedAt = new Map(
          store
            .listMeetingDocs(meetingId)
            .filter((d) => d.kind === 'declaration')
            .map((d) => [d.id, d.updatedAt]),
        );
        const held = (entry: MeetingDocumentEntry) => updatedAt.has(entry.id) && !store.isInBin(entry.id);
        const withTime = <E extends Omit<MeetingDocumentEntry, 'delegation'>>(entry: E) => ({ ...entry, meetingId, updatedAt: updatedAt.get(entry.id)! });
        const documents = readOfficialDocuments(docs)
          .filter(held)
          .map(({ delegation: _delegation, ...entry }) => withTime(entry));
        const delegationDocuments = readDelegationDocuments(docs).filter(held).map(withTime);
        return { ...meeting, documents, delegationDocuments };
      });
    },
  };
}
