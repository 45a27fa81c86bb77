import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';
import { FormDialog } from '../../ui/FormDialog';

const FIELDS = [
  { name: 'hubUrl', label: 'join.hubUrl', placeholder: 'join.hubUrlPlaceholder' },
  { name: 'code', label: 'join.code', placeholder: 'join.codePlaceholder' },
  { name: 'name', label: 'join.name', placeholder: 'join.namePlaceholder' },
] as const;

export function JoinMeetingDialog({ onClose, onJoined }: { onClose(): void; onJoined(meeting: MeetingSummary): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      onJoined(await api.call('meetings.join', { hubUrl: value('hubUrl'), code: value('code'), name: value('name') }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      titleId="join-title"
      title={t('join.title')}
      description={t('join.description')}
      error={error}
      busy={busy}
      submitLabel={t('join.submit')}
      busyLabel={t('join.joining')}
      cancelLabel={t('join.cancel')}
      onSubmit={(form) => void submit(form)}
      onClose={onClose}
    >
      {FIELDS.map((field) => (
        <label key={field.name} className="field field--text">
          <span className="field__label">{t(field.label)}</span>
          <input name={field.name} placeholder={t(field.placeholder)} required autoFocus={field.name === 'hubUrl'} spellCheck={false} />
        </label>
      ))}
    </FormDialog>
  );
}
