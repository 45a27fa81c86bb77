import { z } from 'zod';

export const Role = z.enum(['secretariat', 'delegate', 'observer']);
export type Role = z.infer<typeof Role>;

/** Codes are read aloud and typed from paper: no 0/O, 1/I/L, in groups of four. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_GROUPS = 4;

export const InvitationCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]+/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_GROUPS * 4}}$`), 'That is not an invitation code.'));

export function formatInvitationCode(raw: string): string {
  return raw.match(/.{1,4}/g)!.join('-');
}

export const InvitationGrant = z
  .object({
    meetingId: z.string(),
    role: Role,
    delegation: z.string().min(1).max(100).nullable(),
  })
  .refine((g) => (g.role === 'delegate') === (g.delegation !== null), {
    message: 'A delegate invitation names its delegation; other roles do not.',
    path: ['delegation'],
  });
export type InvitationGrant = z.infer<typeof InvitationGrant>;

export const InvitationView = z.object({
  id: z.string(),
  meetingId: z.string(),
  role: Role,
  delegation: z.string().nullable(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});

export interface InvitationRecord extends InvitationGrant {
  id: string;
  createdAt: number;
  revokedAt: number | null;
}

/**
 * A hub room: per meeting, its own room (everyone writes: participants, the delegations' own
 * documents) and the secretariat's (only the secretariat writes: see secretariatDoc.ts); and one
 * room per document, whose address names its meeting, so a hub never has to guess which meeting a
 * document belongs to from what some index lists.
 */
export type Room =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'secretariat'; meetingId: string }
  | { kind: 'doc'; meetingId: string; docId: string };

const ID = '[a-z0-9-]{8,64}';

export function parseRoom(path: string): Room | undefined {
  const ofMeeting = new RegExp(`^/?(meeting|secretariat)/(${ID})$`).exec(path);
  if (ofMeeting) return { kind: ofMeeting[1] as 'meeting' | 'secretariat', meetingId: ofMeeting[2]! };
  const doc = new RegExp(`^/?doc/(${ID})/(${ID})$`).exec(path);
  return doc ? { kind: 'doc', meetingId: doc[1]!, docId: doc[2]! } : undefined;
}

export function roomName(room: Room): string {
  return room.kind === 'doc' ? `doc/${room.meetingId}/${room.docId}` : `${room.kind}/${room.meetingId}`;
}
