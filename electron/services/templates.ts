import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import type { ApiHandlers } from '../../shared/api/contract';
import { AccordError } from '../../shared/api/errors';
import { publishMeetingTemplate, readMeetingTemplates, removeMeetingTemplate } from '../../shared/model/meetingTemplates';
import { parseTemplateFile } from '../../shared/model/templateFile';
import {
  MAX_TEMPLATE_FILE_CHARS,
  sameTemplateContent,
  TemplateDraft,
  TemplateFields,
  TemplateId,
  type Template,
  type TemplateImportResult,
  type TemplateProblem,
} from '../../shared/model/templates';
import type { Logger } from '../storage/logger';
import { meetingNotFound } from './meetings';
import { requireSecretariatHere, withMeetingDocs } from './secretariat';
import { localActor } from './localActor';
import type { ServiceContext } from './serviceContext';
import type { PersonalTemplateRow } from '../storage/appStore';

/**
 * Where the built-in library is when nobody says otherwise. This module runs from
 * electron/services/ (tests, tsx) or bundled into dist/electron/*.cjs: both are two levels below
 * the folder holding resources/. Without __dirname (an ES module run by tsx) the working
 * directory is the repository, as every npm script runs there. A packaged app finds it the same
 * way inside app.asar, provided electron-builder.yml lists resources/templates among its files.
 */
export function defaultBuiltinTemplatesDir(): string {
  return typeof __dirname === 'string' ? join(__dirname, '..', '..', 'resources', 'templates') : resolve('resources', 'templates');
}

/** Who a meeting template is credited to when this computer created or hosts the meeting. */

type BuiltinTemplate = Extract<Template, { source: 'builtin' }>;
type PersonalTemplate = Extract<Template, { source: 'personal' }>;
type MeetingTemplate = Extract<Template, { source: 'meeting' }>;

export interface BuiltinLibrary {
  templates: BuiltinTemplate[];
  problems: TemplateProblem[];
}

/**
 * Reads every *.json in `dir`. A file that is not valid is refused whole and reported, and the
 * other files still load: a drafter keeps most of the library, and never a silently partial file.
 */
export function loadBuiltinTemplates(dir: string, log: Logger): BuiltinLibrary {
  const templates: BuiltinTemplate[] = [];
  const problems: TemplateProblem[] = [];
  const refuse = (error: AccordError) => {
    log.error('templates.builtin-refused', { file: error.file, error: error.message });
    problems.push({ file: error.file ?? dir, message: error.message });
  };

  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    refuse(new AccordError('internal', `The built-in template library cannot be read: ${reason(error)}.`, dir));
    return { templates, problems };
  }

  const owner = new Map<string, string>();
  for (const name of names) {
    try {
      const file = readBuiltinFile(join(dir, name));
      file.forEach((template, index) => {
        const taken = owner.get(template.id);
        if (taken) {
          throw new AccordError('internal', `Built-in template file ${name} is refused: template ${index + 1} (“${template.id}”) has the same id as one in ${taken}.`, name);
        }
      });
      for (const template of file) {
        owner.set(template.id, name);
        templates.push({ ...template, source: 'builtin', file: name });
      }
    } catch (error) {
      refuse(error instanceof AccordError ? error : new AccordError('internal', `Built-in template file ${name} is refused: ${reason(error)}.`, name));
    }
  }
  return { templates, problems };
}

function readBuiltinFile(path: string): TemplateFields[] {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AccordError('internal', `Built-in template file ${name} cannot be read: ${reason(error)}.`, name);
  }
  const check = parseTemplateFile(text);
  if (!check.ok) throw new AccordError('internal', `Built-in template file ${name} is refused: ${check.problems.join(' ')}`, name);
  return check.file.templates;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join(' ');
}

function toRow(template: TemplateFields, createdAt: number, importedFrom: string | null): PersonalTemplateRow {
  return {
    id: template.id,
    kind: template.kind,
    title: template.title,
    tags: JSON.stringify(template.tags),
    language: template.language,
    text: template.text,
    group_id: template.group ?? null,
    imported_from: importedFrom,
    created_at: createdAt,
  };
}

