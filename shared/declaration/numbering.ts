import type { ClauseKind } from '../model/kinds';

/** One paragraph as numbering sees it: its kind, or null for plain text and headings. */
export interface OutlineEntry {
  kind: ClauseKind | null;
}

export interface ClauseNumber {
  /** What precedes the text: "1." for an OP, "(a)" for a sub-paragraph, "" otherwise. */
  marker: string;
  /** How negotiators cite it: "PP3", "OP2", "OP2(a)", "" for unnumbered parts. */
  label: string;
  /** A sub-paragraph before any operative paragraph belongs to none: a drafting slip to flag. */
  orphan: boolean;
}

/** a, b, …, z, aa, bb, …: the lettering declarations use past 26 sub-paragraphs. */
export function subParagraphLetter(index: number): string {
  const letter = String.fromCharCode(97 + (index % 26));
  return letter.repeat(Math.floor(index / 26) + 1);
}

/**
 * Numbers a declaration from its order alone, so numbers are never typed and every window, the
 * export and the tests derive the same ones: PPs count 1…n for citing, OPs count 1…n and print
 * their number, sub-paragraphs are lettered afresh under each OP.
 */
export function numberDeclaration(outline: ReadonlyArray<OutlineEntry>): ClauseNumber[] {
  let pp = 0;
  let op = 0;
  let sub = 0;
  return outline.map(({ kind }) => {
    switch (kind) {
      case 'pp':
        pp += 1;
        return { marker: '', label: `PP${pp}`, orphan: false };
      case 'op':
        op += 1;
        sub = 0;
        return { marker: `${op}.`, label: `OP${op}`, orphan: false };
      case 'sub': {
        const letter = subParagraphLetter(sub);
        sub += 1;
        return { marker: `(${letter})`, label: op > 0 ? `OP${op}(${letter})` : `(${letter})`, orphan: op === 0 };
      }
      default:
        return { marker: '', label: '', orphan: false };
    }
  });
}
