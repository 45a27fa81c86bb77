import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { type CommentThread, commentsMap, readThreads } from '../../../../shared/declaration/comments';

const NONE: CommentThread[] = [];

interface ThreadStore {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): CommentThread[];
}

/** The document's comment threads, oldest first, read again whenever any of them changes. */
export function useCommentThreads(doc: Y.Doc | null): CommentThread[] {
  const store = useMemo(() => threadStore(doc), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * One snapshot per change (not per render), so React sees the same array until the `comments`
 * map or anything inside it (a reply, a resolution) changes, locally or from a peer.
 */
function threadStore(doc: Y.Doc | null): ThreadStore {
  if (!doc) return { subscribe: () => () => {}, getSnapshot: () => NONE };
  const map = commentsMap(doc);
  let snapshot = readThreads(doc);
  return {
    subscribe(onChange) {
      const refresh = () => {
        snapshot = readThreads(doc);
        onChange();
      };
      map.observeDeep(refresh);
      // Anything that landed between the first read and subscribing.
      snapshot = readThreads(doc);
      return () => map.unobserveDeep(refresh);
    },
    getSnapshot: () => snapshot,
  };
}
