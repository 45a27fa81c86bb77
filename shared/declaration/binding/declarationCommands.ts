import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  createCommand,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
  KEY_TAB_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import type { BlockKind } from '../../model/kinds';
import { agreeBracket, type AgreedBracket, bracketRange, type BracketResult, type Proposal } from '../model/bracketMarks';
import { deleteParagraphs, deleteRange, indent, insertParagraphs, joinParagraphs, keepRevived, moveBlock, outdent, setKind, splitParagraph } from '../model/operations';
import { readParagraphs } from '../model/paragraphOrder';
import { FIELD_ATTRIBUTE, readEntryById } from '../model/shape';
import { insertRuns, type Run } from '../model/textRuns';
import type { FilledSegment } from '../../model/templatePlaceholders';
import type { DeclarationBinding } from './declarationBinding';
import { $blockOfNode, $modelPointOf, type ModelPoint } from './textPoints';

/**
 * The declaration's structural commands. The toolbar, the keys and the panels dispatch them; the
 * handlers, registered with the binding, run them as operations on the model (so that none of
 * them deletes a paragraph someone else may be typing in) and then place the caret.
 */
export const MOVE_PARAGRAPH_COMMAND: LexicalCommand<'up' | 'down'> = createCommand('ACCORD_MOVE_PARAGRAPH');
export const SET_PARAGRAPH_KIND_COMMAND: LexicalCommand<BlockKind> = createCommand('ACCORD_SET_PARAGRAPH_KIND');
export const INDENT_PARAGRAPH_COMMAND: LexicalCommand<void> = createCommand('ACCORD_INDENT_PARAGRAPH');
export const OUTDENT_PARAGRAPH_COMMAND: LexicalCommand<void> = createCommand('ACCORD_OUTDENT_PARAGRAPH');

export interface BracketRequest {
  proposers: ReadonlyArray<string>;
  alternatives?: ReadonlyArray<Proposal>;
  done?(result: BracketResult): void;
}
export const BRACKET_SELECTION_COMMAND: LexicalCommand<BracketRequest> = createCommand('ACCORD_BRACKET_SELECTION');

export interface AgreeRequest {
  bracketId: string;
  /** The wording kept; null drops the bracketed words altogether. */
  keep: string | null;
  done?(agreed: AgreedBracket | null): void;
}
export const AGREE_BRACKET_COMMAND: LexicalCommand<AgreeRequest> = createCommand('ACCORD_AGREE_BRACKET');

export interface ClauseRequest {
  kind: BlockKind;
  segments: ReadonlyArray<FilledSegment>;
}
export const INSERT_CLAUSE_COMMAND: LexicalCommand<ClauseRequest> = createCommand('ACCORD_INSERT_CLAUSE');

/** What becomes of a revived paragraph: kept as an ordinary paragraph, or its words discarded. */
export const KEEP_REVIVED_COMMAND: LexicalCommand<string> = createCommand('ACCORD_KEEP_REVIVED');
export const DISCARD_REVIVED_COMMAND: LexicalCommand<string> = createCommand('ACCORD_DISCARD_REVIVED');

function $caret(): ModelPoint | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  return $modelPointOf(selection.anchor);
}

/** The ids of the paragraphs a selection touches, in reading order. */
function $selectedIds(): string[] {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return [];
  const ids = new Set<string>();
  for (const node of [selection.anchor.getNode(), ...selection.getNodes()]) {
    const block = $blockOfNode(node);
    if (block) ids.add(block.getBlockId());
  }
  return [...ids];
}

function runsOf(segments: ReadonlyArray<FilledSegment>, newId: () => string): { runs: Run[]; firstField: [number, number] | null } {
  const runs: Run[] = [];
  let at = 0;
  let firstField: [number, number] | null = null;
  for (const segment of segments) {
    if (segment.type === 'text') {
      if (segment.text) runs.push({ text: segment.text, attributes: {} });
      at += segment.text.length;
    } else {
      const text = `{{${segment.name}}}`;
      runs.push({ text, attributes: { [FIELD_ATTRIBUTE]: newId() } });
      firstField ??= [at, at + text.length];
      at += text.length;
    }
  }
  return { runs, firstField };
}

