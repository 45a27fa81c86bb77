import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Delegation, DelegationInput } from '../../../shared/model/delegations';
import { FormDialog } from '../../ui/FormDialog';

type Field = keyof DelegationInput;
type Errors = Partial<Record<Field | 'form', string>>;

export interface DelegationDialogProps {
  /** The delegation being edited; a new one is added without it. */
  editing: Delegation | null;
  /** Whether another delegation is listed under this name (the one edited aside). */
  isListed(name: string): boolean;
  /** Writes the delegation; a thrown error is shown in the dialog, which then stays open. */
  onSave(input: DelegationInput): void;
  onClose(): void;
}

/** Adding or editing one delegation: its city and its head, checked as every write checks them. */
export function DelegationDialog({ editing, isListed, onSave, onClose }: DelegationDialogProps) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Errors>({});

  const submit = (form: HTMLFormElement) => {
    const raw = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    const parsed = DelegationInput.safeParse({ name: raw.name ?? '', headName: raw.headName ?? '', headTitle: raw.headTitle ?? '' });
    if (!parsed.success) {
      // The schema's own messages are English; the form says the same in the user's language.
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        if (field && !next[field]) next[field] = t(issue.code === 'too_big' ? 'delegations.tooLong' : 'delegations.required');
      }
      setErrors(next);
      return;
    }
    if (isListed(parsed.data.name)) {
      setErrors({ name: t('delegations.duplicate', { name: parsed.data.name }) });
      return;
    }
    try {
      onSave(parsed.data);
      form.closest('dialog')?.close();
    } catch (error) {
      setErrors({ form: t('delegations.notSaved', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const field = (name: Field, label: string, placeholder: string, value: string, required = false) => (
    <label className="field field--text">
      <span className="field__label">{t(label)}</span>
      <input
        type="text"
        name={name}
        defaultValue={value}
        placeholder={t(placeholder)}
        required={required}
        autoFocus={required}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `delegation-${name}-error` : undefined}
      />
      {errors[name] && (
        <span id={`delegation-${name}-error`} className="field__error">
          {errors[name]}
        </span>
      )}
    </label>
  );

  return (
    <FormDialog
      titleId="delegation-dialog-title"
      title={editing ? t('delegations.editTitle') : t('delegations.addTitle')}
      description={t('delegations.dialogDescription')}
      error={errors.form ?? null}
      busy={false}
      submitLabel={editing ? t('delegations.save') : t('delegations.addSubmit')}
      busyLabel={t('delegations.saving')}
      cancelLabel={t('delegations.cancel')}
      onSubmit={submit}
      onClose={onClose}
    >
      {field('name', 'delegations.fieldName', 'delegations.fieldNamePlaceholder', editing?.name ?? '', true)}
      {field('headName', 'delegations.fieldHeadName', 'delegations.fieldHeadNamePlaceholder', editing?.headName ?? '')}
      {field('headTitle', 'delegations.fieldHeadTitle', 'delegations.fieldHeadTitlePlaceholder', editing?.headTitle ?? '')}
    </FormDialog>
  );
}
