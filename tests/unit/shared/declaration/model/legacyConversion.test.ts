import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEXT_TYPE_TO_FORMAT } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseStatuses } from '../../../../../shared/declaration/clauseStatus';
import { readThreads } from '../../../../../shared/declaration/comments';
import { effectiveStatus } from '../../../../../shared/declaration/clauseStatus';
import { readDeclarationView } from '../../../../../shared/declaration/model/declarationView';
import { convertLegacyDeclaration, needsConversion } from '../../../../../shared/declaration/model/legacyConversion';
import { readLegacyDeclaration } from '../../../../../shared/declaration/model/legacyDeclaration';
import { BRACKET_ATTRIBUTE, COMMENT_PREFIX, FIELD_ATTRIBUTE } from '../../../../../shared/declaration/model/shape';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/legacy/', import.meta.url));
const NAMES = ['clauses', 'brackets-and-marks', 'headings-and-lists', 'multilingual', 'seeded', 'merged-replicas'];

function load(name: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(join(FIXTURES, `${name}.bin`)));
  return doc;
}

function converted(name: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, convertLegacyDeclaration(load(name), `doc-${name}`).update);
  return doc;
}

describe('converting a declaration written by the previous release', () => {
  it.each(NAMES)('keeps every paragraph, kind, clause id and character of “%s”', (name) => {
    const legacy = readLegacyDeclaration(load(name));
    const view = readDeclarationView(converted(name));
    expect(view.map((p) => p.kind)).toEqual(legacy.map((b) => b.kind));
    expect(view.map((p) => p.runs.map((r) => r.text).join(''))).toEqual(legacy.map((b) => b.runs.map((r) => r.text).join('')));
    legacy.forEach((block, i) => {
      if (block.clauseId) expect(view[i]!.id).toBe(block.clauseId);
    });
  });

  it.each(NAMES)('keeps formatting, brackets with their proposers, comment marks and blanks of “%s”', (name) => {
    const legacy = readLegacyDeclaration(load(name));
    const view = readDeclarationView(converted(name));
    legacy.forEach((block, i) => {
      // Character by character: the same format bits, bracket wording, comments and blank.
      const expected = block.runs.flatMap((run) => [...run.text].map(() => ({ format: run.format, bracket: run.bracket?.alternativeId ?? null, marks: run.marks, field: run.field })));
      const actual = view[i]!.runs.flatMap((run) =>
        [...run.text].map(() => ({
          format: Object.entries(TEXT_TYPE_TO_FORMAT).reduce((bits, [name, bit]) => (run.attributes[name] === true ? bits | bit : bits), 0),
          bracket: typeof run.attributes[BRACKET_ATTRIBUTE] === 'string' ? (run.attributes[BRACKET_ATTRIBUTE] as string).split('/')[1]! : null,
          marks: Object.keys(run.attributes).filter((key) => key.startsWith(COMMENT_PREFIX)).map((key) => key.slice(COMMENT_PREFIX.length)).sort(),
          field: run.attributes[FIELD_ATTRIBUTE] !== undefined,
        })),
      );
      expect(actual).toEqual(expected);
      for (const segment of view[i]!.segments) {
        if (segment.type !== 'bracket') continue;
        for (const alternative of segment.alternatives) {
          const proposers = block.runs.find((run) => run.bracket?.alternativeId === alternative.alternativeId)?.bracket?.proposers;
          expect(alternative.proposers).toEqual(proposers);
        }
      }
    });
  });

  it('converts the same document to the same bytes on every laptop, so two conversions are one', () => {
    const a = convertLegacyDeclaration(load('brackets-and-marks'), 'doc-1');
    const b = convertLegacyDeclaration(load('brackets-and-marks'), 'doc-1');
    expect(Buffer.from(a.update).equals(Buffer.from(b.update))).toBe(true);
    const merged = new Y.Doc();
    Y.applyUpdate(merged, a.update);
    Y.applyUpdate(merged, b.update);
    expect(readDeclarationView(merged)).toEqual(readDeclarationView(converted('brackets-and-marks')).map((p) => p));
  });

  it('carries the comment threads, and each status with the fingerprint of the words it now has', () => {
    const legacy = load('clauses');
    const clause = readLegacyDeclaration(legacy).find((block) => block.clauseId && block.kind === 'op')!;
    legacy.getMap('clauseStatus').set(clause.clauseId!, { status: 'agreed', by: { name: 'Sophea', role: 'secretariat', delegation: null }, at: 5 });
    legacy.getMap('clauseStatus').set('not-a-paragraph', { status: 'agreed', by: { name: 'Sophea', role: 'secretariat', delegation: null }, at: 5 });
    legacy.getMap('clauseStatus').set('garbage', 'agreed');
    const thread = new Y.Map<unknown>();
    legacy.getMap('comments').set('thread-1', thread);
    thread.set('quote', 'words');
    thread.set('createdAt', 1);
    thread.set('createdBy', { name: 'Lan', role: 'delegate', delegation: 'Ha Noi' });
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedAt', null);
    const messages = new Y.Array<unknown>();
    thread.set('messages', messages);
    messages.push([{ id: 'm1', author: { name: 'Lan', role: 'delegate', delegation: 'Ha Noi' }, text: 'Which data?', at: 1 }]);

    const result = convertLegacyDeclaration(legacy, 'doc-1');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, result.update);
    expect(result.statuses.has(clause.clauseId!)).toBe(true);
    expect(result.statuses.has('not-a-paragraph')).toBe(false);
    expect(result.statuses.has('garbage')).toBe(false);
    const text = readDeclarationView(doc).find((p) => p.id === clause.clauseId)!.text;
    expect(effectiveStatus(result.statuses.get(clause.clauseId!), text)).toMatchObject({ status: 'agreed', changedSinceAgreed: false });
    expect(readThreads(doc).map((t) => [t.id, t.messages.map((m) => m.text)])).toEqual([['thread-1', ['Which data?']]]);
    // Not in the converted doc: statuses live with the secretariat now.
    expect(readClauseStatuses(doc, 'doc-1').size).toBe(0);
  });

  it('tells a document to convert from one in the model, and an empty one from either', () => {
    expect(needsConversion(load('clauses'))).toBe(true);
    expect(needsConversion(converted('clauses'))).toBe(false);
    expect(needsConversion(new Y.Doc())).toBe(false);
  });
});
