import { ExportLanguage } from '../i18n/exportCatalogue';
import { z } from 'zod';
import {
  DocumentSummary,
  DocumentTitle,
  EntityId,
  MeetingDetail,
  MeetingInput,
  MeetingListEntry,
  MeetingSummary,
  MeetingParticipant,
  MeetingSyncStatus,
} from '../model/meeting';
import { HubCarryResult, InvitationView, IssuedInvitationView, Role } from '../model/invitation';
import { Language, ProfileText, Settings } from '../model/settings';
import {
  MAX_TEMPLATE_FILE_CHARS,
  Template,
  TemplateDraft,
  TemplateId,
  TemplateImportResult,
  TemplateInput,
  TemplateList,
} from '../model/templates';
import { ClauseStatusEntry } from '../declaration/clauseStatus';
import { DeclarationComparison } from '../declaration/compare';
import { AccordImportResult, MAX_ACCORD_FILE_CHARS } from '../model/accordFile';
import { UnagreedChoice, UnagreedPart } from '../export/unagreedText';
import { DocumentReference } from '../model/meetingDoc';
import { VersionId, VersionLabel, VersionRef, VersionStatus, VersionSummary } from '../model/versions';
import { ApiErrorShape } from './errors';

export const AppStatus = z.discriminatedUnion('state', [
  // Settings come with the status so a window can render in the right language after one round trip.
  z.object({ state: z.literal('ready'), version: z.string(), dataDir: z.string(), settings: Settings }),
  z.object({ state: z.literal('failed'), version: z.string(), error: ApiErrorShape }),
]);
export type AppStatus = z.infer<typeof AppStatus>;

