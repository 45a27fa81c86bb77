import { $wrapSelectionInMarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection, $setSelection, type BaseSelection } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { BRACKET_SELECTION_COMMAND } from '../../../shared/declaration/binding/declarationCommands';
import type { BracketRefusal, BracketResult } from '../../../shared/declaration/model/bracketMarks';
import { newThreadId, startThread } from '../../../shared/declaration/comments';
import { recordNegotiation } from '../../../shared/declaration/negotiationLog';
import { bracketPlace } from '../../../shared/declaration/negotiationLogView';
import type { ParticipantEntry } from '../../../shared/model/meetingDoc';
import { CommentMarksPlugin } from '../../editor/CommentMarksPlugin';
import { NumberingPlugin } from '../../editor/NumberingPlugin';
import { BracketDialog, type BracketRequest } from './BracketDialog';
import { ClausePanel } from './ClausePanel';
import { useClientOwners } from '../collaboration/useClientOwners';
import { CommentsPanel } from './comments/CommentsPanel';
import { useCommentThreads } from './comments/useCommentThreads';
import { TemplatePalette } from './TemplatePalette';
import { useClauseStatuses, useSelectionInfo } from './useDraftState';
import type { MeetingSummary } from '../../../shared/model/meeting';

export type DraftingRequest = 'bracket' | 'comment' | 'palette' | null;

interface Props {
  /** The declaration's doc (comments, the delegations' log); null while it opens. */
  doc: Y.Doc | null;
  /** The meeting's secretariat doc (statuses, agreements); null while it opens. */
  statusDoc: Y.Doc | null;
  documentId: string;
  me: ParticipantEntry;
  readOnly: boolean;
  delegations: ReadonlyArray<string>;
  meeting: MeetingSummary | null;
  request: DraftingRequest;
  onRequestDone(): void;
  onNotice(message: string): void;
}

/**
 * Everything beside the declaration's text that works on it: the paragraph panel (number,
 * status, brackets), the comments, and the dialogs the toolbar opens. Lives inside the editor,
 * so it reads and changes the text through Lexical like the typing does.
 */
export function DraftingAside({ doc, statusDoc, documentId, me, readOnly, delegations, meeting, request, onRequestDone, onNotice }: Props) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const statuses = useClauseStatuses(statusDoc, documentId);
  const owners = useClientOwners(statusDoc);
  const info = useSelectionInfo(statuses);
  const threads = useCommentThreads(doc);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [bracketQuote, setBracketQuote] = useState<string | null>(null);
  const [pendingComment, setPendingComment] = useState<{ quote: string } | null>(null);
  // The open palette's number: a palette asked for while the last one is closing (its close event
  // still queued, which would shut whatever is open then) is a new one, which that event leaves open.
  const [palette, setPalette] = useState<number | null>(null);
  const openPalette = useCallback(() => {
    if (document.querySelector('dialog.palette[open]')) return;
    setPalette((open) => (open ?? 0) + 1);
  }, []);
  // The words chosen before a dialog took the focus, to act on when it is confirmed.
  const saved = useRef<BaseSelection | null>(null);

  const captureSelection = useCallback((): string | null => {
    const captured = editor.getEditorState().read(() => {
      const selection = $getSelection();
      return $isRangeSelection(selection) && !selection.isCollapsed() ? { selection: selection.clone(), text: selection.getTextContent() } : null;
    });
    saved.current = captured?.selection ?? null;
    return captured && captured.text.trim() !== '' ? captured.text : null;
  }, [editor]);

  useEffect(() => {
    if (request === null) return;
    onRequestDone();
    if (readOnly) return;
    if (request === 'palette') return openPalette();
    const quote = captureSelection();
    if (!quote) return onNotice(t(request === 'bracket' ? 'brackets.selectFirst' : 'drafting.selectToComment'));
    if (request === 'bracket') setBracketQuote(quote);
    else setPendingComment({ quote });
  }, [request, readOnly, captureSelection, onRequestDone, onNotice, openPalette, t]);

  const bracket = ({ proposers, alternatives }: BracketRequest) => {
    setBracketQuote(null);
    let result: BracketResult = { ok: false, reason: 'empty' };
    editor.update(
      () => {
        if (saved.current) $setSelection(saved.current.clone());
        editor.dispatchCommand(BRACKET_SELECTION_COMMAND, { proposers, alternatives, done: (done) => (result = done) });
      },
      { discrete: true },
    );
    const outcome = result as BracketResult;
    if (!outcome.ok) return onNotice(t(`brackets.refused.${outcome.reason satisfies BracketRefusal}`));
    if (doc) recordNegotiation(doc, { type: 'bracket-added', bracketId: outcome.bracketId, ...bracketPlace(doc, outcome.bracketId), alternatives: outcome.alternatives, by: me, at: Date.now() });
    editor.focus();
  };

  const startComment = (text: string) => {
    if (!doc || !pendingComment) return;
    const threadId = newThreadId();
    editor.update(
      () => {
        if (saved.current) $setSelection(saved.current.clone());
        const selection = $getSelection();
        if ($isRangeSelection(selection) && !selection.isCollapsed()) $wrapSelectionInMarkNode(selection, selection.isBackward(), threadId);
      },
      { discrete: true },
    );
    startThread(doc, { threadId, quote: pendingComment.quote, author: me, text, at: Date.now() });
    setPendingComment(null);
    setActiveThread(threadId);
  };

  // Ctrl+K anywhere in the document screen opens the clause palette.
  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openPalette();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [readOnly, openPalette]);

  return (
    <aside className="drafting-aside">
      <NumberingPlugin statuses={statuses} />
      <CommentMarksPlugin threads={threads} onActiveThread={setActiveThread} />
      <ClausePanel statusDoc={statusDoc} documentId={documentId} me={me} info={info} readOnly={readOnly} doc={doc} owners={owners} />
      <CommentsPanel
        doc={doc}
        me={me}
        readOnly={readOnly}
        activeThreadId={activeThread}
        onSelectThread={setActiveThread}
        pending={pendingComment}
        onStart={startComment}
        onCancelStart={() => setPendingComment(null)}
        owners={owners}
      />
      {palette !== null && (
        <TemplatePalette
          key={palette}
          meeting={meeting}
          delegation={me.delegation}
          canPublish={me.role === 'secretariat'}
          onClose={() => setPalette((open) => (open === palette ? null : open))}
        />
      )}
      {bracketQuote !== null && (
        <BracketDialog quote={bracketQuote} delegations={delegations} ownDelegation={me.delegation} onSubmit={bracket} onClose={() => setBracketQuote(null)} />
      )}
    </aside>
  );
}
