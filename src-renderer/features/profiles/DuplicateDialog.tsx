// "Duplicate": a copy under a free "… (copy)" name. It never holds consent (a copy that sends elsewhere asks before
// it is used), and the saved key and other secrets go along only when the learner ticks the box.
import { useId, useState } from 'react';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogActions } from '../../components/DialogActions.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

interface Props {
  readonly profile: ProfileView;
  readonly onClose: () => void;
  readonly onDuplicated: (copy: ProfileView) => void;
}

export function DuplicateDialog({ profile, onClose, onDuplicated }: Props) {
  const trpc = useTRPC();
  const duplicate = useAppMutation(trpc.profiles.duplicate.mutationOptions());
  const [keepSecrets, setKeepSecrets] = useState(false);
  const checkboxId = useId();
  const secrets = [
    profile.hasApiKey ? 'API key' : null,
    profile.headerNames.length > 0 ? 'extra header values' : null,
    profile.proxyPasswordSaved ? 'proxy password' : null,
  ].filter((s): s is string => s !== null);
  const run = async () => {
    const copy = await duplicate.run({ id: profile.id, ...(keepSecrets && { keepSecrets: true }) });
    if (copy) onDuplicated(copy);
  };
  return (
    <Dialog title={`Duplicate ${profile.name}`} open onClose={onClose}>
      <p>
        The copy has the same settings under a new name you can change.
        {profile.location === 'remote' ? ' It will ask before it sends anything, as a new profile does.' : ''}
      </p>
      {secrets.length > 0 ? (
        <div className="field field--checkbox">
          <input
            id={checkboxId}
            type="checkbox"
            checked={keepSecrets}
            onChange={(e) => setKeepSecrets(e.target.checked)}
          />
          <label htmlFor={checkboxId}>Copy the saved {secrets.join(', ')} too</label>
        </div>
      ) : null}
      {duplicate.error ? <ErrorNotice error={duplicate.error} title="The profile was not duplicated" /> : null}
      <DialogActions
        closeLabel="Cancel"
        onClose={onClose}
        label="Duplicate"
        pendingLabel="Duplicating…"
        pending={duplicate.pending}
        onRun={() => void run()}
        autoFocus
      />
    </Dialog>
  );
}