export const DocumentDetail = DocumentSummary.extend({
  meetingTitle: z.string(),
  /** Listed by the secretariat among the meeting's documents (else a delegation's own). */
  official: z.boolean(),
  /** `earlier`: written by the release before the declaration model; read-only until converted. */
  format: z.enum(['current', 'earlier']),
  /** The document this one was converted into, if it was. */
  successor: EntityId.nullable(),
  /** The earlier copy this one was converted from, and how many of its paragraphs changed since. */
  predecessor: z.object({ id: EntityId, lateEdits: z.number().int().nonnegative() }).nullable(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

const NoParams = z.object({}).strict();

/** What this laptop's bin holds: meetings, and documents of meetings that are not in it themselves. */
export const BinContents = z.object({
  meetings: z.array(z.object({ id: EntityId, title: z.string(), binnedAt: z.number().int() })),
  documents: z.array(z.object({ id: EntityId, title: z.string(), meetingId: EntityId, meetingTitle: z.string(), binnedAt: z.number().int() })),
});
export type BinContents = z.infer<typeof BinContents>;

/** A new invitation to a meeting, hosted here or on its hub. */
const InviteParams = z
  .object({ meetingId: EntityId, role: Role, delegation: z.string().trim().min(1).max(100).nullable() })
  .strict()
  .refine((p) => (p.role === 'delegate') === (p.delegation !== null), {
    message: 'Name the delegation for a delegate, and only for a delegate.',
    path: ['delegation'],
  });
const RevokeParams = z.object({ meetingId: EntityId, invitationId: z.string().min(1).max(64) }).strict();

/** A rendered export: the bytes travel base64-encoded, like any other result, and are checked for size. */
export const ExportedFile = z.object({
  fileName: z.string().min(1).max(260),
  mime: z.string().min(1).max(120),
  base64: z.string().max(64 * 1024 * 1024),
  /** Pages of a PDF (for the preview's "N pages"); null for the other formats. */
  pages: z.number().int().nonnegative().nullable(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;
export const ExportFormatChoice = z.enum(['pdf', 'docx', 'html', 'md']);
export const ExportModeChoice = z.enum(['final', 'negotiation']);
export const ExportPaperChoice = z.enum(['a4', 'letter']);

const OneVersion = z.object({ documentId: EntityId, versionId: VersionId }).strict();

/** A version as a read-only editor shows it: Lexical's serialised state and the paragraph statuses. */
export const VersionContent = z.object({
  version: VersionSummary,
  editorState: z.string(),
  statuses: z.record(z.string(), ClauseStatusEntry),
});
export type VersionContent = z.infer<typeof VersionContent>;

/**
 * The one service contract. Every transport (Electron IPC, the host's WebSocket) carries exactly
 * these calls; params are validated where they arrive and results where they return.
 */
export const apiContract = {
  'app.status': { params: NoParams, result: AppStatus },
  'meetings.list': { params: NoParams, result: z.array(MeetingListEntry) },
  'meetings.create': { params: MeetingInput, result: MeetingSummary },
  // The secretariat corrects the particulars (a wrong date, say), for every participant.
  'meetings.update': { params: z.object({ meetingId: EntityId, particulars: MeetingInput }).strict(), result: MeetingSummary },
  'meetings.setArchived': { params: z.object({ meetingId: EntityId, archived: z.boolean() }).strict(), result: MeetingSummary },
  'meetings.get': { params: z.object({ meetingId: EntityId }).strict(), result: MeetingDetail },
  'meetings.join': {
    params: z
      .object({
        hubUrl: z.string().trim().min(1, 'Enter the hub address.').max(300),
        code: z.string().trim().min(1, 'Enter the invitation code.').max(40),
        name: z.string().trim().min(1, 'Enter your name.').max(100),
        /** The user confirmed moving a meeting held here through another hub to this one (after a `needs_confirmation`). */
        move: z.literal(true).optional(),
      })
      .strict(),
    result: MeetingSummary,
  },
  'meetings.syncStatus': { params: z.object({ meetingId: EntityId }).strict(), result: MeetingSyncStatus.nullable() },
  'meetings.participants': { params: z.object({ meetingId: EntityId }).strict(), result: z.array(MeetingParticipant) },
  /** What hosting on the local network would expose, shown for confirmation before it starts. */
  'meetings.hostingPlan': {
    params: z.object({ meetingId: EntityId }).strict(),
    result: z.object({ port: z.number().int().min(0).max(65535), interfaces: z.array(z.object({ name: z.string(), address: z.string() })) }),
  },
  'meetings.host': {
    params: z.object({ meetingId: EntityId }).strict(),
    result: z.object({ addresses: z.array(z.string()), invitations: z.array(InvitationView) }),
  },
  'meetings.stopHosting': { params: z.object({ meetingId: EntityId }).strict(), result: z.object({ meetingId: EntityId }) },
  'meetings.invite': { params: InviteParams, result: InvitationView.extend({ code: z.string() }) },
  'meetings.revokeInvitation': { params: RevokeParams, result: InvitationView },
  /**
   * The secretariat moves the meeting to an online hub (from hosting it here, or from another hub),
   * with a secretariat code that hub gave for it: every invitation goes along, and a notice tells
   * every participant's app to follow.
   */
  'meetings.moveToHub': {
    params: z
      .object({
        meetingId: EntityId,
        hubUrl: z.string().trim().min(1, 'Enter the hub address.').max(300),
        code: z.string().trim().min(1, 'Enter the secretariat code the hub gave for this meeting.').max(40),
        /** Confirmed after a `needs_confirmation`: the hub it leaves is out of reach, and its codes stay behind. */
        withoutOldInvitations: z.literal(true).optional(),
      })
      .strict(),
    result: z.object({ meetingId: EntityId, hubUrl: z.string(), carried: HubCarryResult, stillHosted: z.boolean() }),
  },
  /** The secretariat moves the meeting from its hub to this laptop, hosting it on the local network. */
  'meetings.moveToLan': {
    params: z.object({ meetingId: EntityId, withoutOldInvitations: z.literal(true).optional() }).strict(),
    result: z.object({ meetingId: EntityId, addresses: z.array(z.string()), carried: HubCarryResult, leftHub: z.boolean() }),
  },
  /**
   * A meeting joined through a hub with a secretariat code: its invitations on that hub, asked of
   * the hub's API with the code this laptop joined with (`caller` is that code's invitation).
   */
  'meetings.hubInvitations': {
    params: z.object({ meetingId: EntityId }).strict(),
    result: z.object({ hubUrl: z.string(), invitations: z.array(InvitationView), caller: z.string() }),
  },
  'meetings.hubInvite': { params: InviteParams, result: IssuedInvitationView },
  'meetings.hubRevokeInvitation': { params: RevokeParams, result: InvitationView },
  'documents.create': {
    params: z
      .object({
        meetingId: EntityId,
        title: DocumentTitle,
        /** `meeting`: title, opening and adoption formula written from the meeting's details. */
        draft: z.enum(['blank', 'meeting']).optional(),
        /** The document's language: its exports print in it, and a draft from the meeting is written in it (English for Khmer). */
        language: Language.optional(),
      })
      .strict(),
    result: DocumentSummary,
  },
  /** The symbol and distribution line printed on every page ("ASCN/8/DECL/Rev.2", "General"); empty clears. */
  'documents.setReference': {
    params: z.object({ documentId: EntityId, symbol: DocumentReference, distribution: DocumentReference }).strict(),
    result: DocumentSummary,
  },
  'documents.setArchived': { params: z.object({ documentId: EntityId, archived: z.boolean() }).strict(), result: DocumentSummary },
  // This laptop's bin: what a person deleted here, hidden and kept whole until restored.
  'bin.put': { params: z.object({ id: EntityId }).strict(), result: z.object({ id: EntityId }) },
  'bin.list': { params: NoParams, result: BinContents },
  'bin.restore': { params: z.object({ id: EntityId }).strict(), result: z.object({ id: EntityId }) },
  'documents.setLanguage': {
    params: z.object({ documentId: EntityId, language: Language }).strict(),
    result: DocumentSummary,
  },
  'documents.get': { params: z.object({ documentId: EntityId }).strict(), result: DocumentDetail },
  'documents.rename': {
    params: z.object({ documentId: EntityId, title: DocumentTitle }).strict(),
    result: DocumentSummary,
  },
  // A declaration written before the declaration model, converted once by the secretariat.
  'documents.convert': { params: z.object({ documentId: EntityId }).strict(), result: z.object({ documentId: EntityId }) },
  // What reached the earlier copy after its conversion, brought into the new document, flagged.
  'documents.bringOver': { params: z.object({ documentId: EntityId }).strict(), result: z.object({ paragraphs: z.number().int().nonnegative() }) },
  // A document carried by hand: the text with its versions in one `.accord` file, merged on import.
  'documents.exportFile': {
    params: z.object({ documentId: EntityId }).strict(),
    result: z.object({ fileName: z.string(), content: z.string() }),
  },
  'documents.importFile': {
    params: z
      .object({
        meetingId: EntityId,
        fileName: z.string().trim().min(1).max(260),
        content: z.string().max(MAX_ACCORD_FILE_CHARS, 'This file is too large to be an Accord document file.'),
      })
      .strict(),
    result: AccordImportResult,
  },
  // Versions: saved states of a declaration, never overwritten; restoring one is a new change.
  'versions.list': { params: z.object({ documentId: EntityId }).strict(), result: z.array(VersionSummary) },
  'versions.save': {
    params: z.object({ documentId: EntityId, label: VersionLabel, status: VersionStatus }).strict(),
    result: VersionSummary,
  },
  'versions.open': { params: OneVersion, result: VersionContent },
  'versions.compare': {
    params: z.object({ documentId: EntityId, before: VersionRef, after: VersionRef }).strict(),
    result: z.object({ comparison: DeclarationComparison }),
  },
  'versions.restore': {
    params: OneVersion,
    result: z.object({
      safetyVersion: VersionSummary,
      removed: z.number().int(),
      inserted: z.number().int(),
      changed: z.number().int(),
      statusesRestored: z.number().int(),
    }),
  },
  'versions.circulate': { params: OneVersion, result: VersionSummary },
  // Export: the same print HTML becomes a PDF through Chromium (headless here, printToPDF in Electron).
  'export.declaration': {
    params: z
      .object({
        documentId: EntityId,
        format: ExportFormatChoice,
        mode: ExportModeChoice,
        paper: ExportPaperChoice,
        /** A saved version instead of the current text. */
        versionId: VersionId.optional(),
        /** The page furniture's language; the document's by default. */
        language: ExportLanguage.optional(),
        /** For a final export of text not all agreed: print it as it stands, or leave it out. */
        unagreed: UnagreedChoice.optional(),
      })
      .strict(),
    result: ExportedFile,
  },
  /** What a final export would print that nobody agreed to: the export panel names each part. */
  'export.unagreedText': {
    params: z.object({ documentId: EntityId, versionId: VersionId.optional() }).strict(),
    result: z.object({ parts: z.array(UnagreedPart) }),
  },
  /** Two versions (or a version and the current text) compared, as a redline to circulate; the same comparison as versions.compare. */
  'export.comparison': {
    params: z
      .object({
        documentId: EntityId,
        from: VersionRef,
        to: VersionRef,
        format: z.enum(['pdf', 'docx']),
        paper: ExportPaperChoice,
        /** Only the paragraphs that changed, with their numbers: a short list of amendments. */
        changesOnly: z.boolean(),
        /** The page furniture's language; the document's by default. */
        language: ExportLanguage.optional(),
      })
      .strict(),
    result: ExportedFile,
  },
  'export.agenda': {
    params: z.object({ meetingId: EntityId, format: z.enum(['pdf', 'html']), paper: ExportPaperChoice, language: ExportLanguage.optional() }).strict(),
    result: ExportedFile,
  },
  'settings.get': { params: NoParams, result: Settings },
  'settings.update': {
    params: z
      .object({ language: Language.optional(), name: ProfileText.optional(), delegation: ProfileText.optional() })
      .strict()
      .refine((p) => Object.keys(p).length > 0, 'Give a setting to change.'),
    result: Settings,
  },
  // Clause templates: the built-in library, this computer's own, and (given a meeting) the meeting's.
  'templates.list': { params: z.object({ meetingId: EntityId.optional() }).strict(), result: TemplateList },
  'templates.savePersonal': { params: TemplateDraft, result: Template },
  'templates.deletePersonal': { params: z.object({ id: TemplateId }).strict(), result: z.object({ id: z.string() }) },
  'templates.import': {
    params: z
      .object({
        fileName: z.string().trim().min(1).max(260),
        content: z.string().max(MAX_TEMPLATE_FILE_CHARS, 'This file is too large to be a template file.'),
      })
      .strict(),
    result: TemplateImportResult,
  },
  'templates.publish': {
    params: z.union([
      z.object({ meetingId: EntityId, templateId: TemplateId }).strict(),
      z.object({ meetingId: EntityId, template: TemplateInput }).strict(),
    ]),
    result: Template,
  },
  'templates.unpublish': {
    params: z.object({ meetingId: EntityId, templateId: z.string().min(1).max(100) }).strict(),
    result: z.object({ id: z.string() }),
  },
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiParams<M extends ApiMethod> = z.input<ApiContract[M]['params']>;
export type ApiResult<M extends ApiMethod> = z.infer<ApiContract[M]['result']>;

/** What the services implement: one handler per method, given already-validated params. */
export type ApiHandlers = {
  [M in ApiMethod]: (params: z.infer<ApiContract[M]['params']>) => ApiResult<M> | Promise<ApiResult<M>>;
};

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}
