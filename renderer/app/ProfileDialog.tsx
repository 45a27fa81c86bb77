import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProfileText } from '../../shared/model/settings';
import { FormDialog } from '../ui/FormDialog';
import { useApp } from './context';

/** This person's own name and delegation, for the meetings this computer holds or hosts. */
export function ProfileDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { profile, setProfile } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = ProfileText.safeParse(String(data.get('name') ?? ''));
    const delegation = ProfileText.safeParse(String(data.get('delegation') ?? ''));
    if (!name.success || !delegation.success) return setError((name.error ?? delegation.error)!.issues[0]!.message);
    setBusy(true);
    try {
      await setProfile({ name: name.data, delegation: delegation.data });
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      titleId="profile-title"
      title={t('profile.title')}
      description={t('profile.description')}
      error={error}
      busy={busy}
      submitLabel={t('profile.save')}
      busyLabel={t('profile.saving')}
      cancelLabel={t('profile.cancel')}
      onSubmit={(form) => void submit(form)}
      onClose={onClose}
    >
      <label className="field field--text">
        <span className="field__label">{t('profile.name')}</span>
        <input name="name" type="text" defaultValue={profile.name} placeholder={t('profile.namePlaceholder')} maxLength={100} autoFocus />
      </label>
      <label className="field field--text">
        <span className="field__label">{t('profile.delegation')}</span>
        <input name="delegation" type="text" defaultValue={profile.delegation} placeholder={t('profile.delegationPlaceholder')} maxLength={100} />
      </label>
    </FormDialog>
  );
}
