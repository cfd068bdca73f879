// "Save diagnostics for support": what goes in the zip, in plain words, whether the learner's profile names go
// too, and where it was saved. Main builds and saves it; a bundle that would carry a secret is refused there.
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { DialogActions } from '../../components/DialogActions.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

export function SupportDialog({ onClose }: { readonly onClose: () => void }) {
  const trpc = useTRPC();
  const save = useAppMutation(trpc.support.saveBundle.mutationOptions());
  const [includeNames, setIncludeNames] = useState(false);
  const [said, setSaid] = useState('');
  const checkboxId = useId();
  const run = async () => {
    const outcome = await save.run({ ...(includeNames && { includeNames: true }) });
    if (!outcome) return;
    setSaid(
      outcome.status === 'saved'
        ? `Saved ${outcome.fileName} with ${outcome.files.length} files. Send it to whoever is helping you.`
        : 'Not saved: no file was chosen.',
    );
  };
  return (
    <Dialog title="Save diagnostics for support" open onClose={onClose}>
      <p>One zip file for a teacher or helper to look at:</p>
      <ul>
        <li>the app&apos;s diagnostics logs (never any key);</li>
        <li>the versions of the app and your operating system;</li>
        <li>whether secure storage works;</li>
        <li>for each profile: the provider, model and server address, and whether a key is saved.</li>
      </ul>
      <p>Keys, extra header values and proxy passwords are never in it.</p>
      <div className="field field--checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={includeNames}
          onChange={(e) => setIncludeNames(e.target.checked)}
        />
        <label htmlFor={checkboxId}>Include my profile names (otherwise “Profile 1”, “Profile 2”, …)</label>
      </div>
      {save.error ? <ErrorNotice error={save.error} title="The bundle was not saved" /> : null}
      <p role="status" data-testid="support-outcome">
        {said}
      </p>
      <DialogActions
        closeLabel="Close"
        onClose={onClose}
        label="Save the zip…"
        pendingLabel="Saving…"
        pending={save.pending}
        onRun={() => void run()}
      />
    </Dialog>
  );
}
