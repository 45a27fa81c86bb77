import type { ApiHandlers, BinContents } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { readAllMeetingDocuments, readMeetingSummary } from '../../shared/model/meetingDoc';
import type { Logger } from '../storage/logger';
import { withMeetingDocs } from './secretariat';
import type { ServiceContext } from './serviceContext';

/**
 * This laptop's bin. Deleting a meeting or a document here hides it from this laptop's lists and
 * keeps it whole, still in sync with its hub, so it can be restored as it is then: nothing shared
 * is destroyed for anyone else, and a delete by mistake costs nothing.
 */
export function createBinService(
  deps: ServiceContext & { log: Logger; changed(meetingId: string): void },
): Pick<ApiHandlers, 'bin.put' | 'bin.list' | 'bin.restore'> {
  const { store, now } = deps;

  /** The meeting a meeting or declaration belongs to; refuses anything else. */
  const meetingOf = (id: string): string => {
    const stored = store.getDoc(id);
    if (stored?.kind === 'meeting') return stored.id;
    if (stored?.kind === 'declaration' && stored.meetingId) return stored.meetingId;
    throw new AccordError('not_found', 'There is no such meeting or document on this computer.');
  };

  return {
    'bin.put': ({ id }) => {
      const meetingId = meetingOf(id);
      if (store.putInBin(id, now())) {
        deps.log.info('bin.put', { id });
        deps.changed(meetingId);
      }
      return { id };
    },

    'bin.restore': ({ id }) => {
      const meetingId = meetingOf(id);
      if (!store.takeFromBin(id)) throw new AccordError('not_found', 'This is not in the bin.');
      deps.log.info('bin.restore', { id });
      deps.changed(meetingId);
      return { id };
    },

    'bin.list': (): BinContents => {
      const contents: BinContents = { meetings: [], documents: [] };
      for (const { id, binnedAt } of store.binContents()) {
        const stored = store.getDoc(id);
        const meetingId = stored?.kind === 'meeting' ? stored.id : stored?.meetingId;
        if (!stored || !meetingId) continue;
        // A meeting whose history cannot be read still shows, by its id, so it can be restored.
        let meetingTitle = meetingId;
        let title = id;
        try {
          withMeetingDocs(deps, meetingId, (docs) => {
            meetingTitle = readMeetingSummary(docs, meetingId)?.title ?? meetingId;
            title = stored.kind === 'meeting' ? meetingTitle : (readAllMeetingDocuments(docs).find((d) => d.id === id)?.title ?? id);
          });
        } catch (error) {
          deps.log.error('bin.unreadable', { id, error: String(error) });
        }
        if (stored.kind === 'meeting') contents.meetings.push({ id, title, binnedAt });
        else if (!store.isInBin(meetingId)) contents.documents.push({ id, title, meetingId, meetingTitle, binnedAt });
      }
      return contents;
    },
  };
}
