import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ChangeNote,
  DeclarationComparison,
  ParagraphComparison,
  ParagraphSide,
  WordChange,
} from '../../../shared/declaration/compare';
import type { ClauseKind } from '../../../shared/model/kinds';

type TFunction = ReturnType<typeof useTranslation>['t'];
type Alternatives = Extract<ChangeNote, { type: 'bracket-added' }>['alternatives'];

/**
 * Two versions of a declaration, compared: side by side (a table, one row per paragraph) or as
 * one redline. Everything shown is in the comparison; the view only lays it out.
 */
export function ComparisonView({
  comparison,
  mode,
  beforeTitle,
  afterTitle,
}: {
  comparison: DeclarationComparison;
  mode: 'side-by-side' | 'redline';
  beforeTitle: string;
  afterTitle: string;
}) {
  const { t } = useTranslation();
  return (
    <section className={`compare compare--${mode}`} role="region" aria-label={t('compare.title')}>
      <Summary comparison={comparison} />
      {mode === 'side-by-side' ? (
        <SideBySide paragraphs={comparison.paragraphs} beforeTitle={beforeTitle} afterTitle={afterTitle} />
      ) : (
        <Redline paragraphs={comparison.paragraphs} beforeTitle={beforeTitle} afterTitle={afterTitle} />
      )}
    </section>
  );
}

function Summary({ comparison }: { comparison: DeclarationComparison }) {
  const { t } = useTranslation();
  const { counts } = comparison;
  const identical = counts.added + counts.removed + counts.edited + counts.moved === 0;
  return <p className="compare__summary">{identical ? t('compare.identical') : t('compare.summary', counts)}</p>;
}

