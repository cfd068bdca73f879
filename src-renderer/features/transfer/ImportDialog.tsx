// The import preview: every entry of the chosen file as new, same name (rename, skip or replace the saved one) or
// invalid (with each problem by its field), and what each will need (consent, a key). Nothing is written until
// "Import"; what the preview says is what the import does. Keys sealed in the file come with a passphrase.
import { useId, useRef, useState } from 'react';
import type { ImportChosen, ImportDecision, ImportEntry, ImportResult } from '../../../shared/transfer.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogActions } from '../../components/DialogActions.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

type Chosen = Extract<ImportChosen, { status: 'chosen' }>;
type Choice = { action: 'rename' | 'skip' | 'replace'; name: string };

interface Props {
  readonly file: Chosen;
  readonly onClose: () => void;
  readonly onImported: (result: ImportResult) => void;
}

const FIELD_WORDS: Readonly<Record<string, string>> = { baseUrl: 'Server address', kind: 'Provider', name: 'Name' };

export function ImportDialog({ file, onClose, onImported }: Props) {
  const trpc = useTRPC();
  const unlock = useAppMutation(trpc.transfer.previewImport.mutationOptions());
  const commit = useAppMutation(trpc.transfer.commitImport.mutationOptions());
  const [preview, setPreview] = useState(file.preview);
  const [passphrase, setPassphrase] = useState('');
  const [choices, setChoices] = useState<Record<number, Choice>>(() =>
    Object.fromEntries(
      file.preview.entries
        .filter((e) => e.status === 'same-name')
        .map((e) => [e.index, { action: 'rename', name: `${e.name} (imported)` }]),
    ),
  );
  const ids = useId();
  const keysRef = useRef<HTMLDivElement>(null);
  const willImport = preview.entries.filter(
    (e) => e.status === 'new' || (e.status === 'same-name' && choices[e.index]?.action !== 'skip'),
  ).length;

  const unlockKeys = async () => {
    if (unlock.pending) return;
    const next = await unlock.run({ token: file.token, passphrase });
    if (!next) return;
    // The passphrase field and this button go: focus moves to the words that say the keys are unlocked first.
    keysRef.current?.focus();
    setPreview(next);
  };
  const run = async () => {
    const decisions: ImportDecision[] = Object.entries(choices).map(([index, c]) =>
      c.action === 'rename'
        ? { index: Number(index), action: 'rename', name: c.name }
        : { index: Number(index), action: c.action },
    );
    const result = await commit.run({
      token: file.token,
      revision: preview.revision,
      decisions,
      ...(preview.secretsLocked || passphrase === '' ? {} : { passphrase }),
    });
    if (result) onImported(result);
  };

  return (
    <Dialog title={`Import from ${file.fileName}`} open onClose={onClose} wide>
      <p className="muted">
        Exported {new Date(preview.exportedAt).toLocaleString()} by version {preview.appVersion}. Nothing is changed
        until you choose Import.
      </p>
      {file.preview.secretsLocked ? (
        // Stays when the keys are unlocked (only what is in it changes), so it holds focus as its button goes.
        <div className="form-section" tabIndex={-1} ref={keysRef} role="group" aria-label="Sealed keys">
          {preview.secretsLocked ? (
            <>
              <p>
                This file holds keys sealed under a passphrase. Type it to bring them along, or import without them.
              </p>
              <div className="key-field__entry">
                <div className="field">
                  <label htmlFor={`${ids}-pass`}>Passphrase</label>
                  <input
                    id={`${ids}-pass`}
                    type="password"
                    autoComplete="off"
                    value={passphrase}
                    onChange={(e) => setPassphrase(e.target.value)}
                  />
                </div>
                <button
                  type="button"
                  className="button"
                  aria-disabled={unlock.pending}
                  onClick={() => void unlockKeys()}
                >
                  {unlock.pending ? 'Unlocking…' : 'Unlock the keys'}
                </button>
              </div>
              {unlock.error ? <ErrorNotice error={unlock.error} title="The keys were not unlocked" /> : null}
            </>
          ) : (
            <p>The keys are unlocked: they come along with the profiles.</p>
          )}
        </div>
      ) : null}
      <ul className="import-list" aria-label="Profiles in the file">
        {preview.entries.map((entry) => (
          <ImportRow
            key={entry.index}
            entry={entry}
            choice={choices[entry.index]}
            onChoice={(c) => setChoices({ ...choices, [entry.index]: c })}
          />
        ))}
      </ul>
      {commit.error ? <ErrorNotice error={commit.error} title="Nothing was imported" /> : null}
      <DialogActions
        closeLabel="Cancel"
        onClose={onClose}
        label={`Import ${willImport} profile${willImport === 1 ? '' : 's'}`}
        pendingLabel="Importing…"
        pending={commit.pending}
        onRun={() => void run()}
      />
    </Dialog>
  );
}

function ImportRow({
  entry,
  choice,
  onChoice,
}: {
  readonly entry: ImportEntry;
  readonly choice: Choice | undefined;
  readonly onChoice: (c: Choice) => void;
}) {
  const group = useId();
  const needs = [
    entry.needsConsent ? 'asks for consent before it is used' : null,
    entry.needsKey ? 'needs a key added after import' : null,
    entry.bringsSecrets ? 'its key comes along' : null,
  ].filter((n): n is string => n !== null);
  return (
    <li className="import-row" data-status={entry.status}>
      <h3 className="import-row__name">
        {entry.name || `Entry ${entry.index + 1}`}{' '}
        <span className={`badge ${entry.status === 'invalid' ? 'badge--remote' : 'badge--info'}`}>
          {entry.status === 'new' ? 'New' : entry.status === 'same-name' ? 'Name already used' : 'Cannot be imported'}
        </span>
      </h3>
      {needs.length > 0 ? <p className="muted">This profile {needs.join('; ')}.</p> : null}
      {entry.status === 'invalid' ? (
        <ul className="import-row__problems">
          {entry.problems.map((p) => (
            <li key={p.field + p.message}>
              {FIELD_WORDS[p.field] ?? p.field}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {entry.status === 'same-name' && choice ? (
        <fieldset className="import-row__choice">
          <legend>You already have “{entry.name}”. What should happen?</legend>
          {(['rename', 'skip', 'replace'] as const).map((action) => (
            <div className="field field--checkbox" key={action}>
              <input
                type="radio"
                id={`${group}-${action}`}
                name={group}
                checked={choice.action === action}
                onChange={() => onChoice({ ...choice, action })}
              />
              <label htmlFor={`${group}-${action}`}>
                {action === 'rename'
                  ? 'Import it under another name'
                  : action === 'skip'
                    ? 'Skip it'
                    : 'Replace the saved one'}
              </label>
            </div>
          ))}
          {choice.action === 'rename' ? (
            <div className="field">
              <label htmlFor={`${group}-name`}>New name for “{entry.name}”</label>
              <input
                id={`${group}-name`}
                type="text"
                value={choice.name}
                onChange={(e) => onChoice({ ...choice, name: e.target.value })}
              />
            </div>
          ) : null}
        </fieldset>
      ) : null}
    </li>
  );
}
