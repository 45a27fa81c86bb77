import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Replicas } from '../../../../electron/storage/replicas';
import { createServices, type Services } from '../../../../electron/services/services';
import { AppStore } from '../../../../electron/storage/appStore';
import { createTemplatesService, defaultBuiltinTemplatesDir } from '../../../../electron/services/templates';
import { apiContract } from '../../../../shared/api/contract';
import { AccordError } from '../../../../shared/api/errors';
import { LEGACY_META } from '../../../../shared/model/meetingDoc';
import { LEGACY_TEMPLATES, readMeetingTemplates } from '../../../../shared/model/meetingTemplates';
import { secretariatDocId } from '../../../../shared/model/secretariatDoc';
import type { TemplateList } from '../../../../shared/model/templates';
import { recordingLogger, SAMPLE_MEETING, sequentialIds, useTempDirs } from '../../helpers';

const LIBRARY = join(process.cwd(), 'resources', 'templates');

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'op',
  title: `Clause ${id}`,
  tags: ['environment'],
  language: 'en',
  text: 'Reduce waste by {{percentage}} per cent by {{target year}};',
  ...extra,
});
const fileOf = (...templates: unknown[]) => JSON.stringify({ version: 1, templates }, null, 2);

/** The error a call is refused with, whether it throws at once or rejects later. */
async function refusal(call: () => unknown): Promise<AccordError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AccordError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('templates service', () => {
  const tempDir = useTempDirs();
  let clock = 1_700_000_000_000;
  const open = (dataDir: string, builtinTemplatesDir?: string, log = recordingLogger()) =>
    createServices({ dataDir, version: 'test', log, newId: sequentialIds('tpl'), now: () => (clock += 1000), builtinTemplatesDir });
  const personalIds = async (services: Services) =>
    (await services.handlers['templates.list']({})).templates.filter((t) => t.source === 'personal').map((t) => t.id);

  it('finds the built-in library next to the code, and lists all of it without problems', async () => {
    expect(defaultBuiltinTemplatesDir()).toBe(LIBRARY);
    const services = open(tempDir());
    const list = await services.handlers['templates.list']({});
    expect(list.problems).toEqual([]);
    const builtin = list.templates.filter((t) => t.source === 'builtin');
    expect(builtin.length).toBeGreaterThanOrEqual(80);
    expect(builtin.find((t) => t.id === 'adoption-place-and-date-vi')).toMatchObject({
      kind: 'adoption',
      language: 'vi',
      file: 'openings-adoption.json',
      text: 'Thông qua tại {{meeting.place}}, {{meeting.date}}.',
    });
    services.close();
  });

  it('leaves out a broken built-in file, says which and why, and still offers the others', async () => {
    const dir = tempDir();
    copyFileSync(join(LIBRARY, 'civic-social.json'), join(dir, 'a-good.json'));
    writeFileSync(join(dir, 'b-broken-json.json'), '{ "version": 1,\n  "templates": [ }');
    writeFileSync(join(dir, 'c-bad-kind.json'), fileOf(entry('op-fine'), entry('op-wrong', { kind: 'preamble' })));
    writeFileSync(join(dir, 'd-bad-placeholder.json'), fileOf(entry('op-open', { text: 'Encourage\n{{programme name;' })));
    writeFileSync(join(dir, 'e-duplicate.json'), fileOf(entry('op-promote-participatory-planning-en')));
    writeFileSync(join(dir, 'notes.txt'), 'not a template file');
    const log = recordingLogger();
    const services = open(tempDir(), dir, log);
    const list = await services.handlers['templates.list']({});

    expect(list.templates.filter((t) => t.source === 'builtin').map((t) => t.file)).toEqual(
      Array(10).fill('a-good.json'),
    );
    expect(list.problems).toEqual([
      {
        file: 'b-broken-json.json',
        message: 'Built-in template file b-broken-json.json is refused: The file is not valid JSON: line 2, column 18: expected a value, found “}”.',
      },
      {
        file: 'c-bad-kind.json',
        message: 'Built-in template file c-bad-kind.json is refused: Template 2 (“op-wrong”), field “kind”: Use one of: title, opening, pp, operative-opening, op, sub, adoption.',
      },
      {
        file: 'd-bad-placeholder.json',
        message: 'Built-in template file d-bad-placeholder.json is refused: Template 1 (“op-open”), field “text”: Line 2, column 1: “{{” is never closed with “}}”.',
      },
      {
        file: 'e-duplicate.json',
        message: 'Built-in template file e-duplicate.json is refused: template 1 (“op-promote-participatory-planning-en”) has the same id as one in a-good.json.',
      },
    ]);
    expect(log.errors.map((e) => [e.event, e.fields?.file])).toEqual([
      ['templates.builtin-refused', 'b-broken-json.json'],
      ['templates.builtin-refused', 'c-bad-kind.json'],
      ['templates.builtin-refused', 'd-bad-placeholder.json'],
      ['templates.builtin-refused', 'e-duplicate.json'],
    ]);
    services.close();
  });

  it('says so when the built-in library is missing, and still lists personal templates', async () => {
    const services = open(tempDir(), join(tempDir(), 'nowhere'));
    await services.handlers['templates.savePersonal']({ kind: 'pp', title: 'Mine', tags: [], language: 'en', text: 'Recognizing {{x}},' });
    const list = await services.handlers['templates.list']({});
    expect(list.templates.map((t) => t.source)).toEqual(['personal']);
    expect(list.problems).toEqual([{ file: expect.stringContaining('nowhere'), message: expect.stringMatching(/^The built-in template library cannot be read/) }]);
    services.close();
  });

  it('keeps templates a person saved, and forgets deleted ones, across a restart', async () => {
    const dir = tempDir();
    const first = open(dir);
    const saved = await first.handlers['templates.savePersonal']({
      kind: 'op',
      title: 'Our usual closing',
      tags: ['Closing', 'host'],
      language: 'vi',
      text: 'Bày tỏ lòng biết ơn tới {{meeting.hostCity}};',
    });
    expect(saved).toMatchObject({ source: 'personal', id: 'tpl-00000001', tags: ['closing', 'host'] });
    const other = await first.handlers['templates.savePersonal']({ kind: 'pp', title: 'Second', tags: [], language: 'en', text: 'Noting {{x}},' });
    first.close();

    const second = open(dir);
    const listed = (await second.handlers['templates.list']({})).templates.filter((t) => t.source === 'personal');
    expect(listed).toEqual([saved, other]);
    // This run's id source starts again from 1; a new template still never replaces an old one.
    const later = await second.handlers['templates.savePersonal']({ kind: 'op', title: 'Later', tags: [], language: 'en', text: 'Agree;' });
    expect(later.id).toBe('tpl-00000001-2');
    expect(await second.handlers['templates.deletePersonal']({ id: saved.id })).toEqual({ id: saved.id });
    second.close();

    const third = open(dir);
    expect(await personalIds(third)).toEqual([other.id, later.id]);
    expect((await refusal(() => third.handlers['templates.deletePersonal']({ id: saved.id }))).code).toBe('not_found');
    third.close();
  });

  it('refuses to save a paragraph whose placeholder is broken, saying where', async () => {
    const services = open(tempDir());
    const error = await refusal(() => services.handlers['templates.savePersonal']({ kind: 'op', title: 'Bad', tags: [], language: 'en', text: 'Encourage }} everyone;' }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('This template cannot be saved: text: Line 1, column 11: “}}” closes nothing: there is no “{{” before it.');
    expect(await personalIds(services)).toEqual([]);
    services.close();
  });

  it('checks requests at the boundary, naming the field and where its placeholder breaks', () => {
    const save = apiContract['templates.savePersonal'].params.safeParse({ kind: 'pp', title: 'x', language: 'en', text: 'Noting {{x' });
    expect(save.success).toBe(false);
    expect(save.error!.issues[0]).toMatchObject({ path: ['text'], message: 'Line 1, column 8: “{{” is never closed with “}}”.' });
    const publish = apiContract['templates.publish'].params;
    expect(publish.safeParse({ meetingId: 'meeting-00000001', templateId: 'op-one' }).success).toBe(true);
    expect(publish.safeParse({ meetingId: 'meeting-00000001', template: { kind: 'op', title: 'x', language: 'vi', text: 'Khuyến khích;' } }).success).toBe(true);
    expect(publish.safeParse({ meetingId: 'meeting-00000001', templateId: 'op-one', extra: 1 }).success).toBe(false);
    expect(apiContract['templates.list'].params.safeParse({}).success).toBe(true);
  });

  describe('importing a template file', () => {
    it('adds every template of a good file, remembered across a restart', async () => {
      const dir = tempDir();
      const first = open(dir);
      const result = await first.handlers['templates.import']({
        fileName: 'C:\\Users\\ana\\Desktop\\secretariat.json',
        content: fileOf(entry('op-one'), entry('pp-two', { kind: 'pp', language: 'vi', text: 'Nhận thức rằng {{thành phố}},' })),
      });
      expect(result.renamed).toEqual([]);
      expect(result.unchanged).toEqual([]);
      expect(result.imported.map((t) => [t.id, t.source, t.source === 'personal' && t.importedFrom])).toEqual([
        ['op-one', 'personal', 'secretariat.json'],
        ['pp-two', 'personal', 'secretariat.json'],
      ]);
      first.close();
      const second = open(dir);
      expect(await personalIds(second)).toEqual(['op-one', 'pp-two']);
      second.close();
    });

    it('imports nothing from a file that is not valid JSON, and says on which line and column it breaks', async () => {
      const services = open(tempDir());
      const error = await refusal(() => services.handlers['templates.import']({ fileName: 'broken.json', content: '{\n  "version": 1,\n  "templates": [\n    {"id": "a",}\n  ]\n}' }),
      );
      expect(error.code).toBe('invalid_request');
      expect(error.file).toBe('broken.json');
      expect(error.message).toBe(
        '“broken.json” cannot be imported, so nothing was imported. The file is not valid JSON: line 4, column 16: a comma before “}” (remove the trailing comma).',
      );
      expect(await personalIds(services)).toEqual([]);
      services.close();
    });

    it('imports nothing when one template among good ones is wrong, and names that template and field', async () => {
      const services = open(tempDir());
      await services.handlers['templates.import']({ fileName: 'earlier.json', content: fileOf(entry('op-earlier')) });
      const error = await refusal(() => services.handlers['templates.import']({
          fileName: 'mixed.json',
          content: fileOf(entry('op-good-1'), entry('op-good-2'), entry('op-bad', { language: 'fr' }), entry('op-good-3')),
        }),
      );
      expect(error.message).toMatch(/^“mixed\.json” cannot be imported, so nothing was imported\. Template 3 \(“op-bad”\), field “language”: /);
      expect(await personalIds(services)).toEqual(['op-earlier']);
      services.close();
    });

    it('imports nothing when a placeholder is broken, and says in which template and where', async () => {
      const services = open(tempDir());
      const error = await refusal(() => services.handlers['templates.import']({
          fileName: 'fields.json',
          content: fileOf(entry('op-good'), entry('op-nested', { text: 'Support {{programme {{name}}}};' })),
        }),
      );
      expect(error.message).toBe(
        '“fields.json” cannot be imported, so nothing was imported. Template 2 (“op-nested”), field “text”: Line 1, column 21: “{{” opens a placeholder inside another one.',
      );
      expect(await personalIds(services)).toEqual([]);
      services.close();
    });

    it('does not import the same templates twice, and gives a new id to a different template whose id is taken', async () => {
      const services = open(tempDir());
      const content = fileOf(entry('op-one'), entry('op-two'));
      await services.handlers['templates.import']({ fileName: 'a.json', content });
      const again = await services.handlers['templates.import']({ fileName: 'a.json', content });
      expect(again).toEqual({ imported: [], renamed: [], unchanged: ['op-one', 'op-two'] });

      const clash = await services.handlers['templates.import']({
        fileName: 'b.json',
        content: fileOf(entry('op-one', { title: 'Another clause' }), entry('opening-governors-and-mayors-en', { kind: 'opening' })),
      });
      expect(clash.renamed).toEqual([
        { from: 'op-one', to: 'op-one-2' },
        { from: 'opening-governors-and-mayors-en', to: 'opening-governors-and-mayors-en-2' },
      ]);
      expect(clash.imported.map((t) => t.id)).toEqual(['op-one-2', 'opening-governors-and-mayors-en-2']);
      expect(await personalIds(services)).toEqual(['op-one', 'op-two', 'op-one-2', 'opening-governors-and-mayors-en-2']);
      services.close();
    });

    it('saves all of an import or none of it, even if saving fails halfway', () => {
      const store = AppStore.open(join(tempDir(), 'accord.sqlite'));
      const row = { kind: 'op', title: 'T', tags: '[]', language: 'en', text: 'x', group_id: null, imported_from: 'f.json', created_at: 1 };
      // The second row's id repeats the first's, so the database refuses it after the first went in.
      expect(() => store.insertPersonalTemplates([{ ...row, id: 'op-a' }, { ...row, id: 'op-a' }])).toThrow(AccordError);
      expect(store.listPersonalTemplates()).toEqual([]);
      store.close();
    });
  });

  describe('templates published to a meeting', () => {
    it('are written into the meeting’s secretariat doc, reach another copy of it, and can be withdrawn', async () => {
      const dir = tempDir();
      const services = open(dir);
      const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
      const mine = await services.handlers['templates.savePersonal']({ kind: 'pp', title: 'Ours', tags: ['host'], language: 'en', text: 'Noting {{meeting.hostCity}},' });

      const fromPersonal = await services.handlers['templates.publish']({ meetingId: meeting.id, templateId: mine.id });
      const fromLibrary = await services.handlers['templates.publish']({ meetingId: meeting.id, templateId: 'adoption-place-and-date-en' });
      const edited = await services.handlers['templates.publish']({
        meetingId: meeting.id,
        template: { kind: 'op', title: 'Agreed at the venue', tags: [], language: 'en', text: 'Agree to meet again in {{next host city}};' },
      });
      expect(fromPersonal).toMatchObject({ source: 'meeting', meetingId: meeting.id, id: mine.id, publishedBy: 'Secretariat' });
      expect(fromLibrary).toMatchObject({ source: 'meeting', id: 'adoption-place-and-date-en', kind: 'adoption' });
      expect(edited.id).toMatch(/^tpl-/);

      const listed = (await services.handlers['templates.list']({ meetingId: meeting.id })).templates;
      expect(listed.filter((t) => t.source === 'meeting').map((t) => t.id)).toEqual([mine.id, 'adoption-place-and-date-en', edited.id]);
      expect(listed.slice(0, 3).every((t) => t.source === 'meeting')).toBe(true);

      // Another participant's copy of the meeting, brought up to date from this one.
      const copy = (id: string) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, services.replicas!.with(id, (replica) => Y.encodeStateAsUpdate(replica.doc)));
        return doc;
      };
      const elsewhere = { meeting: copy(meeting.id), secretariat: copy(secretariatDocId(meeting.id)) };
      expect(readMeetingTemplates({ meeting: elsewhere.meeting, secretariat: new Y.Doc() })).toEqual([]);
      expect(readMeetingTemplates(elsewhere).map((t) => [t.id, t.publishedBy])).toEqual([
        [mine.id, 'Secretariat'],
        ['adoption-place-and-date-en', 'Secretariat'],
        [edited.id, 'Secretariat'],
      ]);

      // What the window receives passes the contract it checks answers against.
      expect(() => apiContract['templates.list'].result.parse({ templates: listed, problems: [] })).not.toThrow();
      expect(() => apiContract['templates.publish'].result.parse(edited)).not.toThrow();

      expect(await services.handlers['templates.unpublish']({ meetingId: meeting.id, templateId: mine.id })).toEqual({ id: mine.id });
      expect((await refusal(() => services.handlers['templates.unpublish']({ meetingId: meeting.id, templateId: mine.id }))).code).toBe('not_found');
      services.close();

      const reopened = open(dir);
      const after = (await reopened.handlers['templates.list']({ meetingId: meeting.id })).templates;
      expect(after.filter((t) => t.source === 'meeting').map((t) => t.id)).toEqual(['adoption-place-and-date-en', edited.id]);
      // Withdrawing it from the meeting leaves the person's own copy alone.
      expect(after.some((t) => t.source === 'personal' && t.id === mine.id)).toBe(true);
      reopened.close();
    });

    it('refuses a meeting that does not exist, a template that does not, and a broken one', async () => {
      const services = open(tempDir());
      const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
      expect((await refusal(() => services.handlers['templates.list']({ meetingId: 'nosuchmeeting' }))).code).toBe('not_found');
      expect((await refusal(() => services.handlers['templates.publish']({ meetingId: 'nosuchmeeting', templateId: 'adoption-place-and-date-en' }))).code).toBe(
        'not_found',
      );
      expect((await refusal(() => services.handlers['templates.publish']({ meetingId: meeting.id, templateId: 'no-such-template' }))).code).toBe('not_found');
      const broken = await refusal(() => services.handlers['templates.publish']({ meetingId: meeting.id, template: { kind: 'op', title: 'x', tags: [], language: 'en', text: '{{}}' } }),
      );
      expect(broken.code).toBe('invalid_request');
      expect(broken.message).toContain('Line 1, column 1: a placeholder needs a name');
      expect((await services.handlers['templates.list']({ meetingId: meeting.id })).templates.filter((t) => t.source === 'meeting')).toEqual([]);
      services.close();
    });

    it('may be published by the secretariat of a joined meeting, under its name, beside a legacy meeting’s, but not by a delegate', () => {
      const dir = tempDir();
      mkdirSync(dir, { recursive: true });
      const store = AppStore.open(join(dir, 'accord.sqlite'));
      const log = recordingLogger();
      const replicas = new Replicas({ store, now: () => 1, log });
      const service = createTemplatesService({ store, replicas, now: () => 5, newId: sequentialIds(), log, builtinDir: LIBRARY });
      // Meetings as the release before the secretariat doc wrote them: particulars and a published
      // template in the meeting doc.
      const join_ = (meetingId: string, role: 'secretariat' | 'delegate', participant: string) => {
        store.createDoc({ id: meetingId, kind: 'meeting', meetingId: null, now: 1 });
        replicas.with(meetingId, (r) => {
          for (const [key, value] of Object.entries({ ...SAMPLE_MEETING, createdAt: 1 })) r.doc.getMap(LEGACY_META).set(key, value);
          r.doc.getMap(LEGACY_TEMPLATES).set('op-legacy-0001', { id: 'op-legacy-0001', kind: 'op', title: 'Legacy', tags: [], language: 'en', text: 'Agree;', publishedBy: 'Secretariat', publishedAt: 1 });
        });
        store.saveRemote({ meeting_id: meetingId, hub_url: 'ws://hub', code: 'c', role, delegation: role === 'delegate' ? 'Hà Nội' : null, participant, joined_at: 1 });
      };
      join_('meeting-as-secretariat', 'secretariat', 'Dara');
      join_('meeting-as-delegate', 'delegate', 'Linh');

      expect(service['templates.publish']({ meetingId: 'meeting-as-secretariat', templateId: 'op-encourage-exchange-en' })).toMatchObject({
        publishedBy: 'Dara',
        publishedAt: 5,
      });
      // The legacy meeting's parts were copied into its secretariat doc first, and are still listed.
      const meetingIds = (meetingId: string) =>
        (service['templates.list']({ meetingId }) as TemplateList).templates.filter((t) => t.source === 'meeting').map((t) => t.id);
      expect(meetingIds('meeting-as-secretariat')).toEqual(['op-legacy-0001', 'op-encourage-exchange-en']);
      let refused: unknown;
      try {
        service['templates.publish']({ meetingId: 'meeting-as-delegate', templateId: 'op-encourage-exchange-en' });
      } catch (error) {
        refused = error;
      }
      expect(refused).toMatchObject({ code: 'forbidden', message: 'Only the secretariat can publish templates to this meeting, or withdraw them.' });
      // A delegate's app never copies: it reads the legacy meeting as it is.
      expect(meetingIds('meeting-as-delegate')).toEqual(['op-legacy-0001']);
      expect(replicas.with(secretariatDocId('meeting-as-delegate'), (r) => Y.encodeStateVector(r.doc))).toEqual(Y.encodeStateVector(new Y.Doc()));
      replicas.closeAll();
      store.close();
    });
  });
});
