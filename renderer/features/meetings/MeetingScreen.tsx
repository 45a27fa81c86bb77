import type { Language } from '../../../shared/model/settings';
import { useRef, useState } from 'react';
import { ACCORD_FILE_EXTENSION, MAX_ACCORD_FILE_CHARS } from '../../../shared/model/accordFile';
import type { DocumentSummary } from '../../../shared/model/meeting';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context';
import { InlineError } from '../../ui/ErrorScreen';
import { formatDayRange, formatMoment } from '../../ui/format';
import { navigate } from '../../app/route';
import { useAsync } from '../../ui/useAsync';
import { HostMeetingDialog } from '../collaboration/HostMeetingDialog';
import { HubInvitationsDialog } from '../collaboration/HubInvitationsDialog';
import { MoveMeetingDialog } from '../collaboration/MoveMeetingDialog';
import { MeetingRoster } from '../collaboration/MeetingRoster';
import { SyncStatusBadge } from '../collaboration/SyncStatusBadge';
import { useSyncStatus } from '../collaboration/useSyncStatus';
import { AgendaPanel } from '../agenda/AgendaPanel';
import { DelegationsPanel } from '../delegations/DelegationsPanel';
import { useDelegations } from '../delegations/useDelegations';
import { delegationChoices } from '../../../shared/model/delegations';
import { saveFile } from '../../platform/saveFile';
import { MeetingDialog } from './MeetingDialog';
import { MeetingIdLine } from './MeetingIdLine';
import { type DraftChoice, NewDeclarationDialog } from './NewDeclarationDialog';
import { useMeetingDocs, useSecretariatAccess } from './useMeetingDocs';
import { useMeetingWatch } from './useMeetingWatch';
import { useMeetingParticulars } from './useMeetingView';

/**
 * One meeting: its particulars, its official documents and the delegations' own, its list of
 * delegations, its agenda, and the way to start a declaration. Particulars and agenda are read live from the meeting's docs.
 */
