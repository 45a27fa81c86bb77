import { $createTextNode, $getRoot, $getSelection, $isRangeSelection, type ElementNode } from 'lexical';
import type { FilledSegment } from '../model/templatePlaceholders';
import type { ClauseKind } from './kinds';
import { $createClauseNode, $createFieldNode, type FieldNode } from './nodes';
import { $blockOf } from './outline';

/**
 * Inserts a clause from a template as a paragraph of its kind: after the paragraph at the caret
 * (replacing it if it is empty), or at the end. Unknown placeholders become fields, and the
 * first field is selected so the drafter can type over it at once.
 */
export function $insertClause(kind: ClauseKind, segments: ReadonlyArray<FilledSegment>): ElementNode {
  const paragraph = $createClauseNode(kind);
  const fields: FieldNode[] = [];
  for (const segment of segments) {
    if (segment.type === 'text') {
      if (segment.text) paragraph.append($createTextNode(segment.text));
    } else {
      const field = $createFieldNode(segment.name);
      fields.push(field);
      paragraph.append(field);
    }
  }
  const selection = $getSelection();
  const current = $isRangeSelection(selection) ? $blockOf(selection.anchor.getNode()) : null;
  if (current && current.getTextContent().trim() === '') current.replace(paragraph);
  else if (current) current.insertAfter(paragraph);
  else $getRoot().append(paragraph);
  const [first] = fields;
  if (first) first.select(0, first.getTextContentSize());
  else paragraph.selectEnd();
  return paragraph;
}
