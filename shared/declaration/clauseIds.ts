import { $getNodeByKey, $getRoot, type LexicalEditor } from 'lexical';
import { newClauseId } from './nodes/ClauseNode';
import { $isClauseNode } from './nodes';

/**
 * A pasted or duplicated paragraph arrives with the clause id of the one it was copied from;
 * status and comments would then follow the wrong paragraph. The copy (the later one) gets a
 * new id. Remote changes are left alone: their author's editor already did this.
 */
export function registerUniqueClauseIds(editor: LexicalEditor): () => void {
  return editor.registerUpdateListener(({ editorState, tags }) => {
    if (tags.has('collaboration')) return;
    const duplicates = editorState.read(() => {
      const seen = new Set<string>();
      const keys: string[] = [];
      for (const node of $getRoot().getChildren()) {
        if (!$isClauseNode(node)) continue;
        const id = node.getClauseId();
        if (seen.has(id)) keys.push(node.getKey());
        seen.add(id);
      }
      return keys;
    });
    if (duplicates.length === 0) return;
    editor.update(() => {
      for (const key of duplicates) {
        const node = $getNodeByKey(key);
        if ($isClauseNode(node)) node.setClauseId(newClauseId());
      }
    });
  });
}
