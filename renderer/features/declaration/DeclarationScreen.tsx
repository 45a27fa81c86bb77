import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { formatBytes } from '../../ui/format';
import { useAsync } from '../../ui/useAsync';
import { DeclarationEditor } from '../../editor/DeclarationEditor';
import { MAX_PASTE_CHARACTERS } from '../../editor/PasteGuardPlugin';
import type { ReplicaProvider } from '../../platform/replicaProvider';
import { ConversionBanner } from './ConversionBanner';
import { DocumentTitle } from './DocumentTitle';
import { useTextTitle } from './useTextTitle';
import { SaveStatus } from './SaveStatus';
import type { Participant } from '../../editor/PresencePlugin';
import { ParticipantsPanel } from '../collaboration/ParticipantsPanel';
import { ToolbarPlugin } from '../../editor/ToolbarPlugin';
import type { ParticipantEntry } from '../../../shared/model/meetingDoc';
import { DraftingAside, type DraftingRequest } from './DraftingAside';
import { SyncStatusBadge } from '../collaboration/SyncStatusBadge';
import { useSyncStatus } from '../collaboration/useSyncStatus';
import { nextRevisionLabel } from '../versions/useVersions';
import { useSecretariatDoc } from '../meetings/useMeetingDocs';
import { useMeetingWatch } from '../meetings/useMeetingWatch';
import { useDelegations } from '../delegations/useDelegations';
import { delegationChoices } from '../../../shared/model/delegations';

const NO_DELEGATIONS: string[] = [];

// Opened on request, so they load then and not with the editor.
const SaveVersionDialog = lazy(() => import('../versions/SaveVersionDialog').then((m) => ({ default: m.SaveVersionDialog })));
const VersionsDialog = lazy(() => import('../versions/VersionsDialog').then((m) => ({ default: m.VersionsDialog })));
const ExportPanel = lazy(() => import('../export/ExportPanel').then((m) => ({ default: m.ExportPanel })));
const NegotiationLogPanel = lazy(() => import('./log/NegotiationLogPanel').then((m) => ({ default: m.NegotiationLogPanel })));

