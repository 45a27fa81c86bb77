import * as Y from 'yjs';
import { liveChars } from '../../model/replayEdits';
import { applyRuns, insertRuns, pushRun, type Run } from './textRuns';

/**
 * Makes a paragraph's text read as it did in a version of the same document, by identity rather
 * than by comparing letters: characters the version shows and the text still has stay (the same
 * Yjs items), characters added since go, and characters deleted since come back as new ones in
 * their old place. A version's words are so never stitched onto unrelated characters that merely
 * read alike, which a peer could then delete along with the words they belonged to.
 * Words other laptops type at the same time are new items, untouched by this. Returns whether
 * anything changed.
 */
export function revertText(current: Y.Text, version: Y.Text): boolean {
  const then = liveChars(version);
  const wanted: Run[] = [];
  for (const c of then) pushRun(wanted, { text: c.char, attributes: c.attributes });
  // A version of another history (a declaration's text before its conversion) shares no
  // characters with this one: its words are compared as words instead.
  if (current.doc && then.length > 0 && !then.some((c) => known(current.doc!, c.id))) return applyRuns(current, wanted);
  const keep = new Set(then.map((c) => c.id));
  const now = liveChars(current);
  let changed = false;
  // Deletions first, from the end, so the indices still to do stay right.
  for (let end = now.length; end > 0; ) {
    if (keep.has(now[end - 1]!.id)) {
      end -= 1;
      continue;
    }
    let start = end - 1;
    while (start > 0 && !keep.has(now[start - 1]!.id)) start -= 1;
    current.delete(start, end - start);
    changed = true;
    end = start;
  }
  // What remains is what both show, in the same order; put back what the version had besides.
  const stillThere = new Set(now.filter((c) => keep.has(c.id)).map((c) => c.id));
  let at = 0;
  for (let i = 0; i < then.length; ) {
    if (stillThere.has(then[i]!.id)) {
      at += 1;
      i += 1;
      continue;
    }
    const runs: Run[] = [];
    let length = 0;
    while (i < then.length && !stillThere.has(then[i]!.id)) {
      pushRun(runs, { text: then[i]!.char, attributes: then[i]!.attributes });
      length += 1;
      i += 1;
    }
    insertRuns(current, at, runs);
    at += length;
    changed = true;
  }
  // The same characters now: only attributes may differ.
  return applyRuns(current, wanted) || changed;
}

/** Whether a doc has ever held the character with this id (deleted since or not). */
function known(doc: Y.Doc, id: string): boolean {
  const [client, clock] = id.split(':').map(Number) as [number, number];
  return Y.getState(doc.store, client) > clock;
}
