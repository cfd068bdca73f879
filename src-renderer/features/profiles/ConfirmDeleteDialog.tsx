// Deleting asks first, says what goes with it (the saved key), and reports a failure in place.
import { useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

interface Props {
  readonly profile: ProfileView;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
  readonly error: AppErrorData | null;
}

export function ConfirmDeleteDialog({ profile, onConfirm, onClose, error }: Props) {
  const [pending, setPending] = useState(false);
  return (
    <Dialog title={`Delete ${profile.name}?`} open onClose={onClose}>
      <p>
        The profile {profile.hasApiKey ? 'and its saved API key are' : 'is'} removed from this computer. This cannot be
        undone.
        {profile.isActive ? ' It is the active profile, so no profile will be active afterwards.' : ''}
      </p>
      {error ? <ErrorNotice error={error} title="The profile was not deleted" /> : null}
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Keep it
        </button>
        <button
          type="button"
          className="button button--danger"
          aria-disabled={pending}
          onClick={() => {
            if (pending) return;
            setPending(true);
            void onConfirm().finally(() => setPending(false));
          }}
        >
          Delete profile
        </button>
      </div>
    </Dialog>
  );
}
