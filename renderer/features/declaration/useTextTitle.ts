import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readingOf } from '../../../shared/declaration/model/declarationView';
import { readParagraphs } from '../../../shared/declaration/model/paragraphOrder';
import { readRuns } from '../../../shared/declaration/model/textRuns';

/** Long enough that typing in a long declaration never reads it all on every keystroke. */
const SETTLE_MS = 300;

/**
 * The words of the text's own title paragraph (the first of kind "title"), as printed, or null
 * when the text has none. Read again once edits settle.
 */
export function useTextTitle(doc: Y.Doc | null): string | null {
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    if (!doc) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      const paragraph = readParagraphs(doc).find((p) => p.kind === 'title');
      const words = paragraph ? readingOf(readRuns(paragraph.text)).replace(/\s+/g, ' ').trim() : '';
      setTitle(words === '' ? null : words);
    };
    const settle = () => {
      timer ??= setTimeout(read, SETTLE_MS);
    };
    read();
    doc.on('update', settle);
    return () => {
      doc.off('update', settle);
      if (timer) clearTimeout(timer);
    };
  }, [doc]);
  return title;
}
