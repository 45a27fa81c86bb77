import type * as Y from 'yjs';
import { z } from 'zod';
import { hubWebAddress } from './joinLink';
import { requireSecretariatDoc, SECRETARIAT_ROOTS } from './secretariatDoc';

/** A hub address as the secretariat names it for everyone: ws(s)://host[:port], nothing after. */
const HubAddress = z
  .string()
  .max(300)
  .refine((address) => {
    try {
      hubWebAddress(address);
      return /^wss?:\/\/[^/]+$/i.test(address);
    } catch {
      return false;
    }
  }, 'Not a hub address.');

/**
 * Where the meeting is served now, as its secretariat says: the notice every participant's app
 * follows when the meeting moves between a laptop hosting it on the venue's network and an online
 * hub. Several addresses when a hosting laptop is on several networks; an app takes the first of
 * them that accepts its code. Codes never travel here: the secretariat's room is read by everyone,
 * so the hub a meeting moves to is given the invitations' hashes instead (hub/invitationsApi.ts),
 * and every code that worked before works there.
 */
export const MeetingLocation = z
  .object({
    addresses: z.array(HubAddress).min(1).max(8),
    /** When the secretariat moved it (ms since epoch). */
    at: z.number().int().nonnegative(),
    /** Who moved it, as the secretariat's laptop names its user. */
    by: z.string().max(200),
    /**
     * The laptop it moved to, when it moved to one hosting it on the local network: that laptop's
     * own id, so it alone knows the notice means "here" (its addresses may differ after a restart),
     * and every other laptop, a secretariat's hosting it too included, follows.
     */
    host: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  })
  .strict();
export type MeetingLocation = z.infer<typeof MeetingLocation>;

const KEY = 'current';

/** Only the secretariat writes this (the hub keeps delegates out of its room): one value, replaced whole. */
export function writeMeetingLocation(secretariat: Y.Doc, location: MeetingLocation): void {
  requireSecretariatDoc(secretariat);
  const parsed = MeetingLocation.parse(location);
  secretariat.getMap<unknown>(SECRETARIAT_ROOTS.location).set(KEY, parsed);
}

/** The secretariat's latest notice, or undefined if it never moved the meeting (or wrote something unreadable). */
export function readMeetingLocation(secretariat: Y.Doc): MeetingLocation | undefined {
  const parsed = MeetingLocation.safeParse(secretariat.getMap<unknown>(SECRETARIAT_ROOTS.location).get(KEY));
  return parsed.success ? parsed.data : undefined;
}

/** Calls back whenever the notice changes (from the hub, or written here). */
export function observeMeetingLocation(secretariat: Y.Doc, onChange: () => void): () => void {
  const map = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.location);
  const observer = () => onChange();
  map.observe(observer);
  return () => map.unobserve(observer);
}
