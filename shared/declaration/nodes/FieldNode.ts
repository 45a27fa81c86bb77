import { addClassNamesToElement } from '@lexical/utils';
import {
  $applyNodeReplacement,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedTextNode,
  type Spread,
  TextNode,
} from 'lexical';
import { uuidv4 } from 'lib0/random';
import { setAttribute } from './dom';

export type SerializedFieldNode = Spread<{ fieldId: string }, SerializedTextNode>;

/**
 * A blank left by a clause template (`{{target year}}`), highlighted until someone fills it. It
 * is a token: typing while it is selected replaces it whole with ordinary text. Its id keeps two
 * blanks side by side apart in the model, where a blank is an attribute of its characters.
 */
export class FieldNode extends TextNode {
  __fieldId: string;

  static override getType(): string {
    return 'accord-field';
  }

  static override clone(node: FieldNode): FieldNode {
    return new FieldNode(node.__text, node.__fieldId, node.__key);
  }

  static override importJSON(json: SerializedFieldNode): FieldNode {
    return $createFieldText(json.text, typeof json.fieldId === 'string' ? json.fieldId : undefined).updateFromJSON(json);
  }

  constructor(text = '', fieldId: string = uuidv4(), key?: NodeKey) {
    super(text, key);
    this.__fieldId = fieldId;
  }

  getFieldId(): string {
    return this.getLatest().__fieldId;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedFieldNode>): this {
    const node = super.updateFromJSON(json);
    if (typeof json.fieldId === 'string') node.getWritable().__fieldId = json.fieldId;
    return node;
  }

  override exportJSON(): SerializedFieldNode {
    return { ...super.exportJSON(), fieldId: this.getFieldId() };
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
  return $createFieldText(`{{${name}}}`);
}

/** A field showing exactly `text` (as the model holds it). */
export function $createFieldText(text: string, fieldId?: string): FieldNode {
  return $applyNodeReplacement(new FieldNode(text, fieldId).setMode('token'));
}

export function $isFieldNode(node: LexicalNode | null | undefined): node is FieldNode {
  return node instanceof FieldNode;
}
