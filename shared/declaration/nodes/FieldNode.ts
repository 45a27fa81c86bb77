import { addClassNamesToElement } from '@lexical/utils';
import { $applyNodeReplacement, type EditorConfig, type LexicalNode, type NodeKey, type SerializedTextNode, TextNode } from 'lexical';
import { setAttribute } from './dom';

/**
 * A blank left by a clause template (`{{target year}}`), highlighted until someone fills it. It
 * is a token: typing while it is selected replaces it whole with ordinary text.
 */
export class FieldNode extends TextNode {
  static override getType(): string {
    return 'accord-field';
  }

  static override clone(node: FieldNode): FieldNode {
    return new FieldNode(node.__text, node.__key);
  }

  static override importJSON(json: SerializedTextNode): FieldNode {
    return $createFieldNode(json.text).updateFromJSON(json);
  }

  constructor(text = '', key?: NodeKey) {
    super(text, key);
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    const classes = config.theme.field as string | undefined;
    if (classes) addClassNamesToElement(dom, classes);
    setAttribute(dom, 'data-field', this.__text);
    return dom;
  }

  override canInsertTextBefore(): boolean {
    return false;
  }

  override canInsertTextAfter(): boolean {
    return false;
  }
}

/** `name` is the placeholder's name; the field shows it in braces until filled. */
export function $createFieldNode(name: string): FieldNode {
  return $applyNodeReplacement(new FieldNode(`{{${name}}}`).setMode('token'));
}

export function $isFieldNode(node: LexicalNode | null | undefined): node is FieldNode {
  return node instanceof FieldNode;
}
