import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeMeetingMeta } from '../../../../shared/model/meetingDoc';
import { LEGACY_TEMPLATES, publishMeetingTemplate, readMeetingTemplates, removeMeetingTemplate } from '../../../../shared/model/meetingTemplates';
import { SECRETARIAT_ROOTS } from '../../../../shared/model/secretariatDoc';
import type { TemplateFields } from '../../../../shared/model/templates';
import { newMeetingDocs, PARTICULARS, replicaOfDocs, syncDocs } from './meetingDocsKit';

const template: TemplateFields = {
  id: 'op-meeting-clause',
  kind: 'op',
  title: 'Agreed wording on waste',
  tags: ['environment', 'waste'],
  language: 'en',
  text: 'Reduce waste sent to landfill by {{percentage}} per cent by {{target year}};',
};

describe('templates published to a meeting', () => {
  it('reach another participant’s copy of the meeting with who published them and when', () => {
    const secretariat = newMeetingDocs();
    const delegate = { meeting: new Y.Doc(), secretariat: new Y.Doc() };
    publishMeetingTemplate(secretariat.secretariat, template, 'Secretariat', 1_700_000_000_000);
    publishMeetingTemplate(secretariat.secretariat, { ...template, id: 'pp-second', kind: 'pp', group: 'pp-second' }, 'Ana', 1_700_000_000_500);
    syncDocs(secretariat, delegate);
    expect(readMeetingTemplates(delegate)).toEqual([
      { ...template, publishedBy: 'Secretariat', publishedAt: 1_700_000_000_000 },
      { ...template, id: 'pp-second', kind: 'pp', group: 'pp-second', publishedBy: 'Ana', publishedAt: 1_700_000_000_500 },
    ]);
  });

  it('disappear for everyone when withdrawn', () => {
    const a = newMeetingDocs();
    const b = replicaOfDocs(a);
    publishMeetingTemplate(a.secretariat, template, 'Secretariat', 1);
    syncDocs(a, b);
    expect(readMeetingTemplates(b)).toHaveLength(1);
    expect(removeMeetingTemplate(a.secretariat, template.id)).toBe(true);
    expect(removeMeetingTemplate(a.secretariat, template.id)).toBe(false);
    syncDocs(a, b);
    expect(readMeetingTemplates(b)).toEqual([]);
  });

  it('replace an earlier version of the same template whole when published again', () => {
    const docs = newMeetingDocs();
    publishMeetingTemplate(docs.secretariat, template, 'Secretariat', 1);
    publishMeetingTemplate(docs.secretariat, { ...template, title: 'Revised wording' }, 'Secretariat', 2);
    expect(readMeetingTemplates(docs)).toMatchObject([{ id: template.id, title: 'Revised wording', publishedAt: 2 }]);
  });

  it('skip an entry another version or a peer wrote wrongly, and list the rest', () => {
    const docs = newMeetingDocs();
    const doc = docs.secretariat;
    publishMeetingTemplate(doc, template, 'Secretariat', 1);
    const map = doc.getMap<unknown>(SECRETARIAT_ROOTS.templates);
    map.set('broken-placeholder', { ...template, id: 'broken-placeholder', text: 'Reduce {{waste', publishedBy: 'X', publishedAt: 2 });
    map.set('not-an-object', 'hello');
    map.set('missing-fields', { title: 'No text' });
    const nested = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ ...template, id: 'as-y-map', publishedBy: 'Y', publishedAt: 3 })) nested.set(key, value);
    map.set('as-y-map', nested);
    expect(readMeetingTemplates(docs).map((t) => t.id)).toEqual([template.id, 'as-y-map']);
  });

  it('refuse to publish a template whose placeholders are broken', () => {
    const docs = newMeetingDocs();
    expect(() => publishMeetingTemplate(docs.secretariat, { ...template, text: 'Reduce {{waste' }, 'Secretariat', 1)).toThrow(/never closed/);
    expect(readMeetingTemplates(docs)).toEqual([]);
  });

  it('are published only into a secretariat doc, never into the meeting doc or one not set up', () => {
    const docs = newMeetingDocs();
    expect(() => publishMeetingTemplate(docs.meeting, template, 'Secretariat', 1)).toThrow(/not ready/);
    expect(() => publishMeetingTemplate(new Y.Doc(), template, 'Secretariat', 1)).toThrow(/not ready/);
    expect(Y.encodeStateVector(docs.meeting)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });

  it('are read from the meeting doc for a meeting whose secretariat has not copied them yet, and only from the secretariat doc once it has', () => {
    const legacy = { meeting: new Y.Doc(), secretariat: new Y.Doc() };
    legacy.meeting.getMap<unknown>(LEGACY_TEMPLATES).set(template.id, { ...template, publishedBy: 'Secretariat', publishedAt: 1 });
    expect(readMeetingTemplates(legacy).map((t) => t.id)).toEqual([template.id]);
    // Once the secretariat doc holds the parts, a legacy entry (an old client's, say) is not read.
    writeMeetingMeta(legacy.secretariat, PARTICULARS);
    expect(readMeetingTemplates(legacy)).toEqual([]);
  });
});
