import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addDelegation,
  type Delegation,
  type DelegationInput,
  delegationKey,
  isDelegationListed,
  MAX_DELEGATIONS,
  moveDelegation,
  removeDelegation,
  updateDelegation,
} from '../../../shared/model/delegations';
import { holdsSecretariatParts } from '../../../shared/model/secretariatDoc';
import { FormDialog } from '../../ui/FormDialog';
import type { MeetingDocsHandle } from '../meetings/useMeetingDocs';
import { DelegationDialog } from './DelegationDialog';

type Dialog = { kind: 'add' } | { kind: 'edit'; delegation: Delegation } | { kind: 'remove'; delegation: Delegation } | null;
type FocusTarget = { id: string; part: 'row' | 'up' | 'down' };

/**
 * The meeting's delegations and their heads, kept by the secretariat in its doc, in the order
 * they are named wherever they are listed. Delegates and observers read it; the hub would drop
 * their changes to the secretariat's doc, so they are offered none.
 */
export function DelegationsPanel({
  docs,
  delegations,
  access,
}: {
  docs: MeetingDocsHandle | null;
  /** As useDelegations reads them from the secretariat's doc; null until it has arrived. */
  delegations: Delegation[] | null;
  access: 'unknown' | 'edit' | 'read';
}) {
  const { t } = useTranslation();
  const doc = docs?.docs?.secretariat ?? null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const table = useRef<HTMLTableElement>(null);
  const pendingFocus = useRef<FocusTarget | null>(null);
  // A legacy meeting's list becomes editable once main has copied its parts into the secretariat doc.
  const editable = delegations !== null && access === 'edit' && doc !== null && holdsSecretariatParts(doc);

  // A move re-inserts the row, which drops its focus: the keyboard user keeps it, and hears where it went.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target || !table.current || !delegations) return;
    pendingFocus.current = null;
    const row = table.current.querySelector<HTMLElement>(`tr[data-delegation="${CSS.escape(target.id)}"]`);
    const button = target.part === 'row' ? null : row?.querySelector<HTMLButtonElement>(`button[data-move="${target.part}"]`);
    (button && !button.disabled ? button : row)?.focus();
    const index = delegations.findIndex((d) => d.id === target.id);
    if (index >= 0) setAnnouncement(t('delegations.moved', { name: delegations[index]!.name, number: index + 1 }));
  });

  const change = (write: () => void) => {
    try {
      write();
      setError(null);
    } catch (failure) {
      setError(t('delegations.notSaved', { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  const move = (id: string, to: 'up' | 'down', part: FocusTarget['part']) => {
    if (!doc) return;
    change(() => {
      if (moveDelegation(doc, id, to)) pendingFocus.current = { id, part };
    });
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const part = (event.target as HTMLElement).dataset.move;
    move(id, event.key === 'ArrowUp' ? 'up' : 'down', part === 'up' || part === 'down' ? part : 'row');
  };

  const save = (input: DelegationInput) => {
    if (!doc || !dialog || !delegations) return;
    if (dialog.kind === 'add') {
      if (delegations.length >= MAX_DELEGATIONS) throw new Error(t('delegations.full', { limit: MAX_DELEGATIONS }));
      addDelegation(doc, crypto.randomUUID(), input);
    } else if (dialog.kind === 'edit' && !updateDelegation(doc, dialog.delegation.id, input)) {
      throw new Error(t('delegations.gone'));
    }
  };

  // A city two laptops listed at once shows twice until the secretariat removes one: say so on the later.
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const delegation of delegations ?? []) {
    const key = delegationKey(delegation.name);
    if (seen.has(key)) twice.add(delegation.id);
    seen.add(key);
  }

  const action = (label: string, symbol: string, onClick: () => void, extra: { move?: 'up' | 'down'; disabled?: boolean; danger?: boolean } = {}) => (
    <button
      type="button"
      className={`tool${extra.danger ? ' tool--danger' : ''}`}
      data-move={extra.move}
      disabled={extra.disabled}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      {symbol}
    </button>
  );

  return (
    <section className="delegations" aria-labelledby="delegations-heading">
      <div className="agenda__head">
        <h2 className="section-title" id="delegations-heading">
          {t('delegations.title')}
        </h2>
        {editable && (
          <button type="button" className="button button--secondary" onClick={() => setDialog({ kind: 'add' })}>
            {t('delegations.add')}
          </button>
        )}
      </div>
      {delegations !== null && access === 'read' && <p className="agenda__note">{t('delegations.readOnly')}</p>}
      <p className="agenda__sr-only" aria-live="polite">
        {announcement}
      </p>
      {error && (
        <div role="alert" className="inline-error">
          {error}
        </div>
      )}
      {delegations === null ? (
        <p className="empty">{t('delegations.loading')}</p>
      ) : delegations.length === 0 ? (
        <p className="empty">{editable ? t('delegations.empty') : t('delegations.emptyReadOnly')}</p>
      ) : (
        <>
          <div className="agenda__frame">
            <table
              ref={table}
              className="agenda__table delegations__table"
              aria-labelledby="delegations-heading"
              aria-describedby={editable ? 'delegations-hint' : undefined}
            >
              <thead>
                <tr>
                  <th scope="col" className="agenda__num">
                    {t('delegations.colNumber')}
                  </th>
                  <th scope="col">{t('delegations.colName')}</th>
                  <th scope="col">{t('delegations.colHead')}</th>
                  {editable && (
                    <th scope="col" className="agenda__actions">
                      <span className="agenda__sr-only">{t('delegations.colActions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {delegations.map((delegation, index) => (
                  <tr
                    key={delegation.id}
                    data-delegation={delegation.id}
                    className="agenda__row"
                    tabIndex={editable ? 0 : undefined}
                    onKeyDown={editable ? (event) => onRowKeyDown(event, delegation.id) : undefined}
                  >
                    <td className="agenda__num">{index + 1}</td>
                    <th scope="row" className="delegations__name">
                      {delegation.name}
                      {twice.has(delegation.id) && (
                        <span className="agenda__flag delegations__flag">
                          <span aria-hidden="true">⚠</span> {t('delegations.listedTwice')}
                        </span>
                      )}
                    </th>
                    <td className="delegations__head">
                      {delegation.headName || delegation.headTitle ? (
                        <>
                          {delegation.headName && <span className="delegations__head-name">{delegation.headName}</span>}
                          {delegation.headTitle && <span className="delegations__head-title">{delegation.headTitle}</span>}
                        </>
                      ) : (
                        <span className="delegations__unknown">{t('delegations.headUnknown')}</span>
                      )}
                    </td>
                    {editable && (
                      <td className="agenda__actions">
                        {action(t('delegations.moveUp', { name: delegation.name }), '↑', () => move(delegation.id, 'up', 'up'), {
                          move: 'up',
                          disabled: index === 0,
                        })}
                        {action(t('delegations.moveDown', { name: delegation.name }), '↓', () => move(delegation.id, 'down', 'down'), {
                          move: 'down',
                          disabled: index === delegations.length - 1,
                        })}
                        {action(t('delegations.edit', { name: delegation.name }), '✎', () => setDialog({ kind: 'edit', delegation }))}
                        {action(t('delegations.remove', { name: delegation.name }), '✕', () => setDialog({ kind: 'remove', delegation }), { danger: true })}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {editable && (
            <p id="delegations-hint" className="agenda__hint">
              {t('delegations.orderHint')}
            </p>
          )}
        </>
      )}
      {doc && (dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <DelegationDialog
          editing={dialog.kind === 'edit' ? dialog.delegation : null}
          isListed={(name) =>
            // Keeping its own name is never a duplicate, even of a city two laptops listed at once.
            dialog.kind === 'edit'
              ? delegationKey(name) !== delegationKey(dialog.delegation.name) && isDelegationListed(doc, name, dialog.delegation.id)
              : isDelegationListed(doc, name)
          }
          onSave={save}
          onClose={() => setDialog(null)}
        />
      )}
      {doc && dialog?.kind === 'remove' && (
        <FormDialog
          titleId="delegation-remove-title"
          title={t('delegations.removeTitle')}
          description={t('delegations.removeDescription', { name: dialog.delegation.name })}
          error={null}
          busy={false}
          submitLabel={t('delegations.removeSubmit')}
          busyLabel={t('delegations.removeSubmit')}
          cancelLabel={t('delegations.cancel')}
          onSubmit={(form) => {
            change(() => removeDelegation(doc, dialog.delegation.id));
            form.closest('dialog')?.close();
          }}
          onClose={() => setDialog(null)}
        >
          {null}
        </FormDialog>
      )}
    </section>
  );
}
