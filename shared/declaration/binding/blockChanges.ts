import { $getNodeByKey, $getRoot, type EditorState } from 'lexical';
import { $isBlockNode } from '../nodes';

/** Where a node stands among the top-level blocks, in one editor state. */
interface Standing {
  atTop: boolean;
  previous: string | null;
  next: string | null;
  kind: string | null;
}

function $standing(key: string): Standing | null {
  const node = $getNodeByKey(key);
  if (!node || !node.isAttached()) return null;
  return {
    atTop: node.getParent()?.getKey() === 'root',
    previous: node.getPreviousSibling()?.getKey() ?? null,
    next: node.getNextSibling()?.getKey() ?? null,
    kind: $isBlockNode(node) ? node.getKind() : null,
  };
}

function $rootShape(): string {
  const root = $getRoot();
  return `${root.getChildrenSize()}:${root.getFirstChild()?.getKey() ?? ''}:${root.getLastChild()?.getKey() ?? ''}`;
}

/**
 * What an update did to the top-level blocks: `order`, whether one was added, removed or moved;
 * `kinds`, whether one took another kind. Lexical marks the root dirty on every change of its
 * text (its reconciler caches the root's text content through a writable root), so the root's
 * dirty flag says nothing about structure; the links of the dirty blocks do, and reading them
 * costs what the update touched, not the length of the declaration.
 */
export function blockChanges(prev: EditorState, next: EditorState, dirtyElements: ReadonlyMap<string, boolean>): { order: boolean; kinds: boolean } {
  // A block whose links change (its own, or a neighbour's coming or going) is written, so dirty.
  const keys = [...dirtyElements.keys()].filter((key) => key !== 'root');
  const before = prev.read(() => ({ shape: $rootShape(), standings: keys.map($standing) }));
  const after = next.read(() => ({ shape: $rootShape(), standings: keys.map($standing) }));
  let order = before.shape !== after.shape;
  let kinds = false;
  for (let i = 0; i < keys.length && !(order && kinds); i += 1) {
    const was = before.standings[i]!;
    const is = after.standings[i]!;
    if (!was?.atTop && !is?.atTop) continue;
    if (!was || !is || was.atTop !== is.atTop || was.previous !== is.previous || was.next !== is.next) order = true;
    else if (was.kind !== is.kind) kinds = true;
  }
  return { order, kinds };
}