/**
 * A selection across paragraphs is deleted as the model operation (deleteRange: the end of the
 * first, the paragraphs between and the start of the last go, the rest joins the first), and the
 * caret is left where they met. Returns false for a selection within one paragraph.
 */
function $deleteAcross(binding: DeclarationBinding): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return false;
  const anchor = $modelPointOf(selection.anchor);
  const focus = $modelPointOf(selection.focus);
  if (!anchor || !focus || anchor.id === focus.id) return false;
  const caret = binding.$command((writer) => deleteRange(binding.doc, anchor, focus, writer));
  binding.$select(caret);
  return true;
}

export function registerDeclarationCommands(editor: LexicalEditor, binding: DeclarationBinding): () => void {
  const { doc } = binding;
  const editable = () => editor.isEditable();
  // Whatever replaces a selection across paragraphs (typing, a paste, Enter, a line break) first
  // deletes it as the model does; then Lexical goes on with the caret where the paragraphs met.
  const deleteThenContinue = () => {
    $deleteAcross(binding);
    return false;
  };

  /** Tab and Shift+Tab: the caret's paragraph becomes a sub-paragraph, or an OP again; the caret stays. */
  const $reparent = (operation: typeof indent) => {
    const caret = $caret();
    if (!caret) return false;
    const done = binding.$command((writer) => operation(doc, caret.id, writer));
    if (done) binding.$select(caret);
    return done;
  };

  return mergeRegister(
    editor.registerCommand(DELETE_WORD_COMMAND, () => $deleteAcross(binding), COMMAND_PRIORITY_HIGH),
    editor.registerCommand(DELETE_LINE_COMMAND, () => $deleteAcross(binding), COMMAND_PRIORITY_HIGH),
    editor.registerCommand(REMOVE_TEXT_COMMAND, () => $deleteAcross(binding), COMMAND_PRIORITY_HIGH),
    editor.registerCommand(CONTROLLED_TEXT_INSERTION_COMMAND, deleteThenContinue, COMMAND_PRIORITY_HIGH),
    editor.registerCommand(INSERT_LINE_BREAK_COMMAND, deleteThenContinue, COMMAND_PRIORITY_HIGH),
    editor.registerCommand(PASTE_COMMAND, deleteThenContinue, COMMAND_PRIORITY_HIGH),
    // Enter: a split of the paragraph in the model.
    editor.registerCommand(
      INSERT_PARAGRAPH_COMMAND,
      () => {
        $deleteAcross(binding);
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
        const caret = $caret();
        if (!caret) return false;
        const split = binding.$command((writer) => splitParagraph(doc, caret.id, caret.offset, writer));
        binding.$select({ id: split.caret, offset: 0 });
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    // Backspace at the start of a paragraph, Delete at its end: a join (or the removal of an empty one).
    editor.registerCommand(
      DELETE_CHARACTER_COMMAND,
      (isBackward) => {
        if ($deleteAcross(binding)) return true;
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
        const caret = $caret();
        if (!caret) return false;
        const paragraphs = readParagraphs(doc);
        const index = paragraphs.findIndex((p) => p.id === caret.id);
        const current = paragraphs[index];
        if (!current) return false;
        const atEdge = isBackward ? caret.offset === 0 : caret.offset === current.text.length;
        const other = paragraphs[isBackward ? index - 1 : index + 1];
        if (!atEdge) return false;
        if (!other) return true;
        const [first, second] = isBackward ? [other, current] : [current, other];
        let caretAfter: ModelPoint;
        if (first.text.length === 0) {
          binding.$command((writer) => deleteParagraphs(doc, [first.id], writer));
          caretAfter = { id: second.id, offset: 0 };
        } else if (second.text.length === 0) {
          binding.$command((writer) => deleteParagraphs(doc, [second.id], writer));
          caretAfter = { id: first.id, offset: first.text.length };
        } else {
          const offset = binding.$command((writer) => joinParagraphs(doc, first.id, second.id, writer));
          caretAfter = { id: first.id, offset: offset ?? 0 };
        }
        binding.$select(caretAfter);
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(
      KEY_TAB_COMMAND,
      (event) => {
        if (!editable()) return false;
        // shared/ is compiled without the DOM library: only what is read of the key event is named.
        const key = event as unknown as { shiftKey: boolean; preventDefault(): void };
        const handled = editor.dispatchCommand(key.shiftKey ? OUTDENT_PARAGRAPH_COMMAND : INDENT_PARAGRAPH_COMMAND, undefined);
        if (handled) key.preventDefault();
        return handled;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(INDENT_PARAGRAPH_COMMAND, () => $reparent(indent), COMMAND_PRIORITY_EDITOR),
    editor.registerCommand(OUTDENT_PARAGRAPH_COMMAND, () => $reparent(outdent), COMMAND_PRIORITY_EDITOR),
    editor.registerCommand(
      MOVE_PARAGRAPH_COMMAND,
      (direction) => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return false;
        const anchor = $modelPointOf(selection.anchor);
        const focus = $modelPointOf(selection.focus);
        if (!anchor || !focus) return false;
        const moved = binding.$command((writer) => moveBlock(doc, anchor.id, direction, writer));
        binding.$select(anchor, focus);
        return moved;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      SET_PARAGRAPH_KIND_COMMAND,
      (kind) => {
        const ids = $selectedIds();
        if (ids.length === 0) return false;
        const selection = $getSelection();
        const points = $isRangeSelection(selection) ? [$modelPointOf(selection.anchor), $modelPointOf(selection.focus)] : [];
        binding.$command((writer) => setKind(doc, ids, kind, writer));
        if (points[0] && points[1]) binding.$select(points[0], points[1]);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      BRACKET_SELECTION_COMMAND,
      ({ proposers, alternatives = [], done }) => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || selection.isCollapsed()) {
          done?.({ ok: false, reason: 'empty' });
          return true;
        }
        const anchor = $modelPointOf(selection.anchor);
        const focus = $modelPointOf(selection.focus);
        if (!anchor || !focus || anchor.id !== focus.id) {
          done?.({ ok: false, reason: 'several-paragraphs' });
          return true;
        }
        const from = Math.min(anchor.offset, focus.offset);
        const to = Math.max(anchor.offset, focus.offset);
        const result = binding.$command((writer) => bracketRange(doc, anchor.id, from, to, proposers, alternatives, writer));
        if (result.ok) {
          const end = to + result.alternatives.slice(1).reduce((sum, a) => sum + a.text.length, 0);
          binding.$select({ id: anchor.id, offset: end });
        }
        done?.(result);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      AGREE_BRACKET_COMMAND,
      ({ bracketId, keep, done }) => {
        const agreed = binding.$command((writer) => agreeBracket(doc, bracketId, keep, writer));
        done?.(agreed);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    // A clause from a template: into the caret's paragraph when it is empty, else as a new one after it.
    editor.registerCommand(
      INSERT_CLAUSE_COMMAND,
      ({ kind, segments }) => {
        const caret = $caret();
        const { runs, firstField } = runsOf(segments, binding.newId);
        const current = caret ? readEntryById(doc, caret.id) : null;
        const id = binding.$command((writer) => {
          if (current && current.text.toString().trim() === '') {
            doc.transact(() => {
              if (current.text.length > 0) current.text.delete(0, current.text.length);
              insertRuns(current.text, 0, runs);
            }, writer.change);
            setKind(doc, [current.id], kind, writer);
            return current.id;
          }
          const after = current?.id ?? readParagraphs(doc).at(-1)?.id ?? null;
          return insertParagraphs(doc, after, [{ kind, runs }], writer)[0]!;
        });
        const length = runs.reduce((sum, run) => sum + run.text.length, 0);
        if (firstField) binding.$select({ id, offset: firstField[0] }, { id, offset: firstField[1] });
        else binding.$select({ id, offset: length });
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      KEEP_REVIVED_COMMAND,
      (id) => {
        binding.$command((writer) => keepRevived(doc, id, writer));
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      DISCARD_REVIVED_COMMAND,
      (id) => {
        binding.$command((writer) => deleteParagraphs(doc, [id], writer));
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
  );
}
