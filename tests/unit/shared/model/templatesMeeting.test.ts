import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { publishMeetingTemplate, readMeetingTemplates, removeMeetingTemplate } from '../../../../shared/model/meetingTemplates';
import type { TemplateFields } from '../../../../shared/model/templates';

const template: TemplateFields = {
  id: 'op-meeting-clause',
  kind: 'op',
  title: 'Agreed wording on waste',
  tags: ['environment', 'waste'],
  language: 'en',
  text: 'Reduce waste sent to landfill by {{percentage}} per cent by {{target year}};',
};

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('templates published to a meeting', () => {
  it('reach another participant’s copy of the meeting with who published them and when', () => {
    const secretariat = new Y.Doc();
    const delegate = new Y.Doc();
    publishMeetingTemplate(secretariat, template, 'Secretariat', 1_700_000_000_000);
    publishMeetingTemplate(secretariat, { ...template, id: 'pp-second', kind: 'pp', group: 'pp-second' }, 'Ana', 1_700_000_000_500);
    sync(secretariat, delegate);
    expect(readMeetingTemplates(delegate)).toEqual([
      { ...template, publishedBy: 'Secretariat', publishedAt: 1_700_000_000_000 },
      { ...template, id: 'pp-second', kind: 'pp', group: 'pp-second', publishedBy: 'Ana', publishedAt: 1_700_000_000_500 },
    ]);
  });

  it('disappear for everyone when withdrawn', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    publishMeetingTemplate(a, template, 'Secretariat', 1);
    sync(a, b);
    expect(removeMeetingTemplate(a, template.id)).toBe(true);
    expect(removeMeetingTemplate(a, template.id)).toBe(false);
    sync(a, b);
    expect(readMeetingTemplates(b)).toEqual([]);
  });

  it('replace an earlier version of the same template whole when published again', () => {
    const doc = new Y.Doc();
    publishMeetingTemplate(doc, template, 'Secretariat', 1);
    publishMeetingTemplate(doc, { ...template, title: 'Revised wording' }, 'Secretariat', 2);
    expect(readMeetingTemplates(doc)).toMatchObject([{ id: template.id, title: 'Revised wording', publishedAt: 2 }]);
  });

  it('skip an entry another version or a peer wrote wrongly, and list the rest', () => {
    const doc = new Y.Doc();
    publishMeetingTemplate(doc, template, 'Secretariat', 1);
    const map = doc.getMap<unknown>('templates');
    map.set('broken-placeholder', { ...template, id: 'broken-placeholder', text: 'Reduce {{waste', publishedBy: 'X', publishedAt: 2 });
    map.set('not-an-object', 'hello');
    map.set('missing-fields', { title: 'No text' });
    const nested = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ ...template, id: 'as-y-map', publishedBy: 'Y', publishedAt: 3 })) nested.set(key, value);
    map.set('as-y-map', nested);
    expect(readMeetingTemplates(doc).map((t) => t.id)).toEqual([template.id, 'as-y-map']);
  });

  it('refuse to publish a template whose placeholders are broken', () => {
    const doc = new Y.Doc();
    expect(() => publishMeetingTemplate(doc, { ...template, text: 'Reduce {{waste' }, 'Secretariat', 1)).toThrow(/never closed/);
    expect(readMeetingTemplates(doc)).toEqual([]);
  });
});
