import type { ApiHandlers } from '../../shared/api/contract';
import { compareDeclarations } from '../../shared/declaration/compare';
import { openHeadlessDeclaration } from '../../shared/declaration/headlessDeclaration';
import type { Versions } from './versions';

type VersionMethods =
  | 'versions.list'
  | 'versions.save'
  | 'versions.open'
  | 'versions.compare'
  | 'versions.restore'
  | 'versions.circulate';

/** The versions API over the Versions service; a version is read from its model, with its statuses. */
export function createVersionHandlers(versions: Versions): Pick<ApiHandlers, VersionMethods> {
  return {
    'versions.list': ({ documentId }) => versions.list(documentId),

    'versions.save': ({ documentId, label, status }) => versions.save(documentId, { label, status, origin: 'saved' }),

    // A window shows a version in a read-only editor: the editor state of the version's model, as
    // an editor bound to it draws it.
    'versions.open': ({ documentId, versionId }) => {
      const { summary } = versions.get(documentId, versionId);
      const doc = versions.openDoc(documentId, versionId);
      const session = openHeadlessDeclaration(doc);
      try {
        return {
          version: summary,
          editorState: JSON.stringify(session.editor.getEditorState().toJSON()),
          statuses: Object.fromEntries(versions.statuses(documentId, versionId)),
        };
      } finally {
        session.dispose();
        doc.destroy();
      }
    },

    'versions.compare': ({ documentId, before, after }) => ({
      comparison: compareDeclarations(versions.snapshot(documentId, before), versions.snapshot(documentId, after)),
    }),

    'versions.restore': ({ documentId, versionId }) => {
      const { safety, summary } = versions.restore(documentId, versionId);
      return { safetyVersion: safety, ...summary };
    },

    'versions.circulate': ({ documentId, versionId }) => versions.circulate(documentId, versionId),
  };
}
