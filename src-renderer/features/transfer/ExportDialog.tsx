// "Export…": which profiles go in the file (all, to start), and whether their keys go too, sealed under a
// passphrase typed twice. The main process asks where to save; the outcome is said inside the dialog, and the
// button that started it stays where it is, so focus does not move.
import { useId, useState } from 'react';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { PASSPHRASE_MIN } from '../../../shared/transfer.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogActions } from '../../components/DialogActions.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

interface Props {
  readonly profiles: readonly ProfileView[];
  readonly onClose: () => void;
}

export function ExportDialog({ profiles, onClose }: Props) {
  const trpc = useTRPC();
  const save = useAppMutation(trpc.transfer.export.mutationOptions());
  const [chosen, setChosen] = useState(() => new Set(profiles.map((p) => p.id)));
  const [withKeys, setWithKeys] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [said, setSaid] = useState('');
  const ids = useId();
  const problem =
    chosen.size === 0
      ? 'Choose at least one profile.'
      : withKeys && passphrase.length < PASSPHRASE_MIN
        ? `Use a passphrase of at least ${PASSPHRASE_MIN} characters.`
        : withKeys && passphrase !== again
          ? 'The two passphrases are not the same.'
          : null;
  const [shownProblem, setShownProblem] = useState<string | null>(null);

  const run = async () => {
    if (problem) return setShownProblem(problem);
    setShownProblem(null);
    const all = chosen.size === profiles.length;
    const outcome = await save.run({
      ...(!all && { ids: profiles.filter((p) => chosen.has(p.id)).map((p) => p.id) }),
      ...(withKeys && { passphrase }),
    });
    if (!outcome) return;
    setSaid(
      outcome.status === 'saved'
        ? `Saved ${outcome.count} profile${outcome.count === 1 ? '' : 's'} to ${outcome.fileName}${withKeys ? ', keys sealed under your passphrase' : ', without keys'}.`
        : 'Not saved: no file was chosen.',
    );
  };

  return (
    <Dialog title="Export profiles" open onClose={onClose}>
      <p>
        Saves your profiles to one file you can open on another computer. Consent to send prompts is never in the file:
        each computer asks again.
      </p>
      <fieldset className="form-section">
        <legend>Profiles to export</legend>
        {profiles.map((p) => (
          <div className="field field--checkbox" key={p.id}>
            <input
              id={`${ids}-${p.id}`}
              type="checkbox"
              checked={chosen.has(p.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(p.id);
                else next.delete(p.id);
                setChosen(next);
              }}
            />
            <label htmlFor={`${ids}-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
      <div className="field field--checkbox">
        <input id={`${ids}-keys`} type="checkbox" checked={withKeys} onChange={(e) => setWithKeys(e.target.checked)} />
        <label htmlFor={`${ids}-keys`}>Include the API keys and other secrets, sealed under a passphrase</label>
      </div>
      {withKeys ? (
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${ids}-pass`}>Passphrase</label>
            <input
              id={`${ids}-pass`}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              aria-describedby={`${ids}-pass-hint`}
            />
            <p className="field__hint" id={`${ids}-pass-hint`}>
              At least {PASSPHRASE_MIN} characters. It is not saved anywhere: without it the keys cannot be read.
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-again`}>The passphrase again</label>
            <input
              id={`${ids}-again`}
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
          </div>
        </div>
      ) : (
        <p className="field__hint">Without it, the file has no keys: add them again on the other computer.</p>
      )}
      {shownProblem ? (
        <p className="field__error" role="alert">
          {shownProblem}
        </p>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} title="The profiles were not exported" /> : null}
      <p role="status" data-testid="export-outcome">
        {said}
      </p>
      <DialogActions
        closeLabel="Close"
        onClose={onClose}
        label="Save to a file…"
        pendingLabel="Saving…"
        pending={save.pending}
        onRun={() => void run()}
      />
    </Dialog>
  );
}
