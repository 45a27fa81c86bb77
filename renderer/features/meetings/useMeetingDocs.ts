import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { type MeetingDocs, secretariatDocId } from '../../../shared/model/secretariatDoc';
import { useApp } from '../../app/context';
import { useMeetingWatch } from './useMeetingWatch';
import { ReplicaProvider } from '../../platform/replicaProvider';

export interface ReplicaDocHandle {
  doc: Y.Doc;
  provider: ReplicaProvider;
  /** False until main's replica has sent its state: an empty doc before then means nothing. */
  synced: boolean;
}

export interface MeetingDocsHandle {
  /** The meeting's own doc (participants, the delegations' documents, a legacy meeting's parts). */
  meeting: ReplicaDocHandle;
  /** The secretariat's doc: particulars, agenda, official documents, templates, circulated versions. */
  secretariat: ReplicaDocHandle;
  /** Both docs, once both have arrived from main: null before, so nothing is read half-loaded. */
  docs: MeetingDocs | null;
}

/** A doc of main's, in this window, synced with main's replica for as long as the caller is mounted. */
function useReplicaDoc(docId: string | null): ReplicaDocHandle | null {
  const { api } = useApp();
  const [handle, setHandle] = useState<ReplicaDocHandle | null>(null);
  // Bumped when main rebuilt the doc from its hub's copy: it is then opened afresh, on a new Y.Doc.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (docId === null) return;
    const doc = new Y.Doc();
    const provider = new ReplicaProvider(api, docId, doc);
    // The meeting screen shows no cursors: this window claims no presence in the meeting's rooms,
    // where presence means "this participant's app is connected" (main sets that on its own).
    provider.awareness.setLocalState(null);
    const onSync = () => setHandle({ doc, provider, synced: true });
    const onReplaced = () => setGeneration((g) => g + 1);
    provider.on('sync', onSync);
    provider.on('replaced', onReplaced);
    setHandle({ doc, provider, synced: false });
    provider.connect();
    return () => {
      provider.off('sync', onSync);
      provider.off('replaced', onReplaced);
      provider.destroy();
      doc.destroy();
      setHandle(null);
    };
  }, [api, docId, generation]);
  return handle;
}

/** A meeting's two docs in this window (see shared/model/secretariatDoc.ts). */
export function useMeetingDocs(meetingId: string): MeetingDocsHandle | null {
  const meeting = useReplicaDoc(meetingId);
  const secretariat = useReplicaDoc(secretariatDocId(meetingId));
  const ready = meeting?.synced === true && secretariat?.synced === true;
  const docs = useMemo(
    () => (ready && meeting && secretariat ? { meeting: meeting.doc, secretariat: secretariat.doc } : null),
    [ready, meeting, secretariat],
  );
  if (!meeting || !secretariat) return null;
  return { meeting, secretariat, docs };
}

/**
 * The meeting's secretariat doc alone (a declaration's statuses and the record of agreements),
 * once its meeting is known.
 */
export function useSecretariatDoc(meetingId: string | null): ReplicaDocHandle | null {
  return useReplicaDoc(meetingId === null ? null : secretariatDocId(meetingId));
}

/**
 * Whether this window may change what the secretariat keeps (the agenda): `unknown` until main has
 * answered (so nobody gets a moment of edit controls whose changes the hub would drop), `edit` for
 * the secretariat, `read` for delegates and observers. A meeting with no hub is this computer's
 * own, and its user its secretariat: `edit`.
 */
export function useSecretariatAccess(meetingId: string): 'unknown' | 'edit' | 'read' {
  const told = useMeetingWatch(meetingId, (event) => event.status?.role ?? null);
  if (told === null) return 'unknown';
  return told.value === null || told.value === 'secretariat' ? 'edit' : 'read';
}
