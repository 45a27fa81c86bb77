import { z } from 'zod';
import { EntityId, MeetingDetail, MeetingListEntry, MeetingParticipant, MeetingSyncStatus } from '../model/meeting';
import { ApiErrorShape } from './errors';

/** y-protocols messages are opaque bytes here; the sync session decodes them defensively. */
const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected binary data.');

/** Upper bound on one sync message from a window; a larger paste is refused in the editor first. */
export const MAX_SYNC_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Each opening of a document's sync stream is numbered by the window. Everything main sends on a
 * stream carries its number, so nothing from an earlier opening (an ack in flight, say) can be
 * taken for news about the current one.
 */
const StreamId = z.number().int().nonnegative();

export const ClientMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    params: z.unknown(),
  }),
  z.object({ t: z.literal('sync-open'), doc: EntityId, stream: StreamId }),
  z.object({ t: z.literal('sync'), doc: EntityId, stream: StreamId, data: Bytes }),
  z.object({ t: z.literal('sync-close'), doc: EntityId }),
  /** Tell me whenever what I show of this meeting changes (a `meeting` event now, then on each change). */
  z.object({ t: z.literal('watch'), meetingId: EntityId }),
  z.object({ t: z.literal('unwatch'), meetingId: EntityId }),
  /** Tell me the list of meetings now, and again whenever what it shows of any of them changes. */
  z.object({ t: z.literal('watch-meetings') }),
  z.object({ t: z.literal('unwatch-meetings') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/**
 * What main alone knows of a meeting and a window shows: its link to the hub (or its hosting),
 * who is there, and the documents this computer holds for it. Sent to the windows that watch the
 * meeting, when any of it changes; the window never asks again.
 */
export const MeetingEvent = z.object({
  kind: z.literal('meeting'),
  meetingId: EntityId,
  /** Null for a meeting with no hub: this computer's own. */
  status: MeetingSyncStatus.nullable(),
  participants: z.array(MeetingParticipant),
  /** Null if the meeting cannot be read (deleted, or its history unreadable). */
  detail: MeetingDetail.nullable(),
});
export type MeetingEvent = z.infer<typeof MeetingEvent>;

// A plain union: two variants share t: 'result' and differ by `ok`.
export const ServerMessage = z.union([
  z.object({
    t: z.literal('result'),
    id: z.number().int().nonnegative(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    t: z.literal('result'),
    id: z.number().int().nonnegative(),
    ok: z.literal(false),
    error: ApiErrorShape,
  }),
  z.object({ t: z.literal('sync'), doc: EntityId, stream: StreamId, data: Bytes }),
  /**
   * Main has processed `received` sync messages of this stream, and every update among them is
   * on disk. The window counts what it sent against this to know whether it may say "Saved".
   */
  z.object({ t: z.literal('sync-ack'), doc: EntityId, stream: StreamId, received: z.number().int().nonnegative() }),
  z.object({ t: z.literal('sync-error'), doc: EntityId, stream: StreamId, error: ApiErrorShape }),
  /**
   * Main rebuilt this document from its hub's copy (the hub refused one of its changes): the
   * window's Y.Doc holds that change and must not send it again, so it opens the document afresh.
   * What it sends meanwhile on this stream is still kept.
   */
  z.object({ t: z.literal('sync-replaced'), doc: EntityId, stream: StreamId }),
  z.object({ t: z.literal('event'), event: MeetingEvent }),
  /**
   * The whole list of meetings, as `meetings.list` answers, sent to a window that watches it when
   * any meeting on it changes (its particulars, its hub link, its unconfirmed changes) or one is added.
   */
  z.object({ t: z.literal('meetings'), meetings: z.array(MeetingListEntry) }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
