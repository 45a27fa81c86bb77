import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingInput, type MeetingSummary } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';

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

export function NewMeetingDialog({ onClose, onCreated }: { onClose(): void; onCreated(meeting: MeetingSummary): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget).entries());
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
      onCreated(await api.call('meetings.create', parsed.data));
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="new-meeting-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="new-meeting-title">{t('newMeeting.title')}</h2>
        <p className="dialog__description">{t('newMeeting.description')}</p>
        <div className="form-grid">
          {FIELDS.map((field) => (
            <label key={field.name} className={`field field--${field.type}`}>
              <span className="field__label">{t(field.label)}</span>
              <input
                name={field.name}
                type={field.type}
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
        </div>
        {errors.form && (
          <p role="alert" className="field__error">
            {errors.form}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('newMeeting.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('newMeeting.creating') : t('newMeeting.create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
