import * as Y from 'yjs';
import { arrange } from './model/arrange';
import { isVisible, orderEntries, readParagraphs } from './model/paragraphOrder';
import { BRACKET_ATTRIBUTE, bracketsOf, paragraphsOf, parseBracketAttribute, readEntries, readEntryById, UNORDERED } from './model/shape';
import { readRuns } from './model/textRuns';
import { revertText } from './model/textRevert';

export interface RestoreSummary {
  /** Paragraphs of the current text removed, paragraphs brought back or added, and paragraphs reworded. */
  removed: number;
  inserted: number;
  changed: number;
}

/**
 * Makes `current` say what `version` says, as ordinary changes that every collaborator receives
 * and that are themselves recorded: history is added to, never rewritten. It is an edit like any
 * other: each paragraph's words are changed only where they differ, a paragraph the version lacks
 * becomes a tombstone and one it has comes back to life, and the order is set by keys. So a
 * colleague typing in any paragraph at that moment loses nothing.
 */
export function restoreVersion(current: Y.Doc, version: Y.Doc, origin: unknown = null): RestoreSummary {
  const target = orderEntries(readEntries(version)).filter(isVisible);
  const wanted = new Set(target.map((p) => p.id));
  const summary: RestoreSummary = { removed: 0, inserted: 0, changed: 0 };
  current.transact(() => {
    for (const paragraph of readParagraphs(current)) {
      if (wanted.has(paragraph.id)) continue;
      if (paragraph.text.length > 0) paragraph.text.delete(0, paragraph.text.length);
      if (!paragraph.deleted) paragraph.map.set('deleted', true);
      summary.removed += 1;
    }
    const proposers = bracketsOf(current);
    for (const source of target) {
      let entry = readEntryById(current, source.id);
      if (!entry) {
        const map = new Y.Map<unknown>();
        map.set('text', new Y.Text());
        map.set('kind', source.kind);
        map.set('parent', null);
        map.set('order', UNORDERED);
        map.set('deleted', true);
        paragraphsOf(current).set(source.id, map);
        entry = readEntryById(current, source.id)!;
      }
      if (entry.deleted && !isVisible(entry)) summary.inserted += 1;
      const runs = readRuns(source.text);
      if (revertText(entry.text, source.text) && isVisible(entry)) summary.changed += 1;
      if (entry.kind !== source.kind) entry.map.set('kind', source.kind);
      if (entry.deleted) entry.map.set('deleted', false);
      if (entry.mergedInto !== null) entry.map.delete('mergedInto');
      // The wordings' proposers as the version had them.
      for (const run of runs) {
        const wording = parseBracketAttribute(run.attributes[BRACKET_ATTRIBUTE]);
        if (!wording) continue;
        const saved = bracketsOf(version).get(wording.bracketId);
        const saidThen = saved instanceof Y.Map ? saved.get(wording.alternativeId) : undefined;
        if (!Array.isArray(saidThen)) continue;
        let bracket = proposers.get(wording.bracketId);
        if (!(bracket instanceof Y.Map)) {
          bracket = new Y.Map<unknown>();
          proposers.set(wording.bracketId, bracket);
        }
        const now = (bracket as Y.Map<unknown>).get(wording.alternativeId);
        if (JSON.stringify(now) !== JSON.stringify(saidThen)) (bracket as Y.Map<unknown>).set(wording.alternativeId, [...saidThen]);
      }
    }
    arrange(current, target.map((p) => p.id));
  }, origin);
  return summary;
}