function SideBySide({ paragraphs, beforeTitle, afterTitle }: { paragraphs: ParagraphComparison[]; beforeTitle: string; afterTitle: string }) {
  const { t } = useTranslation();
  return (
    <table className="compare__table">
      <caption className="compare__caption">{t('compare.caption', { before: beforeTitle, after: afterTitle })}</caption>
      <thead>
        <tr>
          <th scope="col" className="compare__heading compare__heading--before">
            {beforeTitle}
          </th>
          <th scope="col" className="compare__heading compare__heading--after">
            {afterTitle}
          </th>
        </tr>
      </thead>
      <tbody>
        {paragraphs.map((paragraph, index) => (
          <tr key={index} className={rowClasses(paragraph)}>
            <td className="compare__cell compare__cell--before">
              {!paragraph.after && <Tags paragraph={paragraph} />}
              {paragraph.before && <Paragraph side={paragraph.before} words={paragraph.words} hide="insert" />}
            </td>
            <td className="compare__cell compare__cell--after">
              {paragraph.after && <Tags paragraph={paragraph} />}
              {paragraph.after && <Paragraph side={paragraph.after} words={paragraph.words} hide="delete" />}
              <Notes paragraph={paragraph} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Redline({ paragraphs, beforeTitle, afterTitle }: { paragraphs: ParagraphComparison[]; beforeTitle: string; afterTitle: string }) {
  const { t } = useTranslation();
  return (
    <div className="compare__redline">
      <p className="compare__caption">{t('compare.caption', { before: beforeTitle, after: afterTitle })}</p>
      {paragraphs.map((paragraph, index) => (
        <div key={index} className={rowClasses(paragraph)}>
          <Tags paragraph={paragraph} />
          <p className="compare__paragraph">
            <RedlineLabel paragraph={paragraph} />
            <Marker side={paragraph.after ?? paragraph.before} />
            <span className="compare__text">
              <Words words={paragraph.words} hide={null} />
            </span>
          </p>
          <Notes paragraph={paragraph} />
        </div>
      ))}
    </div>
  );
}

function rowClasses(paragraph: ParagraphComparison): string {
  return ['compare__row', `compare__row--${paragraph.change}`, paragraph.moved ? 'compare__row--moved' : ''].filter(Boolean).join(' ');
}

/** One side of a paragraph: its number and text, with the other side's words left out. */
function Paragraph({ side, words, hide }: { side: ParagraphSide; words: WordChange[]; hide: 'insert' | 'delete' }) {
  return (
    <p className="compare__paragraph">
      <Label side={side} />
      <Marker side={side} />
      <span className="compare__text">
        <Words words={words} hide={hide} />
      </span>
    </p>
  );
}

/** How negotiators cite the paragraph ("OP2"); unnumbered parts are named by their kind. */
function Label({ side }: { side: ParagraphSide }) {
  const { t } = useTranslation();
  if (side.label) return <Spaced className="compare__label">{side.label}</Spaced>;
  if (side.kind) return <Spaced className="compare__label compare__label--kind">{t(`kinds.${side.kind}`)}</Spaced>;
  return null;
}

/** A renumbered paragraph shows both numbers in the redline, the old one struck through. */
function RedlineLabel({ paragraph }: { paragraph: ParagraphComparison }) {
  const { before, after } = paragraph;
  if (before && after && before.label && after.label && before.label !== after.label) {
    return (
      <Spaced className="compare__label">
        <del>{before.label}</del> <ins>{after.label}</ins>
      </Spaced>
    );
  }
  const side = after ?? before;
  return side ? <Label side={side} /> : null;
}

function Marker({ side }: { side: ParagraphSide | null }) {
  return side?.marker ? <Spaced className="compare__marker">{side.marker}</Spaced> : null;
}

/** A span followed by a space, so the parts of a paragraph never run together when copied. */
function Spaced({ className, children }: { className: string; children: ReactNode }) {
  return (
    <>
      <span className={className}>{children}</span>{' '}
    </>
  );
}

function Words({ words, hide }: { words: WordChange[]; hide: WordChange['op'] | null }) {
  return (
    <>
      {words.map((word, index) => {
        if (word.op === hide) return null;
        if (word.op === 'insert') return <ins key={index}>{word.text}</ins>;
        if (word.op === 'delete') return <del key={index}>{word.text}</del>;
        return <span key={index}>{word.text}</span>;
      })}
    </>
  );
}

/** What happened to the paragraph as a whole: added, removed, edited, moved. */
function Tags({ paragraph }: { paragraph: ParagraphComparison }) {
  const { t } = useTranslation();
  const tags: ReactNode[] = [];
  if (paragraph.change !== 'unchanged') {
    tags.push(
      <span key="change" className={`compare__tag compare__tag--${paragraph.change}`}>
        {t(`compare.tag.${paragraph.change}`)}
      </span>,
    );
  }
  if (paragraph.moved) {
    const was = paragraph.before?.label;
    tags.push(
      <span key="moved" className="compare__tag compare__tag--moved">
        {was ? t('compare.tag.movedFrom', { label: was }) : t('compare.tag.moved')}
      </span>,
    );
  }
  return tags.length > 0 ? <p className="compare__tags">{tags}</p> : null;
}

/** Changes the words alone do not show: brackets, proposers, status, kind, number. */
function Notes({ paragraph }: { paragraph: ParagraphComparison }) {
  const { t } = useTranslation();
  // Renumbering alone follows from other paragraphs' changes, and the labels already show it.
  if (paragraph.notes.length === 0 || (paragraph.change === 'unchanged' && !paragraph.moved)) return null;
  return (
    <ul className="compare__notes" aria-label={t('compare.notes')}>
      {paragraph.notes.map((note, index) => (
        <li key={index} className={`compare__note compare__note--${note.type}`}>
          {noteText(note, t)}
        </li>
      ))}
    </ul>
  );
}

function noteText(note: ChangeNote, t: TFunction): string {
  switch (note.type) {
    case 'bracket-added':
      return t('compare.note.bracketAdded', { bracket: bracketText(note.alternatives), proposers: proposersText(note.alternatives) });
    case 'bracket-removed':
      return note.keptText !== null
        ? t('compare.note.bracketAgreed', { kept: note.keptText })
        : t('compare.note.bracketRemoved', { bracket: bracketText(note.alternatives) });
    case 'alternatives-changed':
      return t('compare.note.alternativesChanged', { before: bracketText(note.before), after: bracketText(note.after) });
    case 'proposers-changed':
      return t('compare.note.proposersChanged', { text: note.text, before: delegations(note.before, t), after: delegations(note.after, t) });
    case 'status-changed':
      return t('compare.note.statusChanged', { before: t(`status.${note.before}`), after: t(`status.${note.after}`) });
    case 'kind-changed':
      return t('compare.note.kindChanged', { before: kindName(note.before, t), after: kindName(note.after, t) });
    case 'renumbered':
      return t('compare.note.renumbered', { before: note.before, after: note.after });
  }
}

function bracketText(alternatives: Alternatives): string {
  return `[${alternatives.map((alternative) => alternative.text).join(' / ')}]`;
}

/** Each wording's proposers in the order of the wordings: "Ha Noi; Bangkok, Manila". */
function proposersText(alternatives: Alternatives): string {
  return alternatives.map((alternative) => alternative.proposers.join(', ')).join('; ');
}

function delegations(proposers: string[], t: TFunction): string {
  return proposers.length > 0 ? proposers.join(', ') : t('compare.nobody');
}

function kindName(kind: ClauseKind | null, t: TFunction): string {
  return kind ? t(`kinds.${kind}`) : t('compare.plainParagraph');
}
