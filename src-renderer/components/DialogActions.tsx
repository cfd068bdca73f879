// The row that ends a dialog: a way out, then the dialog's one action. While the action runs its button stays
// focusable and says so (aria-disabled, its pending words), and a repeat press does nothing.
interface Props {
  /** "Cancel" before anything happened, "Close" where the dialog reports an outcome and stays. */
  readonly closeLabel: 'Cancel' | 'Close';
  readonly onClose: () => void;
  readonly label: string;
  readonly pendingLabel: string;
  readonly pending: boolean;
  readonly onRun: () => void;
  /** The action takes first focus when the dialog opens. */
  readonly autoFocus?: boolean;
}

export function DialogActions({ closeLabel, onClose, label, pendingLabel, pending, onRun, autoFocus }: Props) {
  return (
    <div className="button-row button-row--end">
      <button type="button" className="button" onClick={onClose}>
        {closeLabel}
      </button>
      <button
        type="button"
        className="button button--primary"
        aria-disabled={pending}
        onClick={() => !pending && onRun()}
        data-autofocus={autoFocus ? true : undefined}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
