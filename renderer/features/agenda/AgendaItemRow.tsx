import type { DragEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../../shared/model/agenda';
import type { AgendaFlag, AgendaRow } from '../../../shared/model/agendaSchedule';

/** Dragging rows: which is dragged, whether this row is where it would land, and what to do. */
export interface RowDrag {
  dragging: string | null;
  /** Where the dragged row would land if dropped here: above this row, below it, or not here. */
  dropAt: 'above' | 'below' | null;
  start(): void;
  over(): void;
  leave(): void;
  drop(event: DragEvent<HTMLElement>): void;
  end(): void;
}

/**
 * One agenda item as a table row: number, times, title with its warnings, presenter, kind, the
 * document it links, and for the secretariat the buttons and drag handle that reorder, edit and
 * delete it (Alt+↑/↓ on the row too).
 */
export function AgendaItemRow({
  row,
  document,
  editable,
  withDocuments,
  canUp,
  canDown,
  drag,
  onKeyDown,
  onMove,
  onEdit,
  onDelete,
  clock,
  flagText,
}: {
  row: AgendaRow<AgendaItem>;
  document: { id: string; title: string } | undefined;
  editable: boolean;
  withDocuments: boolean;
  canUp: boolean;
  canDown: boolean;
  drag: RowDrag;
  onKeyDown(event: KeyboardEvent<HTMLTableRowElement>): void;
  onMove(to: 'up' | 'down'): void;
  onEdit(): void;
  onDelete(): void;
  clock(minutes: number): string;
  flagText(flag: AgendaFlag): string;
}) {
  const { t } = useTranslation();
  const { item } = row;
  const classes = [
    'agenda__row',
    `agenda__row--${item.kind}`,
    row.flags.length ? 'agenda__row--flagged' : '',
    drag.dragging === item.id ? 'agenda__row--dragging' : '',
    drag.dropAt ? `agenda__row--drop-${drag.dropAt}` : '',
  ];
  const action = (label: string, symbol: string, onClick: () => void, extra: { move?: 'up' | 'down'; disabled?: boolean; danger?: boolean } = {}) => (
    <button
      type="button"
      className={`tool${extra.danger ? ' tool--danger' : ''}`}
      data-move={extra.move}
      disabled={extra.disabled}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      {symbol}
    </button>
  );
  return (
    <tr
      data-item={item.id}
      className={classes.filter(Boolean).join(' ')}
      tabIndex={editable ? 0 : undefined}
      draggable={editable}
      onKeyDown={editable ? onKeyDown : undefined}
      onDragStart={
        editable
          ? (event) => {
              event.dataTransfer.setData('text/plain', item.title);
              event.dataTransfer.effectAllowed = 'move';
              drag.start();
            }
          : undefined
      }
      onDragOver={(event) => {
        if (!drag.dragging || drag.dragging === item.id) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        drag.over();
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) drag.leave();
      }}
      onDrop={drag.drop}
      onDragEnd={drag.end}
    >
      <td className="agenda__num">
        {editable && (
          <span className="agenda__grip" aria-hidden="true">
            ⠿
          </span>
        )}
        {row.number}
      </td>
      <td className="agenda__time">
        <span className="agenda__times">
          {clock(row.start)}–{clock(row.end)}
        </span>
        {row.fixed && <span className="agenda__fixed">{t('agenda.fixed')}</span>}
      </td>
      <th scope="row" className="agenda__title">
        <span className="agenda__item-title">{item.title}</span>
        {row.flags.length > 0 && (
          <ul className="agenda__flags">
            {row.flags.map((flag) => (
              <li key={flag.kind} className="agenda__flag">
                <span aria-hidden="true">⚠</span> {flagText(flag)}
              </li>
            ))}
          </ul>
        )}
      </th>
      <td className="agenda__presenter">{item.presenter}</td>
      <td>
        <span className={`agenda__kind agenda__kind--${item.kind}`}>{t(`agenda.kind_${item.kind}`)}</span>
      </td>
      {withDocuments && (
        <td className="agenda__document">
          {document ? (
            <a href={`#/document/${document.id}`}>{document.title}</a>
          ) : item.documentId ? (
            <span className="agenda__muted">{t('agenda.missingDocument')}</span>
          ) : null}
        </td>
      )}
      {editable && (
        <td className="agenda__actions">
          {action(t('agenda.moveUp', { title: item.title }), '↑', () => onMove('up'), { move: 'up', disabled: !canUp })}
          {action(t('agenda.moveDown', { title: item.title }), '↓', () => onMove('down'), { move: 'down', disabled: !canDown })}
          {action(t('agenda.edit', { title: item.title }), '✎', onEdit)}
          {action(t('agenda.delete', { title: item.title }), '✕', onDelete, { danger: true })}
        </td>
      )}
    </tr>
  );
}