export function DeclarationScreen({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const { api, profile } = useApp();
  const [document, reload] = useAsync(() => api.call('documents.get', { documentId }), [api, documentId]);
  const [provider, setProvider] = useState<ReplicaProvider | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const meetingId = document.status === 'ready' ? document.value.meetingId : undefined;
  const sync = useSyncStatus(meetingId);
  const secretariat = useSecretariatDoc(meetingId ?? null);
  const [request, setRequest] = useState<DraftingRequest>(null);
  const [openOnly, setOpenOnly] = useState(false);
  // The log opens where the export panel does, beside the text: one at a time.
  const [readingLog, setReadingLog] = useState(false);
  // A bracket's proposers are offered from the meeting's list of delegations, then from those
  // participants joined as that the list lacks (as main tells them).
  const joined =
    useMeetingWatch(meetingId, (event) => [...new Set(event.participants.flatMap((p) => (p.delegation ? [p.delegation] : [])))].sort())?.value ?? NO_DELEGATIONS;
  const listed = useDelegations(secretariat?.doc ?? null);
  const delegations = useMemo(() => delegationChoices(listed ?? [], joined), [listed, joined]);
  const requestDone = useCallback(() => setRequest(null), []);
  const [exporting, setExporting] = useState(false);
  const textTitle = useTextTitle(provider?.doc ?? null);
  const [versionDialog, setVersionDialog] = useState<{ kind: 'save'; suggested: string } | { kind: 'list' } | null>(null);
  const openSaveVersion = useCallback(async () => {
    let labels: string[] = [];
    try {
      labels = (await api.call('versions.list', { documentId })).map((v) => v.label);
    } catch {
      // The suggestion is a convenience: the dialog opens all the same.
    }
    setVersionDialog({ kind: 'save', suggested: nextRevisionLabel(labels) });
  }, [api, documentId]);
  // Ctrl+S (⌘S) saves a version, as people expect of a desktop editor; the text itself is always saved.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void openSaveVersion();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openSaveVersion]);
  const [meeting] = useAsync(() => (meetingId ? api.call('meetings.get', { meetingId }) : Promise.resolve(null)), [api, meetingId]);
  const onPasteRefused = useCallback(
    (characters: number) =>
      setNotice(t('editor.pasteTooLarge', { size: formatBytes(characters), limit: formatBytes(MAX_PASTE_CHARACTERS) })),
    [t],
  );

  if (document.status === 'error') return <InlineError error={document.error} onRetry={reload} />;
  const doc = document.status === 'ready' ? document.value : null;
  const me: Participant | null = sync
    ? { name: sync.participant, delegation: sync.delegation, role: sync.role }
    : null;
  const readOnly = sync?.role === 'observer';
  // A declaration in an earlier Accord's format is read, never written, until it is converted.
  const frozen = readOnly || doc?.format === 'earlier';
  // A meeting this computer made and never shared: its user is its secretariat.
  const actor: ParticipantEntry = sync
    ? { name: sync.participant, delegation: sync.delegation, role: sync.role }
    : { name: profile.name || t('drafting.localSecretariat'), delegation: profile.delegation || null, role: 'secretariat' };

  // How the meeting lists the document (its title, its language): the secretariat's for an official one.
  const mayChangeListing = doc !== null && !readOnly && (!doc.official || actor.role === 'secretariat');

  // The editor mounts at once, beside the request for the title, so the text starts syncing
  // without waiting for the header's details.
  return (
    <section className="page page--document" aria-label={doc?.title}>
      <div className="doc-head">
        <nav className="crumbs">
          {doc ? <a href={`#/meeting/${doc.meetingId}`}>← {t('editor.back', { meeting: doc.meetingTitle })}</a> : <span>&nbsp;</span>}
        </nav>
        <div className="doc-head__row">
          {doc ? (
            <DocumentTitle documentId={doc.id} title={doc.title} renamable={mayChangeListing} textTitle={textTitle} />
          ) : (
            <div className="doc-title" />
          )}
          <div className="doc-head__actions">
            <SaveStatus provider={provider} />
            <button type="button" className="button button--secondary" onClick={() => void openSaveVersion()} aria-keyshortcuts="Control+S">
              {t('versions.saveButton')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setVersionDialog({ kind: 'list' })}>
              {t('versions.listButton')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setExporting(false);
                setReadingLog(true);
              }}
              aria-expanded={readingLog}
            >
              {t('negotiationLog.button')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setReadingLog(false);
                setExporting(true);
              }}
              aria-expanded={exporting}
            >
              {t('export.button')}
            </button>
          </div>
        </div>
        <SyncStatusBadge status={sync} floating />
      </div>
      {notice && (
        <div role="alert" className="banner banner--warning">
          {notice}
          <button type="button" className="button button--quiet" onClick={() => setNotice(null)} aria-label={t('app.dismiss')}>
            ✕
          </button>
        </div>
      )}
      {readOnly && <div className="banner banner--info">{t('participants.readOnly')}</div>}
      {doc && <ConversionBanner detail={doc} secretariat={actor.role === 'secretariat'} onChanged={reload} onNotice={setNotice} />}
      <Suspense fallback={null}>
        {versionDialog?.kind === 'save' && (
          <SaveVersionDialog
            documentId={documentId}
            suggestedLabel={versionDialog.suggested}
            onSaved={(label) => {
              setVersionDialog(null);
              setNotice(t('versions.savedNotice', { label }));
            }}
            onClose={() => setVersionDialog(null)}
          />
        )}
        {exporting && (
          <ExportPanel
            documentId={documentId}
            listing={{ language: doc?.language ?? null, symbol: doc?.symbol ?? null, distribution: doc?.distribution ?? null }}
            mayChangeListing={mayChangeListing}
            onDocumentChanged={reload}
            onClose={() => setExporting(false)}
          />
        )}
        {readingLog && (
          <NegotiationLogPanel
            declaration={provider?.doc ?? null}
            secretariat={secretariat?.synced ? secretariat.doc : null}
            documentId={documentId}
            onClose={() => setReadingLog(false)}
          />
        )}
        {versionDialog?.kind === 'list' && (
          <VersionsDialog
            documentId={documentId}
            secretariat={actor.role === 'secretariat'}
            onNotice={setNotice}
            onClose={() => setVersionDialog(null)}
          />
        )}
      </Suspense>
      <div className="doc-body">
        <DeclarationEditor
          key={documentId}
          api={api}
          documentId={documentId}
          onProvider={setProvider}
          onPasteRefused={onPasteRefused}
          me={me}
          readOnly={readOnly}
          openOnly={openOnly}
          toolbar={
            <>
              <ToolbarPlugin
                readOnly={frozen}
                onBracket={() => setRequest('bracket')}
                onComment={() => setRequest('comment')}
                onInsertClause={() => setRequest('palette')}
              />
              <label className="filter-toggle">
                <input type="checkbox" checked={openOnly} onChange={(event) => setOpenOnly(event.target.checked)} /> {t('clause.openOnly')}
              </label>
            </>
          }
          aside={
            <div className="doc-side">
              {sync && <ParticipantsPanel provider={provider} />}
              <DraftingAside
                doc={provider?.doc ?? null}
                statusDoc={secretariat?.synced ? secretariat.doc : null}
                documentId={documentId}
                me={actor}
                readOnly={frozen}
                delegations={delegations}
                meeting={meeting.status === 'ready' ? meeting.value : null}
                request={request}
                onRequestDone={requestDone}
                onNotice={setNotice}
              />
            </div>
          }
        />
      </div>
    </section>
  );
}
