import { useId, useRef, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../api/client';
import { ErrorNote } from '../../ui/states';

/**
 * A step that ends the dispute for good, asked again in a native modal dialog: it holds the focus
 * while open, Escape closes it, and the focus goes back to the button that opened it. The API's
 * refusal shows inside the dialog, next to the button that sent it.
 */
export function ConfirmDialog({
  opener,
  title,
  confirm,
  keep,
  pending,
  error,
  onOpen,
  onConfirm,
  children,
}: {
  opener: string;
  title: string;
  confirm: string;
  keep: string;
  pending: boolean;
  error: ApiError | null;
  onOpen: () => void;
  /** Resolves true when the step was recorded (the dialog then closes). */
  onConfirm: () => Promise<boolean>;
  children: ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onConfirm()) dialog.current?.close();
  };
  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => {
          onOpen();
          dialog.current?.showModal();
        }}
      >
        {opener}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} className="confirm-dialog">
        <form onSubmit={(event) => void submit(event)}>
          <h2 id={`${id}-title`}>{title}</h2>
          <div id={`${id}-what`}>{children}</div>
          <ErrorNote error={error} />
          <div className="dialog-buttons">
            <button type="button" className="quiet" onClick={() => dialog.current?.close()}>
              {keep}
            </button>
            <button type="submit" className="danger" disabled={pending}>
              {confirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
