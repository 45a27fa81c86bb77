import { z } from 'zod';
import * as Y from 'yjs';
import { TemplateFields } from './templates';

/**
 * Templates the secretariat publishes to a meeting live in the meeting's Y.Doc, so every
 * participant receives them with the meeting, online or later. Each entry is one plain object
 * under its id: republishing replaces it whole, so two concurrent edits can never mix the text of
 * one with the title of the other.
 */
export const TEMPLATES = 'templates';

export const MeetingTemplateEntry = TemplateFields.extend({
  publishedBy: z.string().max(200),
  publishedAt: z.number().int(),
});
export type MeetingTemplateEntry = z.infer<typeof MeetingTemplateEntry>;

export function publishMeetingTemplate(doc: Y.Doc, template: TemplateFields, by: string, at: number): MeetingTemplateEntry {
  const entry = MeetingTemplateEntry.parse({ ...template, publishedBy: by, publishedAt: at });
  // Optional fields are left out rather than stored as undefined, which Yjs cannot encode.
  const stored = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
  doc.getMap<unknown>(TEMPLATES).set(entry.id, stored);
  return entry;
}

/** True if the template was there to remove. */
export function removeMeetingTemplate(doc: Y.Doc, id: string): boolean {
  const map = doc.getMap<unknown>(TEMPLATES);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

/**
 * The meeting's templates, oldest first. Entries written by another version or a peer are
 * validated like anything else from the wire; a malformed one is skipped, not trusted.
 */
export function readMeetingTemplates(doc: Y.Doc): MeetingTemplateEntry[] {
  const entries: MeetingTemplateEntry[] = [];
  doc.getMap<unknown>(TEMPLATES).forEach((value, id) => {
    const raw = value instanceof Y.Map ? value.toJSON() : value;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const parsed = MeetingTemplateEntry.safeParse({ ...raw, id });
    if (parsed.success) entries.push(parsed.data);
  });
  return entries.sort((a, b) => a.publishedAt - b.publishedAt || a.id.localeCompare(b.id));
}
