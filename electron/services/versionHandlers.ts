import type { ApiHandlers } from '../../shared/api/contract';
import { readClauseStatuses } from '../../shared/declaration/clauseStatus';
import { compareDeclarations } from '../../shared/declaration/compare';
import { readDeclarationSnapshot } from '../../shared/declaration/snapshot';
import { openHeadlessDeclaration } from '../../shared/model/headlessDeclaration';
import type { VersionRef } from '../../shared/model/versions';
import type { Versions } from './versions';

type VersionMethods =
  | 'versions.list'
  | 'versions.save'
  | 'versions.open'
  | 'versions.compare'
  | 'versions.restore'
  | 'versions.circulate';

/** The versions API over the Versions service: reading a version goes through Lexical, as a window reads it. */
export function createVersionHandlers(versions: Versions): Pick<ApiHandlers, VersionMethods> {
  const snapshotOf = (documentId: string, ref: VersionRef) => {
    const doc = versions.openDoc(documentId, ref);
    try {
      return readDeclarationSnapshot(doc);
    } finally {
      doc.destroy();
    }
  };

  return {
    'versions.list': ({ documentId }) => versions.list(documentId),

    'versions.save': ({ documentId, label, status }) => versions.save(documentId, { label, status, origin: 'saved' }),

    'versions.open': ({ documentId, versionId }) => {
      const { summary } = versions.get(documentId, versionId);
      const doc = versions.openDoc(documentId, versionId);
      const session = openHeadlessDeclaration(doc);
      try {
        return {
          version: summary,
          editorState: JSON.stringify(session.editor.getEditorState().toJSON()),
          statuses: Object.fromEntries(readClauseStatuses(doc)),
        };
      } finally {
        session.dispose();
        doc.destroy();
      }
    },

    'versions.compare': ({ documentId, before, after }) => ({
      comparison: compareDeclarations(snapshotOf(documentId, before), snapshotOf(documentId, after)),
    }),

    'versions.restore': ({ documentId, versionId }) => {
      const { safety, summary } = versions.restore(documentId, versionId);
      return { safetyVersion: safety, ...summary };
    },

    'versions.circulate': ({ documentId, versionId }) => versions.circulate(documentId, versionId),
  };
}
