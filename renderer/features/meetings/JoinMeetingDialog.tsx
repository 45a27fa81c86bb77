import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { useApp } from '../../app/context';

const FIELDS = [
  { name: 'hubUrl', label: 'join.hubUrl', placeholder: 'join.hubUrlPlaceholder' },
  { name: 'code', label: 'join.code', placeholder: 'join.codePlaceholder' },
  { name: 'name', label: 'join.name', placeholder: 'join.namePlaceholder' },
] as const;

export function JoinMeetingDialog({ onClose, onJoined }: { onClose(): void; onJoined(meeting: MeetingSummary): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
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
    <dialog ref={dialog} className="dialog" aria-labelledby="join-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="join-title">{t('join.title')}</h2>
        <p className="dialog__description">{t('join.description')}</p>
        <div className="form-grid">
          {FIELDS.map((field) => (
            <label key={field.name} className="field field--text">
              <span className="field__label">{t(field.label)}</span>
              <input name={field.name} placeholder={t(field.placeholder)} required autoFocus={field.name === 'hubUrl'} spellCheck={false} />
            </label>
          ))}
        </div>
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('join.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('join.joining') : t('join.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
