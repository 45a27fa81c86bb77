import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VersionStatus } from '../../../shared/model/versions';
import { useApp } from '../../app/context';
import { FormDialog } from '../../ui/FormDialog';

/** Save version (Ctrl+S): a label such as "Rev.2" and where the text stands. */
export function SaveVersionDialog({
  documentId,
  suggestedLabel,
  onSaved,
  onClose,
}: {
  documentId: string;
  suggestedLabel: string;
  onSaved(label: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const label = String(data.get('label') ?? '').trim();
    if (!label) {
      setError(t('versions.labelRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.call('versions.save', { documentId, label, status: VersionStatus.parse(data.get('status')) });
      onSaved(label);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      titleId="save-version-title"
      title={t('versions.saveTitle')}
      description={t('versions.saveDescription')}
      error={error}
      busy={busy}
      submitLabel={t('versions.save')}
      busyLabel={t('versions.saving')}
      cancelLabel={t('versions.cancel')}
      onSubmit={(form) => void submit(form)}
      onClose={onClose}
    >
      <label className="field field--text">
        <span>{t('versions.label')}</span>
        <input name="label" type="text" defaultValue={suggestedLabel} maxLength={120} autoFocus required />
      </label>
      <label className="field field--text">
        <span>{t('versions.status')}</span>
        <select name="status" defaultValue="draft">
          {VersionStatus.options.map((status) => (
            <option key={status} value={status}>
              {t(`versions.statuses.${status}`)}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}