export function MeetingScreen({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [meeting, reload] = useAsync(() => api.call('meetings.get', { meetingId }), [api, meetingId]);
  const docs = useMeetingDocs(meetingId);
  const secretariatAccess = useSecretariatAccess(meetingId);
  // The secretariat's changes show as they arrive; main's answer stands in until the docs have.
  const particulars = useMeetingParticulars(docs?.docs ?? null, meetingId);
  const delegations = useDelegations(docs?.docs?.secretariat ?? null);
  const [createError, setCreateError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [hosting, setHosting] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [moving, setMoving] = useState(false);
  const [editing, setEditing] = useState(false);
  const sync = useSyncStatus(meetingId);
  const shared = sync !== null;
  // Joined through a hub with a secretariat code: that code may hand out the meeting's invitations there.
  const hubSecretariat = sync !== null && sync.state !== 'hosting' && sync.role === 'secretariat';
  // Hosted here: alone, or still, for those who have not followed it to a hub yet.
  const hostedHere = sync?.state === 'hosting' || sync?.alsoHostedAt !== undefined;
  // Documents created by other participants arrive through the hub, and main says so.
  const told = useMeetingWatch(meetingId, (event) => event.detail)?.value ?? null;

  const [choosingDraft, setChoosingDraft] = useState(false);
  const isArchived = (particulars ?? (meeting.status === 'ready' ? meeting.value : null))?.archived === true;
  /** An action whose failure is said where the import's are. */
  const act = async (action: () => Promise<unknown>) => {
    setImportNotice(null);
    try {
      await action();
    } catch (error) {
      setImportNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };
  const binMeeting = () => act(async () => {
    await api.call('bin.put', { id: meetingId });
    navigate({ name: 'meetings' });
  });
  const documentActions: DocumentActions = {
    archive: (document) => act(() => api.call('documents.setArchived', { documentId: document.id, archived: !document.archived })),
    bin: (document) =>
      act(async () => {
        await api.call('bin.put', { id: document.id });
        setImportNotice({ kind: 'done', text: t('bin.moved', { title: document.title }) });
      }),
  };
  const fileInput = useRef<HTMLInputElement>(null);
  const [importNotice, setImportNotice] = useState<{ kind: 'done' | 'error'; text: string; open?: { documentId: string; title: string } } | null>(null);
  const exportAgenda = async () => {
    setImportNotice(null);
    try {
      const file = await api.call('export.agenda', { meetingId, format: 'pdf', paper: 'a4' });
      saveFile(file.fileName, Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)), file.mime);
    } catch (error) {
      setImportNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };
  const importFile = async (file: File) => {
    setImportNotice(null);
    try {
      if (file.size > MAX_ACCORD_FILE_CHARS) throw new Error(t('import.tooLarge', { name: file.name }));
      const result = await api.call('documents.importFile', { meetingId, fileName: file.name, content: await file.text() });
      const key = result.created ? 'import.created' : result.changed ? 'import.merged' : 'import.unchanged';
      const what = t(key, { title: result.title, count: result.versionsAdded });
      // A document already held belongs where it is: the file went there, and the person is told where.
      const elsewhere = result.meetingId !== meetingId ? `${t('import.elsewhere', { title: result.title, meeting: result.meetingTitle })} ` : '';
      setImportNotice({ kind: 'done', text: elsewhere + what, open: { documentId: result.documentId, title: result.title } });
      reload();
    } catch (error) {
      setImportNotice({ kind: 'error', text: t('import.refused', { name: file.name, reason: error instanceof Error ? error.message : String(error) }) });
    }
  };
  const createDeclaration = async (draft: DraftChoice, documentLanguage: Language) => {
    setBusy(true);
    setCreateError(null);
    try {
      const document = await api.call('documents.create', { meetingId, title: t('meeting.defaultDeclarationTitle'), draft, language: documentLanguage });
      navigate({ name: 'document', documentId: document.id });
    } catch (error) {
      setCreateError(error instanceof Error ? error : new Error(String(error)));
      setBusy(false);
    }
  };

  const lists = told ?? (meeting.status === 'ready' ? meeting.value : null);
  const current = (lists?.documents ?? []).filter((d) => !d.archived);
  const delegationCurrent = (lists?.delegationDocuments ?? []).filter((d) => !d.archived);
  const archivedDocuments: Array<DocumentSummary & { delegation?: string | null }> = [
    ...(lists?.documents ?? []).filter((d) => d.archived).map((d) => ({ ...d, delegation: null })),
    ...(lists?.delegationDocuments ?? []).filter((d) => d.archived),
  ];

  return (
    <section className="page" aria-labelledby="meeting-heading">
      <nav className="crumbs">
        <a href="#/">← {t('meeting.back')}</a>
      </nav>
      {meeting.status === 'error' && <InlineError error={meeting.error} onRetry={reload} />}
      {meeting.status === 'ready' && (
        <>
          <div className="page__head">
            <div>
              <h1 id="meeting-heading">{(particulars ?? meeting.value).title}</h1>
              <p className="page__sub">
                {(particulars ?? meeting.value).place} ·{' '}
                {formatDayRange((particulars ?? meeting.value).startDate, (particulars ?? meeting.value).endDate, language)}{' '}
                · {t('meetings.hostedBy', { city: (particulars ?? meeting.value).hostCity })}
              </p>
            </div>
            <div className="page__actions">
              {!sync && (
                <button type="button" className="button button--secondary" onClick={() => setHosting(true)}>
                  {t('host.button')}
                </button>
              )}
              {hostedHere && (
                <button type="button" className="button button--secondary" onClick={() => setHosting(true)}>
                  {sync?.alsoHostedAt ? t('host.invitationsLan') : t('host.invitations')}
                </button>
              )}
              {hubSecretariat && (
                <button type="button" className="button button--secondary" onClick={() => setInviting(true)}>
                  {t('hubInvitations.button')}
                </button>
              )}
              {sync?.role !== 'observer' && (
                <>
                  <button type="button" className="button button--secondary" onClick={() => fileInput.current?.click()}>
                    {t('import.button')}
                  </button>
                  <input
                    ref={fileInput}
                    type="file"
                    hidden
                    accept={ACCORD_FILE_EXTENSION}
                    aria-label={t('import.choose')}
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      event.target.value = '';
                      if (file) void importFile(file);
                    }}
                  />
                </>
              )}
              {sync?.role !== 'observer' && (
                <button type="button" className="button button--primary" onClick={() => setChoosingDraft(true)} disabled={busy}>
                  {t('meeting.newDeclaration')}
                </button>
              )}
            </div>
          </div>
          <div className="meeting-meta">
            <MeetingIdLine meetingId={meetingId} />
            {secretariatAccess === 'edit' && (
              <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
                {t('meetingAdmin.edit')}
              </button>
            )}
            {secretariatAccess === 'edit' && (
              <button type="button" className="button button--secondary button--small" onClick={() => void act(() => api.call('meetings.setArchived', { meetingId, archived: !isArchived }))}>
                {isArchived ? t('bin.unarchiveMeeting') : t('bin.archiveMeeting')}
              </button>
            )}
            {shared && sync?.role === 'secretariat' && (
              <button type="button" className="button button--secondary button--small" onClick={() => setMoving(true)}>
                {t('move.button')}
              </button>
            )}
            <button type="button" className="button button--quiet button--small" onClick={() => void binMeeting()}>
              {t('bin.moveMeeting')}
            </button>
          </div>
          {isArchived && <p className="banner banner--info">{t('bin.archivedNote')}</p>}
          <SyncStatusBadge status={sync} />
          {importNotice && (
            <div role={importNotice.kind === 'error' ? 'alert' : 'status'} className={`banner banner--${importNotice.kind === 'error' ? 'warning' : 'info'}`}>
              {importNotice.text}
              {importNotice.open && (
                <button type="button" className="button button--secondary" onClick={() => navigate({ name: 'document', documentId: importNotice.open!.documentId })}>
                  {t('import.open', { title: importNotice.open.title })}
                </button>
              )}
              <button type="button" className="button button--quiet" onClick={() => setImportNotice(null)} aria-label={t('app.dismiss')}>
                ✕
              </button>
            </div>
          )}
          {hosting && (
            <HostMeetingDialog
              meetingId={meetingId}
              meetingTitle={(particulars ?? meeting.value).title}
              hosting={hostedHere}
              delegations={delegationChoices(delegations ?? [])}
              onClose={() => setHosting(false)}
            />
          )}
          {moving && <MoveMeetingDialog meetingId={meetingId} canHostHere={hubSecretariat && !hostedHere} onClose={() => setMoving(false)} />}
          {inviting && <HubInvitationsDialog meetingId={meetingId} meetingTitle={(particulars ?? meeting.value).title} onClose={() => setInviting(false)} />}
          {editing && (
            // The screen shows the corrected particulars as they reach the meeting's docs, like anyone else's change.
            <MeetingDialog meeting={particulars ?? meeting.value} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
          )}
          {choosingDraft && (
            <NewDeclarationDialog
              busy={busy}
              error={createError?.message ?? null}
              onCreate={(draft, documentLanguage) => void createDeclaration(draft, documentLanguage)}
              onClose={() => setChoosingDraft(false)}
            />
          )}
          <h2 className="section-title" id="documents-heading">
            {t('meeting.documents')}
          </h2>
          {current.length === 0 ? (
            <p className="empty">{t('meeting.noDocuments')}</p>
          ) : (
            <ul className="rows" aria-labelledby="documents-heading">
              {current.map((document) => (
                <li key={document.id}>
                  <DocumentRow document={document} actions={documentActions} mayArchive={secretariatAccess === 'edit'} />
                </li>
              ))}
            </ul>
          )}
          {delegationCurrent.length > 0 && (
            <>
              <h2 className="section-title" id="delegation-documents-heading">
                {t('meeting.delegationDocuments')}
              </h2>
              <ul className="rows" aria-labelledby="delegation-documents-heading">
                {delegationCurrent.map((document) => (
                  <li key={document.id}>
                    <DocumentRow
                      document={document}
                      delegation={document.delegation ?? t('meeting.unknownDelegation')}
                      actions={documentActions}
                      mayArchive={sync?.role !== 'observer' && (sync === null || document.delegation === sync.delegation)}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
          {archivedDocuments.length > 0 && (
            <details className="archived">
              <summary>
                {t('bin.archivedDocuments')} ({archivedDocuments.length})
              </summary>
              <ul className="rows" aria-label={t('bin.archivedDocuments')}>
                {archivedDocuments.map((document) => (
                  <li key={document.id}>
                    <DocumentRow
                      document={document}
                      delegation={document.delegation ?? undefined}
                      actions={documentActions}
                      mayArchive={document.delegation === null ? secretariatAccess === 'edit' : sync?.role !== 'observer'}
                    />
                  </li>
                ))}
              </ul>
            </details>
          )}
          <DelegationsPanel docs={docs} delegations={delegations} access={secretariatAccess} />
          <AgendaPanel meetingId={meetingId} docs={docs} access={secretariatAccess} />
          <div className="page__actions page__actions--end">
            <button type="button" className="button button--quiet" onClick={() => void exportAgenda()}>
              {t('export.agenda')}
            </button>
          </div>
          {shared && <MeetingRoster meetingId={meetingId} />}
        </>
      )}
    </section>
  );
}

interface DocumentActions {
  archive(document: DocumentSummary): Promise<void>;
  bin(document: DocumentSummary): Promise<void>;
}

function DocumentRow({ document, delegation, actions, mayArchive }: { document: DocumentSummary; delegation?: string; actions: DocumentActions; mayArchive: boolean }) {
  const { t } = useTranslation();
  const { language } = useApp();
  return (
    <div className="row-with-actions">
      <a className="row" href={`#/document/${document.id}`}>
        <span className="row__kind">{t(`meeting.kind_${document.kind}`)}</span>
        <span className="row__title">{document.title}</span>
        {delegation !== undefined && <span className="row__meta">{delegation}</span>}
        <span className="row__meta">{t('meeting.edited', { when: formatMoment(document.updatedAt, language) })}</span>
      </a>
      <span className="row-with-actions__actions">
        {mayArchive && (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label={document.archived ? t('bin.unarchiveNamed', { title: document.title }) : t('bin.archiveNamed', { title: document.title })}
            onClick={() => void actions.archive(document)}
          >
            {document.archived ? t('bin.unarchive') : t('bin.archive')}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet button--small"
          aria-label={t('bin.moveDocument', { title: document.title })}
          onClick={() => void actions.bin(document)}
        >
          {t('bin.moveShort')}
        </button>
      </span>
    </div>
  );
}
