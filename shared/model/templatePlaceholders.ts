/**
 * Placeholders in clause templates: `{{meeting.place}}` is filled from the meeting, `{{target
 * year}}` stays a field the drafter fills in. Pure text handling, shared by main (which refuses a
 * malformed template before storing it) and the window (which highlights unfilled fields).
 */

export type TemplateSegment = { type: 'text'; text: string } | { type: 'placeholder'; name: string };

/** A filled template: known placeholders have become text, the others are fields still to fill. */
export type FilledSegment = { type: 'text'; text: string } | { type: 'field'; name: string };

export type PlaceholderProblem = 'unclosed' | 'stray-close' | 'empty-name' | 'nested-open' | 'invalid-name';

export interface TextPosition {
  /** Index into the string (UTF-16 code units), as String.prototype.slice counts. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, counting characters as a person sees them (code points), not UTF-16 units. */
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line += 1;
  return { offset, line, column: Array.from(before.slice(lineStart)).length + 1 };
}

const REASONS: Record<PlaceholderProblem, string> = {
  unclosed: '“{{” is never closed with “}}”',
  'stray-close': '“}}” closes nothing: there is no “{{” before it',
  'empty-name': 'a placeholder needs a name between “{{” and “}}”',
  'nested-open': '“{{” opens a placeholder inside another one',
  'invalid-name': 'a placeholder name may hold only letters, digits, spaces, dots, hyphens and underscores',
};

export class PlaceholderSyntaxError extends Error {
  readonly problem: PlaceholderProblem;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What was wrong, without the position (the message has both). */
  readonly reason: string;

  constructor(problem: PlaceholderProblem, position: TextPosition, detail?: string) {
    const reason = detail ? `${REASONS[problem]} (${detail})` : REASONS[problem];
    super(`Line ${position.line}, column ${position.column}: ${reason}.`);
    this.name = 'PlaceholderSyntaxError';
    this.problem = problem;
    this.offset = position.offset;
    this.line = position.line;
    this.column = position.column;
    this.reason = reason;
  }
}

// Letters of any script (with combining marks, so decomposed Vietnamese is a letter too), digits,
// and the few separators a readable name needs.
const NAME_CHAR = /^[\p{L}\p{M}\p{N} ._-]$/u;

/** The canonical form of a name: `{{ target  year }}` and `{{target year}}` are one field. */
export function normalizePlaceholderName(name: string): string {
  return name.trim().replace(/ {2,}/g, ' ');
}

/** Splits template text into text and placeholders; throws PlaceholderSyntaxError on bad syntax. */
export function parseTemplateText(text: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  const fail = (problem: PlaceholderProblem, offset: number, detail?: string): never => {
    throw new PlaceholderSyntaxError(problem, positionAt(text, offset), detail);
  };
  const pushText = (chunk: string) => {
    if (chunk === '') return;
    const last = segments[segments.length - 1];
    if (last?.type === 'text') last.text += chunk;
    else segments.push({ type: 'text', text: chunk });
  };

  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    const close = text.indexOf('}}', cursor);
    if (close !== -1 && (open === -1 || close < open)) fail('stray-close', close);
    if (open === -1) {
      pushText(text.slice(cursor));
      break;
    }
    pushText(text.slice(cursor, open));
    const end = text.indexOf('}}', open + 2);
    const inner = text.indexOf('{{', open + 2);
    if (inner !== -1 && (end === -1 || inner < end)) fail('nested-open', inner);
    if (end === -1) fail('unclosed', open);
    const raw = text.slice(open + 2, end);
    const name = normalizePlaceholderName(raw);
    if (name === '') fail('empty-name', open);
    let index = open + 2;
    for (const char of raw) {
      if (!NAME_CHAR.test(char)) fail('invalid-name', index, `“${printable(char)}”`);
      index += char.length;
    }
    segments.push({ type: 'placeholder', name });
    cursor = end + 2;
  }
  return segments;
}

function printable(char: string): string {
  if (char === '\n') return 'line break';
  if (char === '\t') return 'tab';
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : char;
}

export type TemplateTextCheck = { ok: true; segments: TemplateSegment[] } | { ok: false; error: PlaceholderSyntaxError };

/** parseTemplateText as a result, for validators that collect problems instead of stopping. */
export function checkTemplateText(text: string): TemplateTextCheck {
  try {
    return { ok: true, segments: parseTemplateText(text) };
  } catch (error) {
    if (error instanceof PlaceholderSyntaxError) return { ok: false, error };
    throw error;
  }
}

/** The distinct placeholder names of a template, in order of first appearance. */
export function placeholderNames(text: string): string[] {
  const names: string[] = [];
  for (const segment of parseTemplateText(text)) {
    if (segment.type === 'placeholder' && !names.includes(segment.name)) names.push(segment.name);
  }
  return names;
}

/**
 * Values for the placeholders Accord knows, keyed by name (`meeting.place`, `delegation`, …).
 * A missing or blank value leaves the placeholder as a field, so nothing is filled with "".
 */
export type TemplateContext = Readonly<Record<string, string | undefined>>;

/**
 * Fills the placeholders the context knows. Names match ignoring case, so `{{Meeting.Place}}` in
 * a hand-written template still finds the meeting's place; unknown ones become fields.
 */
export function fillTemplate(text: string, context: TemplateContext): FilledSegment[] {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(context)) {
    if (value !== undefined && value.trim() !== '') values.set(normalizePlaceholderName(key).toLowerCase(), value);
  }
  const filled: FilledSegment[] = [];
  const pushText = (chunk: string) => {
    const last = filled[filled.length - 1];
    if (last?.type === 'text') last.text += chunk;
    else filled.push({ type: 'text', text: chunk });
  };
  for (const segment of parseTemplateText(text)) {
    if (segment.type === 'text') {
      pushText(segment.text);
      continue;
    }
    const value = values.get(segment.name.toLowerCase());
    if (value === undefined) filled.push({ type: 'field', name: segment.name });
    else pushText(value);
  }
  return filled;
}
