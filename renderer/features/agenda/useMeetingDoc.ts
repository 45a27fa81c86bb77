import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { useApp } from '../../app/context';
import { usePolled } from '../../app/usePolled';
import { ReplicaProvider } from '../../platform/replicaProvider';

export interface MeetingDocHandle {
  doc: Y.Doc;
  provider: ReplicaProvider;
  /** False until main's replica has sent its state: an empty doc before then means nothing. */
  synced: boolean;
}

/**
 * The meeting's own Y.Doc in this window, synced with main's replica like a document's, for as
 * long as the component using it is mounted.
 */
export function useMeetingDoc(meetingId: string): MeetingDocHandle | null {
  const { api } = useApp();
  const [handle, setHandle] = useState<MeetingDocHandle | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new ReplicaProvider(api, meetingId, doc);
    // The agenda shows no cursors: this window claims no presence in the meeting's room, where
    // presence means "this participant's app is connected" (main sets that on its own).
    provider.awareness.setLocalState(null);
    const onSync = () => setHandle({ doc, provider, synced: true });
    provider.on('sync', onSync);
    setHandle({ doc, provider, synced: false });
    provider.connect();
    return () => {
      provider.off('sync', onSync);
      provider.destroy();
      doc.destroy();
      setHandle(null);
    };
  }, [api, meetingId]);
  return handle;
}

/**
 * Whether this window may edit the meeting: `unknown` until main has answered (so an observer
 * never gets a moment of edit controls whose changes the hub would refuse), `read` for an
 * observer. A meeting with no hub is this computer's own: `edit`.
 */
export function useMeetingAccess(meetingId: string): 'unknown' | 'edit' | 'read' {
  const { api } = useApp();
  const answer = usePolled(meetingId, (id) => api.call('meetings.syncStatus', { meetingId: id }).then((status) => ({ status })), 2000);
  if (answer === null) return 'unknown';
  return answer.status?.role === 'observer' ? 'read' : 'edit';
}
