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

/** A hub room: one per meeting (its metadata and document index) and one per document. */
export type Room = { kind: 'meeting'; meetingId: string } | { kind: 'doc'; docId: string };

export function parseRoom(path: string): Room | undefined {
  const match = /^\/?(meeting|doc)\/([a-z0-9-]{8,64})$/.exec(path);
  if (!match) return undefined;
  return match[1] === 'meeting' ? { kind: 'meeting', meetingId: match[2]! } : { kind: 'doc', docId: match[2]! };
}

export function roomName(room: Room): string {
  return room.kind === 'meeting' ? `meeting/${room.meetingId}` : `doc/${room.docId}`;
}
