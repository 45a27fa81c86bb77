import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';

export interface FormDialogProps {
  /** Element id of the heading, which names the dialog for assistive technology. */
  titleId: string;
  title: string;
  description: string;
  /** A problem with the whole form (field problems sit by their fields). */
  error: string | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  cancelLabel: string;
  onSubmit(form: HTMLFormElement): void;
  onClose(): void;
  children: ReactNode;
}

/** A modal form (native <dialog>): Escape and Cancel close it, Enter submits. */
export function FormDialog(props: FormDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit(event.currentTarget);
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={props.titleId} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={props.titleId}>{props.title}</h2>
        <p className="dialog__description">{props.description}</p>
        <div className="form-grid">{props.children}</div>
        {props.error && (
          <p role="alert" className="field__error">
            {props.error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {props.cancelLabel}
          </button>
          <button type="submit" className="button button--primary" disabled={props.busy}>
            {props.busy ? props.busyLabel : props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
