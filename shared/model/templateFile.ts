import type { z } from 'zod';
import { positionAt } from './templatePlaceholders';
import { TemplateFile } from './templates';

/**
 * Reading a template file (built in, or chosen by a person to import) into templates, or into
 * reasons a person can act on: where the JSON breaks, which template and field is wrong.
 */

export type TemplateFileCheck = { ok: true; file: TemplateFile } | { ok: false; problems: string[] };

/** Reports at most this many problems of one file: enough to fix, not a wall of text. */
const MAX_PROBLEMS = 10;

export function parseTemplateFile(text: string): TemplateFileCheck {
  // Editors on Windows like to save JSON with a byte order mark, which JSON.parse refuses.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    const error = findJsonSyntaxError(source) ?? { offset: 0, message: 'the file is not valid JSON' };
    const at = positionAt(source, error.offset);
    return { ok: false, problems: [`The file is not valid JSON: line ${at.line}, column ${at.column}: ${error.message}.`] };
  }
  const parsed = TemplateFile.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issues = parsed.error.issues;
  const problems = issues.slice(0, MAX_PROBLEMS).map((issue) => describeIssue(issue, json));
  if (issues.length > MAX_PROBLEMS) problems.push(`… and ${issues.length - MAX_PROBLEMS} more problems.`);
  return { ok: false, problems };
}

/** "Template 4 (“op-reduce-waste”), field “text”: Line 1, column 12: …" */
function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const [top, index, field, ...rest] = issue.path;
  if (top === 'templates' && typeof index === 'number') {
    const entry = (json as { templates?: unknown[] }).templates?.[index];
    const id = entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : undefined;
    const which = `Template ${index + 1}${id ? ` (“${id}”)` : ''}`;
    if (field === undefined) return `${which}: ${issue.message}`;
    const fieldName = [field, ...rest].map(String).join('.');
    return `${which}, field “${fieldName}”: ${issue.message}`;
  }
  if (issue.path.length === 0) return `The file: ${issue.message}`;
  return `Field “${issue.path.map(String).join('.')}”: ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------
// Where JSON breaks. JSON.parse's own messages name a position only sometimes, and differently
// between engines, so the position comes from a small validating scanner of our own.

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const MAX_DEPTH = 256;

class SyntaxStop {
  constructor(readonly error: JsonSyntaxError) {}
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new SyntaxStop({ offset: at, message });
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  };
  const describe = () => (i >= text.length ? 'the file ends' : `found “${text[i]}”`);

  const string = () => {
    const start = i;
    i += 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return;
      }
      if (c < 0x20) fail(text[i] === '\n' ? 'a line break inside a string (close the quote, or write \\n)' : 'a control character inside a string');
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('“\\u” must be followed by four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`“\\${next ?? ''}” is not a valid escape`);
        i += 2;
        continue;
      }
      i += 1;
    }
    fail('a string is never closed', start);
  };

  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail('expected a value');
    i += match![0].length;
  };

  const value = (depth: number) => {
    if (depth > MAX_DEPTH) fail('the values are nested too deeply');
    skipSpace();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") fail('strings must use double quotes (")');
    fail(`expected a value, ${describe()}`);
  };

  const object = (depth: number) => {
    i += 1;
    skipSpace();
    if (text[i] === '}') {
      i += 1;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === '}') fail('a comma before “}” (remove the trailing comma)');
      if (text[i] !== '"') fail(`expected a property name in double quotes, ${describe()}`);
      string();
      skipSpace();
      if (text[i] !== ':') fail(`expected “:” after the property name, ${describe()}`);
      i += 1;
      value(depth + 1);
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '}') {
        i += 1;
        return;
      }
      fail(`expected “,” or “}”, ${describe()}`);
    }
  };

  const array = (depth: number) => {
    i += 1;
    skipSpace();
    if (text[i] === ']') {
      i += 1;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === ']') fail('a comma before “]” (remove the trailing comma)');
      value(depth + 1);
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === ']') {
        i += 1;
        return;
      }
      fail(`expected “,” or “]”, ${describe()}`);
    }
  };

  try {
    skipSpace();
    if (i >= text.length) fail('the file is empty');
    value(0);
    skipSpace();
    if (i < text.length) fail(`unexpected text after the end of the JSON, ${describe()}`);
    return null;
  } catch (error) {
    if (error instanceof SyntaxStop) return error.error;
    throw error;
  }
}
