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
export type InvitationView = z.infer<typeof InvitationView>;

/** A new invitation with its code, which only its creation shows: the hub keeps a hash. */
export const IssuedInvitationView = InvitationView.extend({
  code: z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{4}(?:-[${CODE_ALPHABET}]{4}){${CODE_GROUPS - 1}}$`), 'That is not an invitation code.'),
});
export type IssuedInvitationView = z.infer<typeof IssuedInvitationView>;

/**
 * A hub's HTTP API for a meeting's invitations, which a secretariat's code of that meeting may
 * call (README, "Invitations from the app"). Both sides read these schemas: the hub what it is
 * sent, the app what the hub answers.
 */
export const hubInvitationsPath = (meetingId: string) => `/v1/meetings/${encodeURIComponent(meetingId)}/invitations`;
export const hubInvitationPath = (meetingId: string, invitationId: string) => `${hubInvitationsPath(meetingId)}/${encodeURIComponent(invitationId)}`;

/** Names a delegation as people read it: no control characters, which would garble every list. */
const DelegationName = z
  .string()
  .trim()
  .min(1, 'Name the delegation.')
  .max(100, 'A delegation’s name has at most 100 characters.')
  .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'A delegation’s name is one line of text.');

export const HubInvitationRequest = z
  .object({ role: Role, delegation: DelegationName.nullable() })
  .strict()
  .refine((g) => (g.role === 'delegate') === (g.delegation !== null), {
    message: 'A delegate invitation names its delegation; other roles do not.',
    path: ['delegation'],
  });
export type HubInvitationRequest = z.infer<typeof HubInvitationRequest>;

/** The meeting's invitations, and which of them the caller's own code is (revoking it would lock the caller out). */
export const HubInvitationList = z.object({ invitations: z.array(InvitationView), caller: z.string() });
export const HubIssuedInvitation = z.object({ invitation: IssuedInvitationView });
export const HubRevokedInvitation = z.object({ invitation: InvitationView });
/**
 * An invitation as it moves with its meeting from one hub to another (a laptop hosting it on the
 * venue's network, an online hub): its id and the hash of its code, never the code, so every code
 * handed out before works at the new hub and no code is ever written where others read it.
 */
export const CarriedInvitation = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    role: Role,
    delegation: DelegationName.nullable(),
    codeHash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.number().int().nonnegative(),
    revokedAt: z.number().int().nonnegative().nullable(),
  })
  .strict()
  .refine((g) => (g.role === 'delegate') === (g.delegation !== null), {
    message: 'A delegate invitation names its delegation; other roles do not.',
    path: ['delegation'],
  });
export type CarriedInvitation = z.infer<typeof CarriedInvitation>;

/** More than any hub keeps for one meeting (hub/hubLimits.ts), so a whole meeting moves in one request. */
export const MAX_CARRIED_INVITATIONS = 1000;
/**
 * One entry of the meeting's record of who owns each Yjs client id (shared/model/clientOwners.ts),
 * as the secretariat's room holds it: it goes with the invitations, so that the hub has it before
 * any code carried there can write, and no delegation arriving first takes another's id.
 */
export const CarriedOwner = z
  .object({ clientId: z.number().int().nonnegative().max(0xffffffff), role: Role, delegation: DelegationName.nullable() })
  .strict()
  .refine((o) => (o.role === 'delegate') === (o.delegation !== null), { message: 'A delegate names its delegation; other roles do not.', path: ['delegation'] });
export type CarriedOwner = z.infer<typeof CarriedOwner>;
/** A meeting's client ids in one request: a few per laptop, per day and per document opened. */
export const MAX_CARRIED_OWNERS = 5000;
export const HubCarriedInvitations = z
  .object({ invitations: z.array(CarriedInvitation).max(MAX_CARRIED_INVITATIONS), owners: z.array(CarriedOwner).max(MAX_CARRIED_OWNERS).optional() })
  .strict();
export type HubCarriedInvitations = z.infer<typeof HubCarriedInvitations>;
/** What a hub did with invitations carried to it: taken in, already held (revocations applied), or refused (an id or code another meeting holds). */
export const HubCarryResult = z.object({ added: z.number().int(), kept: z.number().int(), refused: z.number().int() });
export type HubCarryResult = z.infer<typeof HubCarryResult>;
export const hubCarriedInvitationsPath = (meetingId: string) => `/v1/meetings/${encodeURIComponent(meetingId)}/carried-invitations`;

/** Every refusal of the hub's HTTP API: a code to act on and a sentence to show. */
export const HubErrorBody = z.object({ code: z.string().max(40), message: z.string().max(500) });

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
