import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccordError } from '../../../shared/api/errors';
import { looksLikeJoinLink, parseJoinLink } from '../../../shared/model/joinLink';
import { useApp } from '../../app/context';
import { type HostingPlan, HostingPlanView } from './HostingPlanView';

type Destination = 'hub' | 'lan';
type Moved = ({ kind: 'hub'; hubUrl: string; stillHosted: boolean } | { kind: 'lan'; addresses: string[]; leftHub: boolean }) & { carried: number; refused: number };

/**
 * The secretariat moves the meeting: from this laptop hosting it, or from its hub, to an online hub;
 * or from its hub to this laptop. The invitations go with it and a notice tells every participant's
 * app where it went, so nobody joins again. `canHostHere`: it is shared through a hub and not hosted
 * here, so it can come here.
 */
export function MoveMeetingDialog({ meetingId, canHostHere, onClose }: { meetingId: string; canHostHere: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const [destination, setDestination] = useState<Destination>('hub');
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [plan, setPlan] = useState<HostingPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [moved, setMoved] = useState<Moved | null>(null);
  // The hub it leaves is out of reach: its codes would stay behind, which is asked before it is done.
  const [confirmWithout, setConfirmWithout] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    if (destination === 'lan' && !plan) api.call('meetings.hostingPlan', { meetingId }).then(setPlan, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, destination, meetingId, plan]);

  // A join link for the new hub, pasted whole, gives both its address and the code.
  const paste = (value: string, field: 'hubUrl' | 'code') => {
    const parsed = looksLikeJoinLink(value) ? parseJoinLink(value) : null;
    if (parsed?.ok) {
      setHubUrl(parsed.hubUrl);
      setCode(parsed.code);
    } else if (field === 'hubUrl') setHubUrl(value);
    else setCode(value);
  };

  const submit = async (event?: FormEvent, withoutOldInvitations?: true) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    setConfirmWithout(null);
    const without = withoutOldInvitations ? { withoutOldInvitations } : {};
    try {
      if (destination === 'hub') {
        const result = await api.call('meetings.moveToHub', { meetingId, hubUrl: hubUrl.trim(), code: code.trim(), ...without });
        setMoved({ kind: 'hub', hubUrl: result.hubUrl, carried: result.carried.added + result.carried.kept, refused: result.carried.refused, stillHosted: result.stillHosted });
      } else {
        const result = await api.call('meetings.moveToLan', { meetingId, ...without });
        setMoved({ kind: 'lan', addresses: result.addresses, carried: result.carried.added + result.carried.kept, refused: result.carried.refused, leftHub: result.leftHub });
      }
    } catch (e) {
      if (e instanceof AccordError && e.code === 'needs_confirmation') setConfirmWithout(e.message);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (moved) {
    return (
      <dialog ref={dialog} className="dialog" aria-labelledby="move-title" onClose={onClose}>
        <h2 id="move-title">{t('move.doneTitle')}</h2>
        <div role="status">
          {moved.kind === 'hub' ? (
            <>
              <p>{t('move.movedToHub', { hub: moved.hubUrl, count: moved.carried })}</p>
              {moved.stillHosted && <p className="banner banner--info">{t('move.stillHosted')}</p>}
            </>
          ) : (
            <>
              <p>{t('move.movedHere', { count: moved.carried })}</p>
              <ul className="addresses" aria-label={t('host.addresses')}>
                {moved.addresses.map((address) => (
                  <li key={address}>
                    <code>{address}</code>
                  </li>
                ))}
              </ul>
              {!moved.leftHub && <p className="banner banner--info">{t('move.hubNotTold')}</p>}
            </>
          )}
          {moved.refused > 0 && <p className="banner banner--warning">{t('move.refused', { count: moved.refused })}</p>}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={() => dialog.current?.close()}>
            {t('move.close')}
          </button>
        </div>
      </dialog>
    );
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="move-title" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="move-title">{t('move.title')}</h2>
        <p className="dialog__description">{t('move.description')}</p>
        <fieldset className="choice-list move__where">
          <legend className="field__label">{t('move.where')}</legend>
          {(canHostHere ? (['hub', 'lan'] as const) : (['hub'] as const)).map((choice) => (
            <label key={choice} className="choice">
              <input type="radio" name="destination" value={choice} checked={destination === choice} onChange={() => setDestination(choice)} />
              <span>
                <strong>{t(choice === 'hub' ? 'move.toHub' : 'move.toLan')}</strong>
                <span className="choice__hint">{t(choice === 'hub' ? 'move.toHubHint' : 'move.toLanHint')}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {destination === 'hub' ? (
          <div className="form-grid">
            <label className="field field--text">
              <span className="field__label">{t('move.hubUrl')}</span>
              <input value={hubUrl} onChange={(event) => paste(event.target.value, 'hubUrl')} placeholder={t('move.hubUrlPlaceholder')} required autoFocus spellCheck={false} />
            </label>
            <label className="field field--text">
              <span className="field__label">{t('move.code')}</span>
              <input value={code} onChange={(event) => paste(event.target.value, 'code')} placeholder={t('join.codePlaceholder')} required spellCheck={false} aria-describedby="move-code-hint" />
              <span id="move-code-hint" className="field__hint">
                {t('move.codeHint', { meetingId })}
              </span>
            </label>
          </div>
        ) : (
          plan && (
            <>
              <HostingPlanView plan={plan} />
              <p className="dialog__description">{t('move.lanWhat')}</p>
            </>
          )
        )}
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
        {confirmWithout && (
          <div role="alert" className="banner banner--warning banner--confirm">
            <p className="banner__text">{confirmWithout}</p>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void submit(undefined, true)}>
              {t('move.withoutInvitations')}
            </button>
          </div>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('move.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || (destination === 'hub' && (!hubUrl.trim() || !code.trim()))}>
            {busy ? t('move.moving') : t('move.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
