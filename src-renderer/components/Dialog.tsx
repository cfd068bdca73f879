// A modal built on the native <dialog>: the browser traps focus, closes on Escape and restores focus to the
// opener, which is what keyboard and screen-reader users expect. Labelled by its heading. The first focus goes
// to the element the caller names (initialFocus), else to one marked data-autofocus, else to the first focusable
// element (the close button).
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
  readonly describedBy?: string;
  /** The id of the element to focus first (a form's first field, or the field a fix is about). */
  readonly initialFocus?: string | undefined;
}

export function Dialog({ title, open, onClose, children, wide, describedBy, initialFocus }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // A layout effect: its clean-up runs in the same commit that removes the dialog, so focus is back on the
  // opener before anything (a screen reader, a paint) can see it on <body>.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    // The dialog is often unmounted rather than closed, which would drop focus on <body>: put it back on
    // whatever opened the dialog, if that is still on the page.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // React's autoFocus fires before showModal(); an element can ask for first focus with data-autofocus, or the
    // dialog's opener can name one.
    const first = initialFocus ? document.getElementById(initialFocus) : null;
    (first && dialog.contains(first) ? first : dialog.querySelector<HTMLElement>('[data-autofocus]'))?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
    // Only opening decides first focus; a later change of initialFocus must not move it.
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="dialog__body">
          <div className="dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button button--ghost" onClick={onClose} aria-label={`Close: ${title}`}>
              ×
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
