import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../shared/declaration/model/bracketMarks';
import { FormDialog } from '../../ui/FormDialog';

export interface BracketRequest {
  proposers: string[];
  alternatives: Proposal[];
}

interface Props {
  /** The words being bracketed. */
  quote: string;
  /** The meeting's delegations to choose from; more can be typed in. */
  delegations: ReadonlyArray<string>;
  /** Who is asking, ticked by default. */
  ownDelegation: string | null;
  onSubmit(request: BracketRequest): void;
  onClose(): void;
}

function DelegationPicker({ legend, choices, chosen, onChange }: { legend: string; choices: ReadonlyArray<string>; chosen: ReadonlyArray<string>; onChange(next: string[]): void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState('');
  const all = [...new Set([...choices, ...chosen])];
  const toggle = (name: string, on: boolean) => onChange(on ? [...chosen, name] : chosen.filter((n) => n !== name));
  return (
    <fieldset className="picker field--text">
      <legend>{legend}</legend>
      {all.map((name) => (
        <label key={name} className="picker__choice">
          <input type="checkbox" checked={chosen.includes(name)} onChange={(event) => toggle(name, event.target.checked)} /> {name}
        </label>
      ))}
      <span className="picker__other">
        <input
          type="text"
          value={other}
          aria-label={t('brackets.otherDelegation', { legend })}
          placeholder={t('brackets.otherDelegationPlaceholder')}
          onChange={(event) => setOther(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            const name = other.trim();
            if (name && !chosen.includes(name)) onChange([...chosen, name]);
            setOther('');
          }}
        />
      </span>
    </fieldset>
  );
}

/** Select words, Bracket: who proposes them, and any alternative wordings with their proposers. */
export function BracketDialog({ quote, delegations, ownDelegation, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [proposers, setProposers] = useState<string[]>(ownDelegation ? [ownDelegation] : []);
  const [alternatives, setAlternatives] = useState<Proposal[]>([]);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const filled = alternatives.filter((a) => a.text.trim() !== '');
    if (proposers.length === 0 || filled.some((a) => a.proposers.length === 0)) return setError(t('brackets.needProposers'));
    onSubmit({ proposers, alternatives: filled.map((a) => ({ text: a.text.trim(), proposers: a.proposers })) });
  };

  return (
    <FormDialog
      titleId="bracket-title"
      title={t('brackets.title')}
      description={t('brackets.description', { text: quote })}
      error={error}
      busy={false}
      submitLabel={t('brackets.submit')}
      busyLabel={t('brackets.submit')}
      cancelLabel={t('brackets.cancel')}
      onSubmit={submit}
      onClose={onClose}
    >
      <DelegationPicker legend={t('brackets.proposedByLegend', { text: quote })} choices={delegations} chosen={proposers} onChange={setProposers} />
      {alternatives.map((alternative, index) => (
        <div key={index} className="field--text dialog__alternative">
          <label className="field">
            <span className="field__label">{t('brackets.alternativeLabel', { n: index + 2 })}</span>
            <input
              type="text"
              value={alternative.text}
              onChange={(event) => setAlternatives(alternatives.map((a, i) => (i === index ? { ...a, text: event.target.value } : a)))}
            />
          </label>
          <DelegationPicker
            legend={t('brackets.proposedByLegend', { text: alternative.text || '…' })}
            choices={delegations}
            chosen={alternative.proposers}
            onChange={(next) => setAlternatives(alternatives.map((a, i) => (i === index ? { ...a, proposers: next } : a)))}
          />
        </div>
      ))}
      <div className="field--text">
        <button type="button" className="button button--quiet" onClick={() => setAlternatives([...alternatives, { text: '', proposers: [] }])}>
          {t('brackets.addAlternative')}
        </button>
      </div>
    </FormDialog>
  );
}
