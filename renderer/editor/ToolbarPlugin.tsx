import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MOVE_PARAGRAPH_COMMAND, SET_PARAGRAPH_KIND_COMMAND } from '../../shared/declaration/binding/declarationCommands';
import { type BlockKind, clauseKinds } from '../../shared/model/kinds';
import { $blockOf } from '../../shared/declaration/outline';
import { $isBlockNode } from '../../shared/declaration/nodes';
import { KIND_SHORTCUTS } from './DeclarationRulesPlugin';

interface ToolbarState {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  block: BlockKind;
}

const INITIAL: ToolbarState = { bold: false, italic: false, underline: false, block: 'paragraph' };
const MARKS: ReadonlyArray<{ format: TextFormatType & keyof ToolbarState; label: string; glyph: string; shortcut: string }> = [
  { format: 'bold', label: 'editor.bold', glyph: 'B', shortcut: 'Ctrl+B' },
  { format: 'italic', label: 'editor.italic', glyph: 'I', shortcut: 'Ctrl+I' },
  { format: 'underline', label: 'editor.underline', glyph: 'U', shortcut: 'Ctrl+U' },
];

function $readToolbarState(): ToolbarState | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const top = $blockOf(selection.anchor.getNode());
  const block: BlockKind = $isBlockNode(top) ? top.getKind() : 'paragraph';
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    block,
  };
}

function sameToolbar(a: ToolbarState, b: ToolbarState): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.block === b.block;
}

export interface ToolbarActions {
  onBracket(): void;
  onComment(): void;
  onInsertClause(): void;
  /** Observers get no editing tools at all. */
  readOnly: boolean;
}

const shortcutOf = (kind: BlockKind) => `Ctrl+Alt+${KIND_SHORTCUTS.find(([, k]) => k === kind)?.[0] ?? ''}`;

/**
 * Formatting and drafting controls above the declaration, reflecting the paragraph and format
 * where the cursor is.
 */
export function ToolbarPlugin({ onBracket, onComment, onInsertClause, readOnly }: ToolbarActions) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(INITIAL);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readToolbarState);
          // Unchanged (as while typing), the toolbar does not render again.
          if (next) setState((previous) => (sameToolbar(previous, next) ? previous : next));
        }),
        editor.registerCommand(CAN_UNDO_COMMAND, (value) => (setCanUndo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (value) => (setCanRedo(value), false), COMMAND_PRIORITY_LOW),
      ),
    [editor],
  );

  // Every kind, list items and headings included, is a property of the paragraph in the model.
  const setBlock = (kind: BlockKind) => editor.dispatchCommand(SET_PARAGRAPH_KIND_COMMAND, state.block === kind && (kind === 'number' || kind === 'bullet') ? 'paragraph' : kind);
  const textBlock: BlockKind = state.block === 'number' || state.block === 'bullet' ? 'paragraph' : state.block;

  if (readOnly) return null;
  const move = (direction: 'up' | 'down') => editor.dispatchCommand(MOVE_PARAGRAPH_COMMAND, direction);

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <button type="button" className="tool" aria-label={t('editor.undo')} title={`${t('editor.undo')} (Ctrl+Z)`} disabled={!canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        ↶
      </button>
      <button type="button" className="tool" aria-label={t('editor.redo')} title={`${t('editor.redo')} (Ctrl+Shift+Z)`} disabled={!canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        ↷
      </button>
      <span className="toolbar__sep" aria-hidden="true" />
      <select
        className="tool tool--select"
        aria-label={t('editor.blockType')}
        value={textBlock}
        onChange={(event) => setBlock(event.target.value as BlockKind)}
      >
        <optgroup label={t('editor.declarationParts')}>
          {clauseKinds.map((kind) => (
            <option key={kind} value={kind} title={shortcutOf(kind)}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('editor.otherText')}>
        <option value="paragraph" title={shortcutOf('paragraph')}>{t('editor.paragraph')}</option>
        <option value="h1">{t('editor.heading1')}</option>
        <option value="h2">{t('editor.heading2')}</option>
        <option value="h3">{t('editor.heading3')}</option>
        </optgroup>
      </select>
      <button type="button" className="tool" aria-label={t('editor.moveUp')} title={`${t('editor.moveUp')} (Alt+↑)`} onClick={() => move('up')}>
        ↑
      </button>
      <button type="button" className="tool" aria-label={t('editor.moveDown')} title={`${t('editor.moveDown')} (Alt+↓)`} onClick={() => move('down')}>
        ↓
      </button>
      <span className="toolbar__sep" aria-hidden="true" />
      {MARKS.map((mark) => (
        <button
          key={mark.format}
          type="button"
          className={`tool tool--${mark.format}`}
          aria-label={t(mark.label)}
          title={`${t(mark.label)} (${mark.shortcut})`}
          aria-pressed={state[mark.format]}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, mark.format)}
        >
          {mark.glyph}
        </button>
      ))}
      <span className="toolbar__sep" aria-hidden="true" />
      {/* "1." and "•" draw the lists as icons. Named by hidden words, not aria-label: a name
          given by aria-label must contain the text the button shows (label in name). */}
      <button type="button" className="tool" title={t('editor.numberedList')} aria-pressed={state.block === 'number'} onClick={() => setBlock('number')}>
        <span aria-hidden="true">1.</span>
        <span className="visually-hidden">{t('editor.numberedList')}</span>
      </button>
      <button type="button" className="tool" title={t('editor.bulletedList')} aria-pressed={state.block === 'bullet'} onClick={() => setBlock('bullet')}>
        <span aria-hidden="true">•</span>
        <span className="visually-hidden">{t('editor.bulletedList')}</span>
      </button>
      <span className="toolbar__sep" aria-hidden="true" />
      <button type="button" className="tool tool--text" onClick={onBracket} aria-label={t('brackets.button')} title={t('brackets.buttonHint')}>
        [ ] {t('brackets.button')}
      </button>
      <button type="button" className="tool tool--text" onClick={onComment} title={t('drafting.commentHint')}>
        {t('drafting.comment')}
      </button>
      <button type="button" className="tool tool--text" onClick={onInsertClause} title="Ctrl+K">
        {t('palette.button')}
      </button>
    </div>
  );
}
