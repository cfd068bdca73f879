// The model: one combobox (the ARIA APG editable combobox with list autocomplete). The box takes any name; its
// list is the server's own, asked with the form's unsaved values — by itself for a server on this computer (as
// the address settles), on "Load models" for one elsewhere, once its key and consent are given. Chat models come
// first, other kinds are marked, with what the server says of context and memory; an empty box gets a sensible
// model; "N models found" is announced in the dialog.
import { useEffect, useId, useRef, useState } from 'react';
import type { ListedModel } from '../../../shared/models.contract.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { consentScope } from '../../../shared/consent.js';
import { Field } from '../../components/Field.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorReference } from '../errors/ErrorReference.js';
import { modelsDraft, type FormValues } from './form-model.js';
import { isNotForChat, matchingModels, modelFacts, movedActive, suggestedModel } from './model-picker.js';

interface Props {
  readonly values: FormValues;
  readonly profile: ProfileView | null;
  readonly error?: string | undefined;
  readonly onChange: (patch: Partial<FormValues>) => void;
}

/** How long the address must stay still before a local server is asked for its models. */
const SETTLE_MS = 400;

interface Loaded {
  readonly signature: string;
  readonly models: readonly ListedModel[];
  readonly truncated: boolean;
}

export function ModelField({ values, profile, error, onChange }: Props) {
  const trpc = useTRPC();
  const load = useAppMutation(trpc.profiles.models.mutationOptions());
  const draft = modelsDraft(values, profile);
  const signature = JSON.stringify(draft);
  const latest = useRef(signature);
  latest.current = signature;
  const local = /^https?:\/\/./i.test(draft.baseUrl) && consentScope(draft.baseUrl) === null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [said, setSaid] = useState('');
  // The list shown is only ever the one for the values in the form now.
  const current = loaded?.signature === signature ? loaded : null;
  const models = current?.models ?? [];
  const model = useRef(values.model);
  model.current = values.model;

  const loadModels = async () => {
    const asked = signature;
    const list = await load.run({ ...(profile && { id: profile.id }), draft });
    // An answer for values the form no longer has is dropped.
    if (!list || latest.current !== asked) return;
    setLoaded({ signature: asked, models: list.models, truncated: list.truncated });
    const chat = list.models.filter((m) => !isNotForChat(m));
    setSaid(
      list.models.length === 0
        ? 'The server lists no models.'
        : `${list.models.length} model${list.models.length === 1 ? '' : 's'} found on the server${
            chat.length < list.models.length ? ', chat models first' : ''
          }.`,
    );
    const suggested = suggestedModel(list.models);
    if (model.current.trim() === '' && suggested) onChange({ model: suggested });
  };

  // A server on this computer is asked by itself once the address stops changing.
  useEffect(() => {
    if (!local) return;
    const timer = setTimeout(() => void loadModels(), SETTLE_MS);
    return () => clearTimeout(timer);
    // Asked again only when what would be sent changes.
  }, [local, signature]);

  return (
    <div className="model-field">
      <ModelCombobox values={values} models={models} error={error} onChange={onChange}>
        <button
          type="button"
          className="button model-field__load"
          onClick={() => !load.pending && void loadModels()}
          aria-disabled={load.pending}
        >
          {load.pending ? 'Loading models…' : current ? 'Load again' : 'Load models'}
        </button>
      </ModelCombobox>
      {current?.truncated ? (
        <p className="field__hint">
          The server offers more models than the app lists; only the first {models.length.toLocaleString()} are shown.
          Type the name if yours is not among them.
        </p>
      ) : null}
      {load.error && !current ? (
        // Quiet, not an alert: the learner did not ask for this when it happens by itself.
        <div className="model-field__problem" data-error-code={load.error.code}>
          <p>
            <strong>The model list could not be loaded.</strong> {load.error.message} {load.error.remediation} You can
            still type the model&apos;s name.
          </p>
          <ErrorReference correlationId={load.error.correlationId} />
        </div>
      ) : null}
      <LiveRegion message={said} />
    </div>
  );
}

interface ComboboxProps {
  readonly values: FormValues;
  readonly models: readonly ListedModel[];
  readonly error?: string | undefined;
  readonly onChange: (patch: Partial<FormValues>) => void;
  /** The button beside the box. */
  readonly children: React.ReactNode;
}

function ModelCombobox({ values, models, error, onChange, children }: ComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = matchingModels(models, values.model);
  const expanded = open && options.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  const pick = (m: ListedModel) => {
    onChange({ model: m.id });
    setOpen(false);
    setActive(-1);
  };
  const openAt = (index: number) => {
    setOpen(true);
    setActive(index);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (options.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (e.altKey) return e.key === 'ArrowDown' ? setOpen(true) : setOpen(false);
      if (!expanded) {
        const chosen = options.findIndex((m) => m.id === values.model);
        return openAt(chosen >= 0 ? chosen : e.key === 'ArrowDown' ? 0 : options.length - 1);
      }
      return setActive(movedActive(active, options.length, e.key));
    }
    if (!expanded) return;
    if (e.key === 'Enter' && active >= 0) {
      // Picks the option; the form is not submitted.
      e.preventDefault();
      pick(options[active]!);
    } else if (e.key === 'Escape') {
      // Closes the list only, not the dialog.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="combobox">
      <div className="model-field__row">
        <Field
          label="Model"
          hint={
            models.length > 0
              ? `Type a name or pick one of the ${models.length} the server offers (Down arrow opens the list).`
              : 'The model name exactly as the server knows it.'
          }
          error={error}
          fieldName="model"
          required
        >
          <input
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            autoComplete="off"
            spellCheck={false}
            value={values.model}
            onChange={(e) => {
              onChange({ model: e.target.value });
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
        </Field>
        {children}
      </div>
      <ul id={listId} role="listbox" aria-label="Models on the server" className="combobox__list" hidden={!expanded}>
        {options.map((m, i) => (
          <li
            key={m.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`combobox__option${i === active ? ' combobox__option--active' : ''}`}
            // Keeps focus in the box while the pointer picks.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(m)}
          >
            <span className="mono">{m.label ?? m.id}</span>
            {modelFacts(m) ? <span className="combobox__facts"> {modelFacts(m)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
