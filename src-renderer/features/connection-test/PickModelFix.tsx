// A test that failed because the server has no such model offers the models it does have, right there: the list
// is asked for when the failure shows, chat models first (the others marked and never preselected), and one
// button saves the chosen model and runs the test again. How many were found is announced; a failure to list
// them or to save shows as its own error.
import { useEffect, useId, useState } from 'react';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { useTRPC } from '../../app/trpc.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { chatFirst, isNotForChat, modelOptionText } from '../profile-form/model-picker.js';

interface Props {
  readonly profile: ProfileView;
  /** The profile now names the chosen model: test it. */
  readonly onPicked: (saved: ProfileView) => void;
}

export function PickModelFix({ profile, onPicked }: Props) {
  const trpc = useTRPC();
  const list = useAppMutation(trpc.profiles.models.mutationOptions());
  const save = useAppMutation(trpc.profiles.update.mutationOptions());
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  const { run } = list;
  useEffect(() => {
    void run({ id: profile.id }).then((found) => {
      const first = found?.models.find((m) => !isNotForChat(m) && m.id !== profile.model);
      if (first) setChosen(first.id);
    });
  }, [run, profile.id, profile.model]);

  const models = chatFirst(list.data?.models ?? []);
  const said = list.pending
    ? 'Asking the server for its models…'
    : list.data
      ? models.length === 0
        ? 'The server lists no models.'
        : `${models.length} model${models.length === 1 ? '' : 's'} found on the server.`
      : '';
  const use = async () => {
    if (save.pending || chosen === '') return;
    const saved = await save.run({ id: profile.id, expectedRevision: profile.revision, patch: { model: chosen } });
    if (saved) onPicked(saved);
  };

  return (
    <div className="fix fix--models">
      <p className="muted">{said}</p>
      <LiveRegion message={said} />
      {models.length > 0 ? (
        <div className="fix__row">
          <div className="field">
            <label htmlFor={selectId}>Models on this server</label>
            <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {chosen === '' ? <option value="">Choose a model…</option> : null}
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {modelOptionText(m)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button--primary"
            aria-disabled={save.pending || chosen === '' || undefined}
            onClick={() => void use()}
          >
            {save.pending ? 'Saving…' : 'Use this model and test again'}
          </button>
        </div>
      ) : null}
      {list.error ? <ErrorNotice error={list.error} title="Could not list the models" /> : null}
      {save.error ? <ErrorNotice error={save.error} title="The model was not saved" /> : null}
    </div>
  );
}
