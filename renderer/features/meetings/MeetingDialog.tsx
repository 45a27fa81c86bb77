import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingInput, type MeetingSummary } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';
import { FormDialog } from '../../ui/FormDialog';

type Field = keyof MeetingInput;
const FIELDS: ReadonlyArray<{ name: Field; label: string; type: 'text' | 'date'; placeholder?: string }> = [
  { name: 'title', label: 'newMeeting.fieldTitle', type: 'text', placeholder: 'newMeeting.fieldTitlePlaceholder' },
  { name: 'place', label: 'newMeeting.fieldPlace', type: 'text', placeholder: 'newMeeting.fieldPlacePlaceholder' },
  { name: 'hostCity', label: 'newMeeting.fieldHostCity', type: 'text', placeholder: 'newMeeting.fieldHostCityPlaceholder' },
  { name: 'startDate', label: 'newMeeting.fieldStart', type: 'date' },
  { name: 'endDate', label: 'newMeeting.fieldEnd', type: 'date' },
];

/** The schema's own messages are English; the form says the same in the user's language. */
function fieldProblem(field: Field, form: Record<string, unknown>, code: string): string {
  const value = String(form[field] ?? '');
  if (value.trim() === '') return 'newMeeting.required';
  if (code === 'too_big') return 'newMeeting.tooLong';
  if (field === 'endDate' && value < String(form.startDate ?? '')) return 'newMeeting.endBeforeStart';
  return 'newMeeting.invalidDate';
}

/**
 * A meeting's particulars: a new meeting's, or (given `meeting`) the corrections the secretariat
 * makes to an existing one. Both are checked by the same schema, here and again by main.
 */
export function MeetingDialog({
  meeting,
  onClose,
  onSaved,
}: {
  /** The meeting being corrected; a new one is created without it. */
  meeting?: MeetingSummary;
  onClose(): void;
  onSaved(meeting: MeetingSummary): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (form: HTMLFormElement) => {
    const data = Object.fromEntries(new FormData(form).entries());
    const parsed = MeetingInput.safeParse(data);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        if (field && !next[field]) next[field] = t(fieldProblem(field, data, issue.code));
      }
      setErrors(next);
      return;
    }
    setBusy(true);
    try {
      onSaved(
        meeting
          ? await api.call('meetings.update', { meetingId: meeting.id, particulars: parsed.data })
          : await api.call('meetings.create', parsed.data),
      );
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
      setBusy(false);
    }
  };

  const words = meeting
    ? {
        titleId: 'edit-meeting-title',
        title: t('meetingAdmin.editTitle'),
        description: t('meetingAdmin.editDescription'),
        submitLabel: t('meetingAdmin.save'),
        busyLabel: t('meetingAdmin.saving'),
      }
    : {
        titleId: 'new-meeting-title',
        title: t('newMeeting.title'),
        description: t('newMeeting.description'),
        submitLabel: t('newMeeting.create'),
        busyLabel: t('newMeeting.creating'),
      };

  return (
    <FormDialog
      {...words}
      error={errors.form ?? null}
      busy={busy}
      cancelLabel={t('newMeeting.cancel')}
      onSubmit={(form) => void submit(form)}
      onClose={onClose}
    >
      {FIELDS.map((field) => (
        <label key={field.name} className={`field field--${field.type}`}>
          <span className="field__label">{t(field.label)}</span>
          <input
            name={field.name}
            type={field.type}
            defaultValue={meeting?.[field.name]}
            placeholder={field.placeholder ? t(field.placeholder) : undefined}
            aria-invalid={errors[field.name] ? true : undefined}
            aria-describedby={errors[field.name] ? `${field.name}-error` : undefined}
            autoFocus={field.name === 'title'}
            required
          />
          {errors[field.name] && (
            <span id={`${field.name}-error`} className="field__error">
              {errors[field.name]}
            </span>
          )}
        </label>
      ))}
    </FormDialog>
  );
}
