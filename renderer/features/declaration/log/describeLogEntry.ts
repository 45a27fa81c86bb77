import type { TFunction } from 'i18next';
import type { LogEntry, LoggedAction, LogParagraph, Seat } from '../../../../shared/declaration/negotiationLogView';

/** One log entry in the reader's words: what happened, where, and who did it as the hub knows them. */
export interface LogEntryWords {
  what: string;
  /** The wordings proposed, kept or dropped, or what a restore kept; null when the line says it all. */
  detail: string | null;
  /** "OP3", "Whole text", "Unnumbered paragraph". */
  paragraph: string;
  /** How the paragraph was numbered then, and whether it is gone: null when it stands as recorded. */
  paragraphNote: string | null;
  /** "Lan · Ha Noi (Delegate)"; the hub's seat alone where the entry's name is not its writer's. */
  who: string;
  /** Set where the hub confirms the seat the entry names. */
  verified: string | null;
  /** The name and seat the entry claims, where the hub recorded another seat as its writer. */
  recordedAs: string | null;
  /** Why an entry is marked, said in full (as a tooltip). */
  hint: string | null;
}

export function describeLogEntry(entry: LogEntry, t: TFunction): LogEntryWords {
  const seat = seatWords(entry.seat, t);
  const unverified = entry.authorship === 'unverified';
  return {
    what: whatHappened(entry.action, t),
    detail: detailOf(entry.action, t),
    paragraph: entry.paragraph ? entry.paragraph.label || t('negotiationLog.unnumbered') : t(aboutAParagraph(entry.action) ? 'negotiationLog.unknownParagraph' : 'negotiationLog.wholeText'),
    paragraphNote: entry.paragraph ? paragraphNote(entry.paragraph, t) : null,
    who: unverified ? seat : t('negotiationLog.who', { name: entry.recorded.name, seat }),
    verified: entry.authorship === 'verified' ? t('negotiationLog.verified') : null,
    recordedAs: unverified ? t('negotiationLog.recordedAs', { who: t('negotiationLog.who', { name: entry.recorded.name, seat: seatWords(entry.recorded, t) }) }) : null,
    hint:
      entry.authorship === 'verified'
        ? t('negotiationLog.verifiedHint', { seat })
        : unverified
          ? t('negotiationLog.recordedAsHint', { seat })
          : null,
  };
}

/** "Ha Noi (Delegate)", "Secretariat". */
export function seatWords(seat: Seat, t: TFunction): string {
  const role = t(`roles.${seat.role}`);
  return seat.delegation !== null ? t('negotiationLog.seat', { delegation: seat.delegation, role }) : role;
}

/** A seat as a filter offers it: a delegation by its name, the others by role. */
export function seatChoice(seat: Seat, t: TFunction): string {
  return seat.delegation ?? t(`roles.${seat.role}`);
}

/** A bracket or a status is about one paragraph, even where its entry no longer says which. */
function aboutAParagraph(action: LoggedAction): boolean {
  return action.type === 'bracket-added' || action.type === 'bracket-agreed' || action.type === 'status-set';
}

function whatHappened(action: LoggedAction, t: TFunction): string {
  switch (action.type) {
    case 'bracket-added':
      return t('negotiationLog.actions.bracketAdded');
    case 'bracket-agreed':
      return action.kept ? t('negotiationLog.actions.bracketAgreed', { text: action.kept.text }) : t('negotiationLog.actions.bracketDropped');
    case 'status-set':
      return t('negotiationLog.actions.statusSet', { status: t(`status.${action.status}`) });
    case 'version-restored':
      return t('negotiationLog.actions.versionRestored', { label: action.label });
    case 'version-circulated':
      return t('negotiationLog.actions.versionCirculated', { label: action.label });
  }
}

function detailOf(action: LoggedAction, t: TFunction): string | null {
  const wordings = (proposals: ReadonlyArray<{ text: string; proposers: string[] }>) =>
    proposals.map((p) => t('negotiationLog.wording', { text: p.text, proposers: p.proposers.join(', ') })).join(' / ');
  switch (action.type) {
    case 'bracket-added':
      return wordings(action.alternatives);
    case 'bracket-agreed': {
      const parts = [];
      if (action.kept) parts.push(t('brackets.proposedBy', { delegations: action.kept.proposers.join(', ') }));
      if (action.dropped.length > 0) parts.push(t('negotiationLog.dropped', { wordings: wordings(action.dropped) }));
      return parts.length > 0 ? parts.join(' · ') : null;
    }
    case 'version-restored':
      return t('negotiationLog.restoredDetail');
    default:
      return null;
  }
}

function paragraphNote(paragraph: LogParagraph, t: TFunction): string | null {
  const notes = [];
  if (paragraph.then) notes.push(t('negotiationLog.then', { label: paragraph.then }));
  if (paragraph.position === null) notes.push(t('negotiationLog.gone'));
  return notes.length > 0 ? notes.join(', ') : null;
}

/** A paragraph as the filter offers it: "OP3", "OP2 (no longer in the text)". */
export function paragraphChoice(paragraph: LogParagraph, t: TFunction): string {
  const label = paragraph.label || t('negotiationLog.unnumbered');
  return paragraph.position === null ? `${label} (${t('negotiationLog.gone')})` : label;
}
