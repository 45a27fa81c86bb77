import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/FormDialog';

export type DraftChoice = 'meeting' | 'blank';

interface Props {
  busy: boolean;
  error: string | null;
  onCreate(draft: DraftChoice): void;
  onClose(): void;
}

/** New declaration: a draft whose fixed parts are written from the meeting, or a blank page. */
export function NewDeclarationDialog({ busy, error, onCreate, onClose }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DraftChoice>('meeting');
  return (
    <FormDialog
      titleId="new-declaration-title"
      title={t('newDeclaration.title')}
      description={t('newDeclaration.description')}
      error={error}
      busy={busy}
      submitLabel={t('newDeclaration.create')}
      busyLabel={t('newDeclaration.creating')}
      cancelLabel={t('newDeclaration.cancel')}
      onSubmit={() => onCreate(draft)}
      onClose={onClose}
    >
      <fieldset className="choice-list field--text">
        <legend className="visually-hidden">{t('newDeclaration.title')}</legend>
        {(['meeting', 'blank'] as const).map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name="draft" value={choice} checked={draft === choice} onChange={() => setDraft(choice)} />
            <span>
              <strong>{t(`newDeclaration.${choice}`)}</strong>
              <span className="choice__hint">{t(`newDeclaration.${choice}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}
