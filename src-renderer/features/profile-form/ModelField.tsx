// The model: typed by hand, or picked from the list the server offers ("Load models" asks the server with
// the form's current values, before anything is saved).
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Field } from '../../components/Field.js';
import { FormTextField } from './FormTextField.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { isNotForChat, modelOptionText, modelsDraft, type FormValues } from './form-model.js';

interface Props {
  readonly values: FormValues;
  readonly profile: ProfileView | null;
  readonly error?: string | undefined;
  readonly onChange: (patch: Partial<FormValues>) => void;
}

export function ModelField({ values, profile, error, onChange }: Props) {
  const trpc = useTRPC();
  const load = useAppMutation(trpc.profiles.models.mutationOptions());
  const models = load.data?.models ?? [];
  const forChat = models.filter((m) => !isNotForChat(m));
  const notForChat = models.filter(isNotForChat);

  const loadModels = () => load.run({ ...(profile && { id: profile.id }), draft: modelsDraft(values, profile) });

  return (
    <div className="model-field">
      <div className="model-field__row">
        <FormTextField
          form={{ values, change: onChange, errors: error ? { model: error } : {} }}
          name="model"
          label="Model"
          hint="The model name exactly as the server knows it."
          required
        />
        <button
          type="button"
          className="button model-field__load"
          onClick={() => !load.pending && void loadModels()}
          aria-disabled={load.pending}
        >
          {load.pending ? 'Loading models…' : 'Load models'}
        </button>
      </div>
      {models.length > 0 ? (
        <Field label={`Models on this server (${models.length})`} fieldName="modelPicker">
          <select
            value={models.some((m) => m.id === values.model) ? values.model : ''}
            onChange={(e) => e.target.value && onChange({ model: e.target.value })}
          >
            <option value="">Choose a model…</option>
            {forChat.map((m) => (
              <option key={m.id} value={m.id}>
                {modelOptionText(m)}
              </option>
            ))}
            {notForChat.length > 0 ? (
              <optgroup label="Not chat models (embedding, image, audio)">
                {notForChat.map((m) => (
                  <option key={m.id} value={m.id}>
                    {modelOptionText(m)}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </Field>
      ) : null}
      {load.data?.truncated ? (
        <p className="field__hint">
          The server offers more models than the app lists; only the first {models.length.toLocaleString()} are shown.
          Type the name if yours is not among them.
        </p>
      ) : null}
      {models.length > 0 ? null : load.data ? (
        <p className="field__hint" role="status">
          The server lists no models.
        </p>
      ) : null}
      {load.error ? <ErrorNotice error={load.error} title="Could not load the models" /> : null}
    </div>
  );
}
