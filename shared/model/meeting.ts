import { z } from 'zod';
import { Language } from './settings';

/** Calendar dates travel as ISO `YYYY-MM-DD`: a meeting day is a local date, never an instant. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date in the form YYYY-MM-DD.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'That date does not exist.');

export const EntityId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Not a valid identifier.');

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'This field is required.')
    .max(max, `Use at most ${max} characters.`);

export const MeetingInput = z
  .object({
    title: text(200),
    place: text(200),
    hostCity: text(200),
    startDate: IsoDate,
    endDate: IsoDate,
  })
  .refine((m) => m.startDate <= m.endDate, {
    message: 'The meeting cannot end before it starts.',
    path: ['endDate'],
  });
export type MeetingInput = z.infer<typeof MeetingInput>;

export const MeetingSummary = z.object({
  id: EntityId,
  title: z.string(),
  place: z.string(),
  hostCity: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  createdAt: z.number().int(),
  /** Set by the secretariat when the meeting is over: listed apart, for every participant. */
  archived: z.boolean().optional().catch(undefined),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const DocumentKind = z.enum(['declaration']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DocumentTitle = text(300);

export const DocumentSummary = z.object({
  id: EntityId,
  meetingId: EntityId,
  kind: DocumentKind,
  title: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** The language its text is written in, which every export prints in; null if never set (the app's then). */
  language: Language.nullable(),
  /** Its symbol and distribution line, printed on every page; null if not set. */
  symbol: z.string().nullable(),
  distribution: z.string().nullable(),
  /** Set by whoever lists it (the secretariat for an official document): listed apart. */
  archived: z.boolean(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const MeetingDetail = MeetingSummary.extend({
  /** The meeting's official documents, which the secretariat lists. */
  documents: z.array(DocumentSummary),
  /** Documents delegations created themselves, with the delegation that listed each (if known). */
  delegationDocuments: z.array(DocumentSummary.extend({ delegation: z.string().nullable() })),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

/** Where a meeting stands with its hub; a meeting never joined or hosted has none. */
export const MeetingSyncStatus = z.object({
  /** `hosting`: this computer is the hub (on the local network), so it is always in sync. */
  state: z.enum(['online', 'connecting', 'offline', 'refused', 'hosting']),
  /** Local changes the hub has not yet confirmed holding. */
  unconfirmed: z.number().int().nonnegative(),
  hubUrl: z.string(),
  role: z.enum(['secretariat', 'delegate', 'observer']),
  delegation: z.string().nullable(),
  /** The name this participant joined under, shown to the others with their cursor. */
  participant: z.string(),
  message: z.string().optional(),
  /** The secretariat moved the meeting to this hub, and this laptop cannot follow yet: it does not answer, or refuses this laptop's code. */
  moved: z.object({ to: z.string(), problem: z.enum(['unreachable', 'refused']) }).optional(),
  /** Moved to a hub, the meeting is still hosted on this computer, at this address, for those who have not moved yet. */
  alsoHostedAt: z.string().optional(),
});
export type MeetingSyncStatus = z.infer<typeof MeetingSyncStatus>;

/**
 * A meeting as the list of meetings shows it: its particulars, where it is shared, who this
 * computer's user is in it, and how its link stands, so the list needs no call per meeting.
 */
export const MeetingListEntry = MeetingSummary.extend({
  /** `local`: on this computer only; `lan`: hosted by this computer on its local network; `hub`: joined on a hub. */
  sharing: z.enum(['local', 'lan', 'hub']),
  /** The hub's address (for `lan`, the first this computer is reached at); null for a local meeting. */
  hubUrl: z.string().nullable(),
  /** The user of a meeting of its own, or hosted here, is its secretariat. */
  role: z.enum(['secretariat', 'delegate', 'observer']),
  delegation: z.string().nullable(),
  /** The link as the meeting screen shows it (connection, changes the hub has not confirmed); null without one. */
  status: MeetingSyncStatus.nullable(),
});
export type MeetingListEntry = z.infer<typeof MeetingListEntry>;

export const MeetingParticipant = z.object({
  name: z.string(),
  role: z.enum(['secretariat', 'delegate', 'observer']),
  delegation: z.string().nullable(),
  online: z.boolean(),
  self: z.boolean(),
});
export type MeetingParticipant = z.infer<typeof MeetingParticipant>;

/** Meetings are listed soonest first, then by title, so the next meeting is on top. */
export function compareMeetings(a: MeetingSummary, b: MeetingSummary): number {
  return b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title);
}
