import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgendaItem, AgendaItemInput } from '../../../shared/model/agenda';
import { AGENDA_KINDS, formatTime, parseTime } from '../../../shared/model/agendaSchedule';
import type { Language } from '../../../shared/model/settings';
import type { MeetingDocumentEntry } from '../../../shared/model/meetingDoc';
import { useApp } from '../../app/context';
import { FormDialog } from '../../ui/FormDialog';
import { formatClock, parseClock } from '../../ui/format';

type Field = keyof AgendaItemInput;

export interface AgendaItemDialogProps {
  /** The item being edited, or the values a new item starts from. */
  initial: AgendaItemInput;
  editing: AgendaItem | null;
  documents: ReadonlyArray<MeetingDocumentEntry>;
  delegations: ReadonlyArray<string>;
  /** Writes the item; a thrown error is shown in the dialog, which then stays open. */
  onSave(input: AgendaItemInput): void;
  onClose(): void;
}

/** The schema's own messages are English; the form says the same in the user's language. */
function problem(field: Field, raw: Record<string, string>, code: string): string {
  const value = raw[field] ?? '';
  switch (field) {
    case 'title':
      return value.trim() === '' ? 'agenda.required' : 'agenda.tooLong';
    case 'presenter':
      return 'agenda.tooLong';
    case 'day':
      return value === '' ? 'agenda.required' : 'agenda.invalidDate';
    case 'start':
      return 'agenda.invalidTime';
    case 'durationMinutes':
      return value.trim() === '' ? 'agenda.required' : 'agenda.invalidDuration';
    default:
      return code === 'too_big' ? 'agenda.tooLong' : 'agenda.invalidChoice';
  }
}

/** What the form holds, as the item schema expects it (empty optional fields become null; a time as HH:MM). */
function fromForm(raw: Record<string, string>, language: Language): Record<string, unknown> {
  const duration = (raw.durationMinutes ?? '').trim();
  const start = (raw.start ?? '').trim();
  const minutes = parseClock(start, language);
  return {
    title: raw.title ?? '',
    kind: raw.kind,
    presenter: raw.presenter ?? '',
    day: raw.day ?? '',
    // What cannot be read as a time goes to the schema as typed, which refuses it.
    start: start === '' ? null : minutes === undefined ? start : formatTime(minutes),
    durationMinutes: duration === '' ? Number.NaN : Number(duration),
    documentId: raw.documentId ? raw.documentId : null,
  };
}

export function AgendaItemDialog({ initial, editing, documents, delegations, onSave, onClose }: AgendaItemDialogProps) {
  const { t } = useTranslation();
  const { language } = useApp();
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});

  const submit = (form: HTMLFormElement) => {
    const raw = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    const parsed = AgendaItemInput.safeParse(fromForm(raw, language));
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        if (field && !next[field]) next[field] = t(problem(field, raw, issue.code), { example: formatClock(12 * 60 + 30, language) });
      }
      setErrors(next);
      return;
    }
    try {
      onSave(parsed.data);
      form.closest('dialog')?.close();
    } catch (error) {
      setErrors({ form: t('agenda.notSaved', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const fieldProps = (name: Field) => ({
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `agenda-${name}-error` : undefined,
  });
  const errorOf = (name: Field) =>
    errors[name] && (
      <span id={`agenda-${name}-error`} className="field__error">
        {errors[name]}
      </span>
    );
  // A linked document since removed from the meeting stays selectable, so saving keeps the link.
  const linkable = initial.documentId && !documents.some((d) => d.id === initial.documentId)
    ? [...documents, { id: initial.documentId, title: t('agenda.missingDocument') }]
    : documents;

  return (
    <FormDialog
      titleId="agenda-item-title"
      title={editing ? t('agenda.editTitle') : t('agenda.addTitle')}
      description={t('agenda.dialogDescription')}
      error={errors.form ?? null}
      busy={false}
      submitLabel={editing ? t('agenda.save') : t('agenda.addSubmit')}
      busyLabel={t('agenda.saving')}
      cancelLabel={t('agenda.cancel')}
      onSubmit={submit}
      onClose={onClose}
    >
      <label className="field field--text">
        <span className="field__label">{t('agenda.fieldTitle')}</span>
        <input type="text" defaultValue={initial.title} placeholder={t('agenda.fieldTitlePlaceholder')} autoFocus required {...fieldProps('title')} />
        {errorOf('title')}
      </label>
      <label className="field">
        <span className="field__label">{t('agenda.fieldKind')}</span>
        <select className="agenda__select" defaultValue={initial.kind} {...fieldProps('kind')}>
          {AGENDA_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`agenda.kind_${kind}`)}
            </option>
          ))}
        </select>
        {errorOf('kind')}
      </label>
      <label className="field">
        <span className="field__label">{t('agenda.fieldPresenter')}</span>
        <input type="text" defaultValue={initial.presenter} placeholder={t('agenda.fieldPresenterPlaceholder')} list="agenda-delegations" {...fieldProps('presenter')} />
        <datalist id="agenda-delegations">
          {delegations.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        {errorOf('presenter')}
      </label>
      <label className="field">
        <span className="field__label">{t('agenda.fieldDay')}</span>
        <input type="date" defaultValue={initial.day} required {...fieldProps('day')} />
        {errorOf('day')}
      </label>
      <label className="field">
        <span className="field__label">{t('agenda.fieldStart')}</span>
        {/* Text, not a time field: that would write times as the browser's locale does, not as the agenda does. */}
        <input
          type="text"
          autoComplete="off"
          defaultValue={initial.start ? formatClock(parseTime(initial.start) ?? 0, language) : ''}
          onBlur={(event) => {
            const minutes = parseClock(event.target.value, language);
            if (minutes !== undefined) event.target.value = formatClock(minutes, language);
          }}
          {...fieldProps('start')}
          aria-describedby={errors.start ? 'agenda-start-error' : 'agenda-start-hint'}
        />
        {errorOf('start') || (
          <span id="agenda-start-hint" className="agenda__field-hint">
            {t('agenda.fieldStartHint')}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field__label">{t('agenda.fieldDuration')}</span>
        <input type="number" inputMode="numeric" min={1} max={1440} step={5} defaultValue={initial.durationMinutes} required {...fieldProps('durationMinutes')} />
        {errorOf('durationMinutes')}
      </label>
      <label className="field">
        <span className="field__label">{t('agenda.fieldDocument')}</span>
        <select className="agenda__select" defaultValue={initial.documentId ?? ''} {...fieldProps('documentId')}>
          <option value="">{t('agenda.noLinkedDocument')}</option>
          {linkable.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
        {errorOf('documentId')}
      </label>
    </FormDialog>
  );
}
