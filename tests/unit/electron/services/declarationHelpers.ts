import { $getRoot, $isElementNode, type ElementNode, type LexicalEditor } from 'lexical';
import type { Services } from '../../../../electron/services/services';
import { openHeadlessDeclaration } from '../../../../shared/declaration/headlessDeclaration';

/** A declaration's paragraphs as a window would read them from main's replica, one per line. */
export function paragraphsOf(services: Services, docId: string): string {
  return services.replicas!.with(docId, (replica) => {
    const reader = openHeadlessDeclaration(replica.doc);
    const text = reader.editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((p) => p.getTextContent())
        .join('\n'),
    );
    reader.dispose();
    return text;
  });
}

/** Edits a declaration through a headless editor on main's replica, as a window's keystrokes would. */
export function editDeclaration(services: Services, docId: string, fn: (editor: LexicalEditor) => void): void {
  services.replicas!.with(docId, (replica) => {
    const writer = openHeadlessDeclaration(replica.doc);
    writer.update(() => fn(writer.editor));
    writer.dispose();
  });
}

/** The top-level paragraph holding `text`; call inside an editor update. */
export function $paragraphWith(text: string): ElementNode {
  const found = $getRoot()
    .getChildren()
    .find((node) => node.getTextContent().includes(text));
  if (!$isElementNode(found)) throw new Error(`no paragraph with “${text}”`);
  return found;
}
