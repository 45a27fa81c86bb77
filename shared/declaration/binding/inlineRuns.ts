import { $createMarkNode, $isMarkNode, type MarkNode } from '@lexical/mark';
import {
  $createLineBreakNode,
  $createTabNode,
  $createTextNode,
  $isElementNode,
  $isLineBreakNode,
  $isTabNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  TEXT_TYPE_TO_FORMAT,
  type TextFormatType,
} from 'lexical';
import { BRACKET_ATTRIBUTE, bracketAttribute, commentAttribute, commentsOf, FIELD_ATTRIBUTE, parseBracketAttribute, type TextAttributes } from '../model/shape';
import { pushRun, type Run } from '../model/textRuns';
import { $createAlternativeNode, $createBracketNode, $isAlternativeNode, $isBracketNode, type AlternativeNode, type BracketNode } from '../nodes';
import { $createFieldText, $isFieldNode } from '../nodes/FieldNode';

/**
 * The two ways one paragraph's words are held: as runs of characters with attributes (the model,
 * shared/declaration/model/textRuns.ts) and as Lexical's inline nodes (text with a format,
 * brackets and their wordings, comment marks, blanks, line breaks). Each way reads back what the
 * other writes, so the binding can compare a paragraph in both and change only what differs.
 */

const FORMATS = Object.entries(TEXT_TYPE_TO_FORMAT) as Array<[TextFormatType, number]>;

function formatAttributes(format: number): TextAttributes {
  const attributes: TextAttributes = {};
  for (const [name, bit] of FORMATS) if (format & bit) attributes[name] = true;
  return attributes;
}

function formatOf(attributes: TextAttributes): number {
  let format = 0;
  for (const [name, bit] of FORMATS) if (attributes[name] === true) format |= bit;
  return format;
}

interface Context {
  bracketId: string | null;
  alternativeId: string | null;
  comments: ReadonlyArray<string>;
}

function contextAttributes(context: Context): TextAttributes {
  const attributes: TextAttributes = {};
  if (context.bracketId !== null && context.alternativeId !== null) attributes[BRACKET_ATTRIBUTE] = bracketAttribute(context.bracketId, context.alternativeId);
  for (const id of context.comments) attributes[commentAttribute(id)] = true;
  return attributes;
}

/** A paragraph's words as the model holds them; call inside a read or update. */
export function $runsOfBlock(block: ElementNode): Run[] {
  const runs: Run[] = [];
  const visit = (node: LexicalNode, context: Context): void => {
    if ($isBracketNode(node)) {
      const inner = { ...context, bracketId: node.getBracketId(), alternativeId: null };
      for (const child of node.getChildren()) visit(child, inner);
    } else if ($isAlternativeNode(node)) {
      // A wording only counts as one inside its bracket (the bracket rules unwrap a stray one).
      const inner = context.bracketId === null ? context : { ...context, alternativeId: node.getAlternativeId() };
      for (const child of node.getChildren()) visit(child, inner);
    } else if ($isMarkNode(node)) {
      const inner = { ...context, comments: [...new Set([...context.comments, ...node.getIDs()])].sort() };
      for (const child of node.getChildren()) visit(child, inner);
    } else if ($isLineBreakNode(node)) {
      pushRun(runs, { text: '\n', attributes: contextAttributes(context) });
    } else if ($isTabNode(node)) {
      pushRun(runs, { text: '\t', attributes: { ...formatAttributes(node.getFormat()), ...contextAttributes(context) } });
    } else if ($isFieldNode(node)) {
      pushRun(runs, { text: node.getTextContent(), attributes: { ...formatAttributes(node.getFormat()), ...contextAttributes(context), [FIELD_ATTRIBUTE]: node.getFieldId() } });
    } else if ($isTextNode(node)) {
      pushRun(runs, { text: node.getTextContent(), attributes: { ...formatAttributes(node.getFormat()), ...contextAttributes(context) } });
    } else if ($isElementNode(node)) {
      for (const child of node.getChildren()) visit(child, context);
    } else {
      const text = node.getTextContent();
      if (text !== '') pushRun(runs, { text, attributes: contextAttributes(context) });
    }
  };
  for (const child of block.getChildren()) visit(child, { bracketId: null, alternativeId: null, comments: [] });
  return runs;
}

function $leavesOf(run: Run): LexicalNode[] {
  const format = formatOf(run.attributes);
  const field = run.attributes[FIELD_ATTRIBUTE];
  const leaves: LexicalNode[] = [];
  for (const piece of run.text.split(/(\n|\t)/)) {
    if (piece === '') continue;
    if (piece === '\n') leaves.push($createLineBreakNode());
    else if (piece === '\t') leaves.push($createTabNode().setFormat(format));
    else if (typeof field === 'string' && field !== '') leaves.push($createFieldText(piece, field).setFormat(format));
    else leaves.push($createTextNode(piece).setFormat(format));
  }
  return leaves;
}

/**
 * Lexical's inline nodes for a paragraph's runs: consecutive runs of one bracket form a bracket,
 * of one wording an alternative (with its proposers from `proposersOf`), of one set of comments a
 * mark.
 */
export function $nodesFromRuns(runs: ReadonlyArray<Run>, proposersOf: (bracketId: string, alternativeId: string) => string[]): LexicalNode[] {
  const top: LexicalNode[] = [];
  let bracket: BracketNode | null = null;
  let alternative: AlternativeNode | null = null;
  let mark: MarkNode | null = null;
  let markIn: ElementNode | null = null;
  for (const run of runs) {
    const wording = parseBracketAttribute(run.attributes[BRACKET_ATTRIBUTE]);
    let container: ElementNode | null = null;
    if (wording) {
      if (!bracket || bracket.getBracketId() !== wording.bracketId) {
        bracket = $createBracketNode(wording.bracketId);
        top.push(bracket);
        alternative = null;
      }
      if (!alternative || alternative.getAlternativeId() !== wording.alternativeId) {
        alternative = $createAlternativeNode(proposersOf(wording.bracketId, wording.alternativeId), wording.alternativeId);
        bracket.append(alternative);
      }
      container = alternative;
    } else {
      bracket = null;
      alternative = null;
    }
    const comments = commentsOf(run.attributes);
    let target: ElementNode | null = container;
    if (comments.length > 0) {
      if (!mark || markIn !== container || mark.getIDs().join(' ') !== comments.join(' ')) {
        mark = $createMarkNode(comments);
        markIn = container;
        if (container) container.append(mark);
        else top.push(mark);
      }
      target = mark;
    } else {
      mark = null;
    }
    const leaves = $leavesOf(run);
    if (target) target.append(...leaves);
    else top.push(...leaves);
  }
  return top;
}

export function sameRuns(a: ReadonlyArray<Run>, b: ReadonlyArray<Run>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text) return false;
    const keys = Object.keys(x.attributes);
    if (keys.length !== Object.keys(y.attributes).length || keys.some((key) => x.attributes[key] !== y.attributes[key])) return false;
  }
  return true;
}