/** A stored row as a template, or why it cannot be one (written by a newer version, or damaged). */
function fromRow(row: PersonalTemplateRow): PersonalTemplate | string {
  let tags: unknown;
  try {
    tags = JSON.parse(row.tags);
  } catch {
    return 'its tags are damaged';
  }
  const parsed = TemplateFields.safeParse({
    id: row.id,
    kind: row.kind,
    title: row.title,
    tags,
    language: row.language,
    text: row.text,
    ...(row.group_id === null ? {} : { group: row.group_id }),
  });
  if (!parsed.success) return describeIssues(parsed.error);
  return {
    ...parsed.data,
    source: 'personal',
    createdAt: row.created_at,
    ...(row.imported_from === null ? {} : { importedFrom: row.imported_from }),
  };
}

/** `base-2`, `base-3`, … : the first id nobody holds yet. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.slice(0, 90);
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function createTemplatesService(
  deps: ServiceContext & { builtinDir: string; log: Logger },
): Pick<
  ApiHandlers,
  'templates.list' | 'templates.savePersonal' | 'templates.deletePersonal' | 'templates.import' | 'templates.publish' | 'templates.unpublish'
> {
  const { store, now, newId, log } = deps;

  // The library ships with the app and does not change while it runs: read once, when first asked.
  let library: BuiltinLibrary | undefined;
  const builtin = (): BuiltinLibrary => (library ??= loadBuiltinTemplates(deps.builtinDir, log));

  const personal = (): { templates: PersonalTemplate[]; problems: TemplateProblem[] } => {
    const templates: PersonalTemplate[] = [];
    const problems: TemplateProblem[] = [];
    for (const row of store.listPersonalTemplates()) {
      const template = fromRow(row);
      if (typeof template !== 'string') {
        templates.push(template);
        continue;
      }
      log.error('templates.personal-unreadable', { id: row.id, error: template });
      problems.push({ file: store.file, message: `Your saved template “${row.title}” cannot be read (${template}); it is left as it was.` });
    }
    return { templates, problems };
  };

  const requireMeeting = (meetingId: string) => {
    if (store.getDoc(meetingId)?.kind !== 'meeting') throw meetingNotFound();
  };

  /**
   * Choosing a meeting's templates is the secretariat's task. The hub would drop anyone else's
   * change to the secretariat's doc; refusing here says so, rather than leaving it unconfirmed.
   */
  const requirePublisher = (meetingId: string): string => {
    requireSecretariatHere(deps, meetingId, 'Only the secretariat can publish templates to this meeting, or withdraw them.');
    return localActor(deps, meetingId).name;
  };

  const meetingTemplates = (meetingId: string): MeetingTemplate[] =>
    withMeetingDocs(deps, meetingId, (docs) => readMeetingTemplates(docs).map((entry) => ({ ...entry, source: 'meeting' as const, meetingId })));

  return {
    'templates.list': ({ meetingId }) => {
      if (meetingId !== undefined) requireMeeting(meetingId);
      const fromMeeting = meetingId === undefined ? [] : meetingTemplates(meetingId);
      const own = personal();
      const shipped = builtin();
      return {
        // The meeting's own first: they are what the secretariat chose for this declaration.
        templates: [...fromMeeting, ...own.templates, ...shipped.templates],
        problems: [...own.problems, ...shipped.problems],
      };
    },

    'templates.savePersonal': (draft) => {
      // Checked here as well as at the transport, so nothing unchecked reaches the database
      // whoever calls (the window, a test, a later feature).
      const parsed = TemplateDraft.safeParse(draft);
      if (!parsed.success) throw new AccordError('invalid_request', `This template cannot be saved: ${describeIssues(parsed.error)}`);
      const fresh = newId();
      if (!TemplateId.safeParse(fresh).success) throw new AccordError('internal', `Accord made an id a template cannot have (${fresh}).`);
      const taken = new Set([...builtin().templates.map((t) => t.id), ...store.listPersonalTemplates().map((r) => r.id)]);
      const id = taken.has(fresh) ? freeId(fresh, taken) : fresh;
      const createdAt = now();
      const template: TemplateFields = { ...parsed.data, id };
      store.insertPersonalTemplates([toRow(template, createdAt, null)]);
      return { ...template, source: 'personal', createdAt };
    },

    'templates.deletePersonal': ({ id }) => {
      const row = store.getPersonalTemplate(id);
      if (!row) throw new AccordError('not_found', 'This template is no longer among your saved templates.');
      store.deletePersonalTemplate(id);
      return { id };
    },

    'templates.import': ({ fileName, content }): TemplateImportResult => {
      const name = basename(fileName.replace(/\\/g, '/'));
      if (content.length > MAX_TEMPLATE_FILE_CHARS) {
        throw new AccordError('invalid_request', `“${name}” is too large to be a template file; nothing was imported.`, name);
      }
      const check = parseTemplateFile(content);
      if (!check.ok) {
        throw new AccordError('invalid_request', `“${name}” cannot be imported, so nothing was imported. ${check.problems.join('\n')}`, name);
      }

      const existing = new Map<string, TemplateFields>();
      for (const t of builtin().templates) existing.set(t.id, t);
      for (const t of personal().templates) existing.set(t.id, t);
      const taken = new Set([...existing.keys(), ...store.listPersonalTemplates().map((r) => r.id)]);

      const createdAt = now();
      const imported: PersonalTemplate[] = [];
      const renamed: TemplateImportResult['renamed'] = [];
      const unchanged: string[] = [];
      for (const template of check.file.templates) {
        const same = existing.get(template.id);
        if (same && sameTemplateContent(same, template)) {
          unchanged.push(template.id);
          continue;
        }
        let id = template.id;
        if (taken.has(id)) {
          id = freeId(id, taken);
          renamed.push({ from: template.id, to: id });
        }
        taken.add(id);
        imported.push({ ...template, id, source: 'personal', createdAt, importedFrom: name });
      }
      store.insertPersonalTemplates(imported.map((t) => toRow(t, createdAt, name)));
      log.info('templates.imported', { file: name, imported: imported.length, renamed: renamed.length, unchanged: unchanged.length });
      return { imported, renamed, unchanged };
    },

    'templates.publish': (params) => {
      const { meetingId } = params;
      requireMeeting(meetingId);
      const by = requirePublisher(meetingId);
      let fields: TemplateFields;
      if ('templateId' in params) {
        const found =
          personal().templates.find((t) => t.id === params.templateId) ?? builtin().templates.find((t) => t.id === params.templateId);
        if (!found) throw new AccordError('not_found', 'This template is no longer available to publish.');
        fields = TemplateFields.parse(found);
      } else {
        const parsed = TemplateFields.safeParse({ ...params.template, id: params.template.id ?? newId() });
        if (!parsed.success) throw new AccordError('invalid_request', `This template cannot be published: ${describeIssues(parsed.error)}`);
        fields = parsed.data;
      }
      return withMeetingDocs(deps, meetingId, (docs, held) => {
        const entry = publishMeetingTemplate(docs.secretariat, fields, by, now());
        if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
        return { ...entry, source: 'meeting' as const, meetingId };
      });
    },

    'templates.unpublish': ({ meetingId, templateId }) => {
      requireMeeting(meetingId);
      requirePublisher(meetingId);
      return withMeetingDocs(deps, meetingId, (docs, held) => {
        // Removes even an entry too malformed to list, so a bad one can always be cleared away.
        if (!removeMeetingTemplate(docs.secretariat, templateId)) {
          throw new AccordError('not_found', 'This template is no longer published in the meeting.');
        }
        if (held.secretariat.persistenceError) throw held.secretariat.persistenceError;
        return { id: templateId };
      });
    },
  };
}
