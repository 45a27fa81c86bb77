import { z } from 'zod';
import * as Y from 'yjs';
import { holdsSecretariatParts, type MeetingDocs, requireSecretariatDoc, SECRETARIAT_ROOTS } from './secretariatDoc';
import { TemplateFields } from './templates';

/**
 * Templates the secretariat publishes to a meeting live in the meeting's secretariat doc, so every
 * participant receives them with the meeting, online or later, and only the secretariat can change
 * them. Each entry is one plain object under its id: republishing replaces it whole, so two
 * concurrent edits can never mix the text of one with the title of the other.
 */
/** Where meetings written before the secretariat doc existed keep them, in the meeting doc. */
export const LEGACY_TEMPLATES = 'templates';

export const MeetingTemplateEntry = TemplateFields.extend({
  publishedBy: z.string().max(200),
  publishedAt: z.number().int(),
});
export type MeetingTemplateEntry = z.infer<typeof MeetingTemplateEntry>;

/** The entry as stored: optional fields left out rather than stored as undefined, which Yjs cannot encode. */
export function storedTemplate(entry: MeetingTemplateEntry): Record<string, unknown> {
  return JSON.parse(JSON.stringify(MeetingTemplateEntry.parse(entry))) as Record<string, unknown>;
}

export function publishMeetingTemplate(secretariat: Y.Doc, template: TemplateFields, by: string, at: number): MeetingTemplateEntry {
  requireSecretariatDoc(secretariat);
  const entry = MeetingTemplateEntry.parse({ ...template, publishedBy: by, publishedAt: at });
  secretariat.getMap<unknown>(SECRETARIAT_ROOTS.templates).set(entry.id, storedTemplate(entry));
  return entry;
}

/** True if the template was there to remove. */
export function removeMeetingTemplate(secretariat: Y.Doc, id: string): boolean {
  requireSecretariatDoc(secretariat);
  const map = secretariat.getMap<unknown>(SECRETARIAT_ROOTS.templates);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

/**
 * The meeting's templates, oldest first: the secretariat doc's, or the meeting doc's for a meeting
 * whose secretariat has not yet copied them over. Entries written by another version or a peer
 * are validated like anything else from the wire; a malformed one is skipped, not trusted.
 */
export function readMeetingTemplates(docs: MeetingDocs): MeetingTemplateEntry[] {
  return holdsSecretariatParts(docs.secretariat)
    ? readTemplateMap(docs.secretariat.getMap<unknown>(SECRETARIAT_ROOTS.templates))
    : readTemplateMap(docs.meeting.getMap<unknown>(LEGACY_TEMPLATES));
}

function readTemplateMap(map: Y.Map<unknown>): MeetingTemplateEntry[] {
  const entries: MeetingTemplateEntry[] = [];
  map.forEach((value, id) => {
    const raw = value instanceof Y.Map ? value.toJSON() : value;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const parsed = MeetingTemplateEntry.safeParse({ ...raw, id });
    if (parsed.success) entries.push(parsed.data);
  });
  return entries.sort((a, b) => a.publishedAt - b.publishedAt || a.id.localeCompare(b.id));
}
