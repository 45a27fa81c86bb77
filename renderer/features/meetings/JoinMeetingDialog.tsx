import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type JoinLinkProblem, looksLikeJoinLink, parseJoinLink } from '../../../shared/model/joinLink';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { AccordError } from '../../../shared/api/errors';
import { useApp } from '../../app/context';
import { FormDialog } from '../../ui/FormDialog';

const FIELDS = [
  { name: 'hubUrl', label: 'join.hubUrl', placeholder: 'join.hubUrlPlaceholder' },
  { name: 'code', label: 'join.code', placeholder: 'join.codePlaceholder' },
] as const;

type LinkField = (typeof FIELDS)[number]['name'];

const PROBLEM_KEYS: Record<JoinLinkProblem, `hubInvitations.${string}`> = {
  malformed: 'hubInvitations.linkMalformed',
  scheme: 'hubInvitations.linkScheme',
  path: 'hubInvitations.linkPath',
  code: 'hubInvitations.linkCode',
};

/**
 * Joining a meeting: the hub's address, the code and one's name. A whole join link, pasted (or
 * typed) in the address or the code field, fills in both; a link that is not one is said so by
 * that field, and never sent anywhere.
 */
export function JoinMeetingDialog({ onClose, onJoined }: { onClose(): void; onJoined(meeting: MeetingSummary): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [values, setValues] = useState<Record<LinkField, string>>({ hubUrl: '', code: '' });
  const [linkState, setLinkState] = useState<{ field: LinkField; problem: JoinLinkProblem } | 'filled' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The meeting is held here through another hub, and no notice says it moved: asked, not done.
  const [confirmMove, setConfirmMove] = useState<string | null>(null);

  const change = (field: LinkField, value: string) => {
    if (looksLikeJoinLink(value)) {
      const parsed = parseJoinLink(value);
      if (parsed.ok) {
        setValues({ hubUrl: parsed.hubUrl, code: parsed.code });
        setLinkState('filled');
        return;
      }
      setLinkState({ field, problem: parsed.problem });
    } else if (linkState !== null && (linkState === 'filled' || linkState.field === field)) {
      setLinkState(null);
    }
    setValues((current) => ({ ...current, [field]: value }));
  };

  const [name, setName] = useState('');

  const submit = async (move?: true) => {
    if (linkState !== null && linkState !== 'filled') return;
    setBusy(true);
    setError(null);
    setConfirmMove(null);
    try {
      onJoined(await api.call('meetings.join', { hubUrl: values.hubUrl.trim(), code: values.code.trim(), name: name.trim(), ...(move ? { move } : {}) }));
    } catch (e) {
      if (e instanceof AccordError && e.code === 'needs_confirmation') setConfirmMove(e.message);
      else setError(e instanceof Error ? e.message : String(e));
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
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {FIELDS.map((field) => {
        const problem = linkState !== null && linkState !== 'filled' && linkState.field === field.name ? linkState.problem : null;
        return (
          <label key={field.name} className="field field--text">
            <span className="field__label">{t(field.label)}</span>
            <input
              name={field.name}
              value={values[field.name]}
              onChange={(event) => change(field.name, event.target.value)}
              placeholder={t(field.placeholder)}
              required
              autoFocus={field.name === 'hubUrl'}
              spellCheck={false}
              aria-invalid={problem !== null}
              aria-describedby={problem ? `join-${field.name}-problem` : undefined}
            />
            {problem && (
              <span id={`join-${field.name}-problem`} role="alert" className="field__error">
                {t(PROBLEM_KEYS[problem])}
              </span>
            )}
          </label>
        );
      })}
      {linkState === 'filled' && (
        <p role="status" className="field__hint">
          {t('hubInvitations.linkFilled')}
        </p>
      )}
      <label className="field field--text">
        <span className="field__label">{t('join.name')}</span>
        <input name="name" value={name} onChange={(event) => setName(event.target.value)} placeholder={t('join.namePlaceholder')} required spellCheck={false} />
      </label>
      {confirmMove && (
        <div role="alert" className="banner banner--warning banner--confirm">
          <p className="banner__text">{confirmMove}</p>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void submit(true)}>
            {t('join.confirmMove')}
          </button>
        </div>
      )}
    </FormDialog>
  );
}
