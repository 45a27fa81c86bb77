import { type DragEvent, type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addAgendaItem,
  type AgendaItem,
  type AgendaItemInput,
  type AgendaMove,
  dropTarget,
  moveAgendaItem,
  removeAgendaItem,
  setAgendaDayStart,
  updateAgendaItem,
} from '../../../shared/model/agenda';
import { type AgendaFlag, dayOffset, DEFAULT_DAY_START, formatTime, meetingDays, parseTime } from '../../../shared/model/agendaSchedule';
import { useApp } from '../../app/context';
import type { Language } from '../../../shared/model/settings';
import { FormDialog } from '../../ui/FormDialog';
import { formatClock, parseClock } from '../../ui/format';
import { locales } from '../../i18n/i18n';
import { SaveStatus } from '../declaration/SaveStatus';
import { holdsSecretariatParts } from '../../../shared/model/secretariatDoc';
import type { MeetingDocsHandle } from '../meetings/useMeetingDocs';
import { AgendaItemDialog } from './AgendaItemDialog';
import { AgendaItemRow } from './AgendaItemRow';
import { type AgendaView, useAgenda } from './useAgenda';

type Dialog = { kind: 'add' } | { kind: 'edit'; item: AgendaItem } | { kind: 'delete'; item: AgendaItem } | null;
/** What had focus when an item was moved, to give it back once the row is in its new place. */
type FocusTarget = { id: string; part: 'row' | 'up' | 'down' };

/**
 * The meeting's agenda, kept by the secretariat in its doc: numbers and times are computed from
 * the order on every change, so every delegation sees the same schedule. Delegates and observers
 * read it; the hub would drop their changes to the secretariat's doc, so they are offered none.
 */
