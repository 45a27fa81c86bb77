import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Language } from '../../../shared/model/settings';
import { useApp } from '../../app/context';
import { FormDialog } from '../../ui/FormDialog';

export type DraftChoice = 'meeting' | 'blank';

interface Props {
  busy: boolean;
  error: string | null;
  onCreate(draft: DraftChoice, language: Language): void;
  onClose(): void;
}

/** New declaration: a draft whose fixed parts are written from the meeting, or a blank page. */
export function NewDeclarationDialog({ busy, error, onCreate, onClose }: Props) {
  const { t } = useTranslation();
  const { language: uiLanguage } = useApp();
  const [draft, setDraft] = useState<DraftChoice>('meeting');
  const [language, setLanguage] = useState<Language>(uiLanguage);
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
      onSubmit={() => onCreate(draft, language)}
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
      <label className="field field--text">
        <span className="field__label">{t('newDeclaration.language')}</span>
        <select value={language} onChange={(event) => setLanguage(Language.parse(event.target.value))} aria-describedby="new-declaration-language-hint">
          {Language.options.map((option) => (
            <option key={option} value={option}>
              {t(`languages.${option}`)}
            </option>
          ))}
        </select>
        <span id="new-declaration-language-hint" className="field__hint">
          {t('newDeclaration.languageHint')}
        </span>
      </label>
    </FormDialog>
  );
}
