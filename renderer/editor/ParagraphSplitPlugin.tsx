import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_HIGH, INSERT_PARAGRAPH_COMMAND } from 'lexical';
import { useEffect } from 'react';
import { $insertParagraphBeforeAtStart } from '../../shared/model/paragraphSplit';

/** Enter at the start of a paragraph adds one before it, so concurrent edits in it survive. */
export function ParagraphSplitPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerCommand(INSERT_PARAGRAPH_COMMAND, () => $insertParagraphBeforeAtStart(), COMMAND_PRIORITY_HIGH), [editor]);
  return null;
}