export function AgendaPanel({ meetingId, docs, access }: { meetingId: string; docs: MeetingDocsHandle | null; access: 'unknown' | 'edit' | 'read' }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const handle = docs?.secretariat ?? null;
  const view = useAgenda(docs?.docs ?? null, meetingId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const table = useRef<HTMLTableElement>(null);
  const pendingFocus = useRef<FocusTarget | null>(null);

  // Reordering re-inserts the row's element, which drops its focus; the keyboard user keeps it,
  // and hears where the item went, since nothing else on screen announces it.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target || !table.current) return;
    pendingFocus.current = null;
    const row = table.current.querySelector<HTMLElement>(`tr[data-item="${CSS.escape(target.id)}"]`);
    const button = target.part === 'row' ? null : row?.querySelector<HTMLButtonElement>(`button[data-move="${target.part}"]`);
    (button && !button.disabled ? button : row)?.focus();
    const moved = view?.rows.find((r) => r.item.id === target.id);
    if (moved) {
      setAnnouncement(
        t('agenda.moved', { title: moved.item.title, number: moved.number, start: clock(moved.start), end: clock(moved.end) }),
      );
    }
  });

  const dayFormat = useMemo(
    () => new Intl.DateTimeFormat(locales[language], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    [language],
  );
  const listFormat = useMemo(() => new Intl.ListFormat(locales[language], { type: 'conjunction' }), [language]);
  // Every time in the agenda, its fields included, reads as the interface language writes times.
  const clock = (minutes: number) =>
    dayOffset(minutes) > 0 ? t('agenda.nextDay', { time: formatClock(minutes, language) }) : formatClock(minutes, language);

  const synced = view !== null;
  // A legacy meeting's agenda becomes editable once main has copied it into the secretariat doc.
  const secretariatDoc = docs?.docs?.secretariat;
  const editable = synced && access === 'edit' && secretariatDoc !== undefined && holdsSecretariatParts(secretariatDoc);

  /** Runs a change to the agenda, saying so in the window if it could not be made. */
  const change = (write: () => void): boolean => {
    try {
      write();
      setError(null);
      return true;
    } catch (failure) {
      setError(t('agenda.notSaved', { message: failure instanceof Error ? failure.message : String(failure) }));
      return false;
    }
  };

  const move = (id: string, to: AgendaMove, part: FocusTarget['part']) => {
    if (!handle || !view) return;
    change(() => {
      if (moveAgendaItem(handle.doc, id, to, view.meeting)) pendingFocus.current = { id, part };
    });
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const part = (event.target as HTMLElement).dataset.move;
    move(id, event.key === 'ArrowUp' ? 'up' : 'down', part === 'up' || part === 'down' ? part : 'row');
  };

  const endDrag = () => {
    setDragging(null);
    setDropOn(null);
  };

  const dropOnto = (event: DragEvent<HTMLElement>, to: (dragged: string) => AgendaMove | undefined) => {
    event.preventDefault();
    const dragged = dragging;
    endDrag();
    const target = dragged ? to(dragged) : undefined;
    if (dragged && target) move(dragged, target, 'row');
  };

  const flagText = (flag: AgendaFlag): string => {
    switch (flag.kind) {
      case 'overlap':
        return t('agenda.flagOverlap', { count: flag.numbers.length, numbers: listFormat.format(flag.numbers.map(String)) });
      case 'outsideMeeting':
        return t('agenda.flagOutsideMeeting');
      case 'pastMidnight':
        return t('agenda.flagPastMidnight');
      case 'invalidDuration':
        return t('agenda.flagInvalidDuration');
    }
  };

  const saveItem = (input: AgendaItemInput) => {
    if (!handle || !dialog) return;
    if (dialog.kind === 'add') {
      addAgendaItem(handle.doc, crypto.randomUUID(), input);
    } else if (dialog.kind === 'edit') {
      const item = dialog.item;
      // Only what this person changed, so a field someone else edits meanwhile keeps their edit.
      const patch = Object.fromEntries(
        Object.entries(input).filter(([key, value]) => value !== item[key as keyof AgendaItemInput]),
      ) as Partial<AgendaItemInput>;
      if (!updateAgendaItem(handle.doc, item.id, patch)) throw new Error(t('agenda.gone'));
    }
  };

  // An empty Document column only takes room from the titles: it shows once an item links one.
  const withDocuments = view?.items.some((item) => item.documentId !== null) ?? false;
  const columns = 5 + (withDocuments ? 1 : 0) + (editable ? 1 : 0);
  const days = view ? agendaDays(view) : [];
  const rowsOf = (day: string) => view?.rows.filter((row) => row.item.day === day) ?? [];
  const first = view?.rows[0]?.item;
  const last = view?.rows[view.rows.length - 1]?.item;
  const draggedIndex = view?.rows.findIndex((row) => row.item.id === dragging) ?? -1;

  const dayRows = (day: string) => {
    const rows = rowsOf(day);
    const label = dayFormat.format(new Date(`${day}T00:00:00Z`));
    const start = view?.dayStarts[day] ?? DEFAULT_DAY_START;
    return (
      <tbody key={day} aria-label={label}>
        <tr className="agenda__day">
          <td colSpan={columns}>
            <div className="agenda__day-inner">
              <h3 className="agenda__day-title">{label}</h3>
              {editable && handle ? (
                <label className="agenda__day-start">
                  {t('agenda.dayStart')}
                  <DayStartInput
                    value={start}
                    language={language}
                    label={t('agenda.dayStartLabel', { day: label })}
                    onCommit={(value) => change(() => setAgendaDayStart(handle.doc, day, value))}
                  />
                </label>
              ) : (
                <span className="agenda__day-start">
                  {t('agenda.dayStart')} {formatClock(parseTime(start) ?? parseTime(DEFAULT_DAY_START)!, language)}
                </span>
              )}
            </div>
          </td>
        </tr>
        {rows.length === 0 && (
          <tr
            className={`agenda__empty-day${dropOn === day ? ' agenda__row--drop-above' : ''}`}
            onDragOver={(event) => {
              if (!dragging) return;
              event.preventDefault();
              if (dropOn !== day) setDropOn(day);
            }}
            onDrop={(event) => dropOnto(event, () => ({ day, index: 0 }))}
          >
            <td colSpan={columns}>{t('agenda.emptyDay')}</td>
          </tr>
        )}
        {rows.map((row) => {
          const index = view!.rows.indexOf(row);
          const { item } = row;
          return (
            <AgendaItemRow
              key={item.id}
              row={row}
              document={item.documentId ? view?.documents.find((d) => d.id === item.documentId) : undefined}
              editable={editable}
              withDocuments={withDocuments}
              canUp={!(item.id === first?.id && days.indexOf(item.day) === 0)}
              canDown={!(item.id === last?.id && days.indexOf(item.day) === days.length - 1)}
              drag={{
                dragging,
                dropAt: dropOn === item.id && draggedIndex >= 0 ? (draggedIndex > index ? 'above' : 'below') : null,
                start: () => setDragging(item.id),
                over: () => dropOn !== item.id && setDropOn(item.id),
                leave: () => dropOn === item.id && setDropOn(null),
                drop: (event) => dropOnto(event, (dragged) => (view ? dropTarget(view.items, dragged, item.id) : undefined)),
                end: endDrag,
              }}
              onKeyDown={(event) => onRowKeyDown(event, item.id)}
              onMove={(to) => move(item.id, to, to)}
              onEdit={() => setDialog({ kind: 'edit', item })}
              onDelete={() => setDialog({ kind: 'delete', item })}
              clock={clock}
              flagText={flagText}
            />
          );
        })}
      </tbody>
    );
  };

  return (
    <section className="agenda" aria-labelledby="agenda-heading">
      <div className="agenda__head">
        <h2 className="section-title" id="agenda-heading">
          {t('agenda.title')}
        </h2>
        <div className="agenda__tools">
          {handle && editable && <SaveStatus provider={handle.provider} />}
          {editable && (
            <button type="button" className="button button--secondary" onClick={() => setDialog({ kind: 'add' })}>
              {t('agenda.add')}
            </button>
          )}
        </div>
      </div>
      {synced && access === 'read' && <p className="agenda__note">{t('agenda.readOnly')}</p>}
      <p className="agenda__sr-only" aria-live="polite">
        {announcement}
      </p>
      {error && (
        <div role="alert" className="inline-error">
          {error}
        </div>
      )}
      {!synced || !view ? (
        <p className="empty">{t('agenda.loading')}</p>
      ) : view.rows.length === 0 ? (
        <p className="empty">{editable ? t('agenda.empty') : t('agenda.emptyReadOnly')}</p>
      ) : (
        <>
          <div className="agenda__frame">
            <table ref={table} className="agenda__table" aria-labelledby="agenda-heading" aria-describedby={editable ? 'agenda-hint' : undefined}>
              <thead>
                <tr>
                  <th scope="col" className="agenda__num">
                    {t('agenda.colNumber')}
                  </th>
                  <th scope="col">{t('agenda.colTime')}</th>
                  <th scope="col">{t('agenda.colTitle')}</th>
                  <th scope="col">{t('agenda.colPresenter')}</th>
                  <th scope="col">{t('agenda.colKind')}</th>
                  {withDocuments && <th scope="col">{t('agenda.colDocument')}</th>}
                  {editable && (
                    <th scope="col" className="agenda__actions">
                      <span className="agenda__sr-only">{t('agenda.colActions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              {days.map(dayRows)}
            </table>
          </div>
          {editable && (
            <p id="agenda-hint" className="agenda__hint">
              {t('agenda.dragHint')}
            </p>
          )}
        </>
      )}
      {dialog && dialog.kind !== 'delete' && view && (
        <AgendaItemDialog
          initial={dialog.kind === 'edit' ? dialog.item : newItemDefaults(view)}
          editing={dialog.kind === 'edit' ? dialog.item : null}
          documents={view.documents}
          delegations={view.delegations}
          onSave={saveItem}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && handle && (
        <FormDialog
          titleId="agenda-delete-title"
          title={t('agenda.deleteTitle')}
          description={t('agenda.deleteDescription', { title: dialog.item.title })}
          error={null}
          busy={false}
          submitLabel={t('agenda.deleteSubmit')}
          busyLabel={t('agenda.deleteSubmit')}
          cancelLabel={t('agenda.cancel')}
          onSubmit={(form) => {
            change(() => removeAgendaItem(handle.doc, dialog.item.id));
            form.closest('dialog')?.close();
          }}
          onClose={() => setDialog(null)}
        >
          {null}
        </FormDialog>
      )}
    </section>
  );
}

/** The meeting's days and any other day an item is on, in order. */
function agendaDays(view: AgendaView): string[] {
  const days = new Set(view.meeting ? meetingDays(view.meeting.startDate, view.meeting.endDate) : []);
  for (const item of view.items) days.add(item.day);
  return [...days].sort();
}

/** A new item goes on the day the agenda currently ends, and the very first one is the opening. */
function newItemDefaults(view: AgendaView): AgendaItemInput {
  return {
    title: '',
    kind: view.items.length === 0 ? 'opening' : 'session',
    presenter: '',
    day: view.items[view.items.length - 1]?.day ?? view.meeting?.startDate ?? '',
    start: null,
    durationMinutes: 30,
    documentId: null,
  };
}

/**
 * A day's start time, written as the interface writes times (a time field would follow the
 * browser's locale instead, "09:00 AM" above rows reading 09:00). Uncontrolled while focused,
 * so a change from elsewhere does not overwrite what the person is typing; it is saved when they
 * leave the field or press Enter, and what cannot be read as a time gives way to the saved one.
 */
function DayStartInput({ value, language, label, onCommit }: { value: string; language: Language; label: string; onCommit(value: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const shown = formatClock(parseTime(value) ?? parseTime(DEFAULT_DAY_START)!, language);
  useEffect(() => {
    const element = input.current;
    if (element && element !== document.activeElement && element.value !== shown) element.value = shown;
  }, [shown]);
  const commit = (element: HTMLInputElement) => {
    const minutes = parseClock(element.value, language);
    element.value = formatClock(minutes ?? parseTime(value) ?? parseTime(DEFAULT_DAY_START)!, language);
    if (minutes !== undefined && formatTime(minutes) !== value) onCommit(formatTime(minutes));
  };
  return (
    <input
      ref={input}
      type="text"
      className="agenda__clock"
      inputMode="text"
      autoComplete="off"
      defaultValue={shown}
      aria-label={label}
      onBlur={(event) => commit(event.target)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(event.currentTarget);
      }}
    />
  );
}
