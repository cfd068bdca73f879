// Create or edit a profile, in the order a learner needs things: provider and address, the key and the consent
// that loading the models needs, the model, then the settings most never change (time limits, network, extra
// headers, the exact address). Presets fill the address, the endpoints that will be called are shown as you
// type, each error appears next to its field and in a summary that takes focus, and a remote host asks for
// consent in plain words.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import { PROFILE_LIMITS, type ProfileView } from '../../../shared/profile.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { Field } from '../../components/Field.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { attempt, fieldErrorMap } from '../errors/error-data.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { ApiKeyField } from './ApiKeyField.js';
import { FormTextField, type FormBinding } from './FormTextField.js';
import { ConsentField } from './ConsentField.js';
import { HeadersField, headerLabels } from './HeadersField.js';
import { ErrorSummary } from './ErrorSummary.js';
import { DiscardNotice } from './DiscardNotice.js';
import { CheckConnection } from './CheckConnection.js';
import { ReadOnlyNote } from '../storage/ReadOnlyNote.js';
import { useWritable } from '../storage/use-writable.js';
import { consentScope } from '../../../shared/consent.js';
import { keyPageFor, PRESETS } from '../../../shared/provider.contract.js';
import { ADDRESS_OPTION_WORDS, takesAddressOptions } from '../../../shared/address-options.js';
import { AddressOptionsField } from './AddressOptionsField.js';
import {
  consentGiven,
  consentTarget,
  createInput,
  emptyValues,
  headersOriginChanged,
  keyExpected,
  keyOriginChanged,
  loadsOnRequest,
  requestPreview,
  updateConsent,
  updatePatch,
  valuesFromProfile,
  withProvider,
  type FormFocus,
  type FormValues,
  type Suggestion,
} from './form-model.js';
import { ModelField } from './ModelField.js';
import { editedErrorFields, standingErrors } from './field-errors.js';
import { providerChoices, providerChoiceValue } from './provider-choices.js';
import { PROXY_LABELS, ProxyField } from './ProxyField.js';

const LABELS: Record<string, string> = {
  kind: 'Provider',
  preset: 'Provider',
  name: 'Name',
  baseUrl: 'Server address',
  exactAddress: ADDRESS_OPTION_WORDS.exactAddress.label,
  modelsUrl: ADDRESS_OPTION_WORDS.modelsUrl.label,
  model: 'Model',
  azureDeployment: 'Deployment',
  azureApiVersion: 'API version',
  timeoutMs: 'Time limit',
  loadTimeoutMs: 'Time to load the model',
  apiKey: 'API key',
  remoteConsent: 'Consent',
  ...PROXY_LABELS,
};

const TIMEOUT_MIN_S = PROFILE_LIMITS.timeoutMinMs / 1000;
const TIMEOUT_MAX_S = PROFILE_LIMITS.timeoutMaxMs / 1000;
const LOAD_MIN_S = PROFILE_LIMITS.loadTimeoutMinMs / 1000;
const LOAD_MAX_MIN = PROFILE_LIMITS.loadTimeoutMaxMs / 60_000;

const AZURE_HINTS = {
  deployment: 'The deployment name from Azure AI Foundry.',
  version: 'A date such as 2024-10-21, or "v1" for the v1 API.',
};

interface Props {
  readonly open: boolean;
  readonly profile: ProfileView | null;
  readonly suggestion?: Suggestion | undefined;
  readonly onClose: () => void;
  readonly onSaved: (profile: ProfileView, created: boolean) => void;
  /** The field to open on (a fix from a failed test); else the first field. A key to fix opens ready to replace. */
  readonly focus?: FormFocus | undefined;
}

export function ProfileFormDialog({ open, profile, suggestion, onClose, onSaved, focus }: Props) {
  const title = profile ? `Edit ${profile.name}` : 'Add a profile';
  // Escape or × on a form with changes asks first; Cancel is the learner's own "discard".
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  const keepEditing = () => {
    // The notice (and the focused button in it) goes: focus goes back to where the learner was first.
    (returnTo.current?.isConnected ? returnTo.current : document.getElementById('field-kind'))?.focus();
    setAsking(false);
  };
  const requestClose = () => {
    if (!dirty.current) return onClose();
    // Escape again while asking: keep editing, as the safe answer.
    if (asking) return keepEditing();
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking(true);
  };
  return (
    <Dialog title={title} open={open} onClose={requestClose} wide initialFocus={`field-${focus ?? 'kind'}`}>
      {asking ? <DiscardNotice onKeep={keepEditing} onDiscard={onClose} /> : null}
      <ProfileForm
        key={profile?.id ?? suggestion?.baseUrl ?? 'new'}
        profile={profile}
        suggestion={suggestion}
        focus={focus}
        onCancel={onClose}
        onSaved={onSaved}
        onDirty={(changed) => {
          dirty.current = changed;
        }}
      />
    </Dialog>
  );
}

function ProfileForm({
  profile: opened,
  suggestion,
  onCancel,
  onSaved,
  focus,
  onDirty,
}: Omit<Props, 'open' | 'onClose'> & { onCancel: () => void; onDirty: (changed: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The version being edited: the one the form opened with, until the learner loads a newer one after a conflict.
  const [profile, setProfile] = useState(opened);
  const [values, setValues] = useState<FormValues>(() => {
    if (!profile) return emptyValues(suggestion);
    const saved = valuesFromProfile(profile);
    return focus === 'apiKey' ? { ...saved, keyAction: 'replace', apiKey: '' } : saved;
  });
  // What the form opened with (or the latest version it loaded): anything else is a change to ask about.
  const [pristine, setPristine] = useState(values);
  useEffect(() => {
    onDirty(JSON.stringify(values) !== JSON.stringify(pristine));
  }, [values, pristine, onDirty]);
  // Loading the latest version after a conflict can fail too; its error replaces the save's while it stands.
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const create = useAppMutation(trpc.profiles.create.mutationOptions());
  const update = useAppMutation(trpc.profiles.update.mutationOptions());
  const saving = create.pending || update.pending;
  const { writable } = useWritable();
  const error = loadError ?? (profile ? update.error : create.error);
  // A field's error goes as soon as the learner edits that field; the next save checks it again.
  const [edited, setEdited] = useState<{ error: AppErrorData | null; fields: ReadonlySet<string> }>({
    error: null,
    fields: new Set(),
  });
  const editedFields = edited.error === error ? edited.fields : new Set<string>();
  const markEdited = (fields: readonly string[]) => {
    if (error?.fieldErrors?.length) setEdited({ error, fields: new Set([...editedFields, ...fields]) });
  };
  const change = (patch: Partial<FormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    markEdited(editedErrorFields(patch));
  };
  const changeHeaders: typeof setValues = (next) => {
    setValues(next);
    markEdited(['headers']);
  };
  const fieldErrors = standingErrors(fieldErrorMap(error), editedFields);
  const form: FormBinding = { values, change, errors: fieldErrors };
  const consent = consentTarget(values);
  const preview = useMemo(() => requestPreview(values), [values]);

  useEffect(() => {
    if (!error) return;
    (error.fieldErrors?.length ? summaryRef.current : noticeRef.current)?.focus();
  }, [error]);

  /** After a conflict: edit the version saved elsewhere instead (the learner's unsaved edits are dropped). */
  const loadLatest = async () => {
    if (!profile) return;
    const latest = await attempt(() =>
      queryClient.fetchQuery({ ...trpc.profiles.get.queryOptions({ id: profile.id }), staleTime: 0 }),
    );
    if (!latest.ok) {
      setLoadError(latest.error);
      return;
    }
    // The notice with the button goes away: focus the form's first field (which will show the latest version)
    // before the notice is removed, so focus never rests on the page in between.
    document.getElementById('field-kind')?.focus();
    setProfile(latest.data);
    setValues(valuesFromProfile(latest.data));
    setPristine(valuesFromProfile(latest.data));
    setLoadError(null);
    update.reset();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // A save in flight: the button stays focusable (aria-disabled) and a repeat press does nothing. Nothing can
    // be saved while secure storage is unavailable: the note above the buttons says why.
    if (saving || !writable) return;
    setLoadError(null);
    const saved = profile
      ? await update.run({
          id: profile.id,
          expectedRevision: profile.revision,
          patch: updatePatch(values, profile),
          ...(updateConsent(values, profile) && { remoteConsent: true }),
        })
      : await create.run(createInput(values));
    // The list picks the change up from its change event (use-live-updates), as every other window does.
    if (!saved) return;
    onSaved(saved, profile === null);
  };

  return (
    <form className="profile-form" onSubmit={(e) => void submit(e)} noValidate>
      {error?.fieldErrors?.length ? (
        <ErrorSummary ref={summaryRef} error={error} labels={{ ...LABELS, ...headerLabels(values) }} />
      ) : null}
      {error && !error.fieldErrors?.length ? (
        <ErrorNotice ref={noticeRef} error={error} title="The profile was not saved">
          {error.code === 'PROFILE_REVISION_CONFLICT' ? (
            <button type="button" className="button" onClick={() => void loadLatest()}>
              Load the latest version
            </button>
          ) : null}
        </ErrorNotice>
      ) : null}

      <div className="form-grid">
        <Field
          label="Provider"
          error={fieldErrors.kind ?? fieldErrors.preset}
          fieldName="kind"
          hint={values.kind === 'openai-compatible' && values.preset ? PRESETS[values.preset].summary : undefined}
        >
          <select
            value={providerChoiceValue(values)}
            onChange={(e) => {
              const choice = providerChoices().find((c) => c.value === e.target.value);
              if (choice) setValues((v) => withProvider(v, choice.kind, choice.preset));
            }}
          >
            {(['local', 'cloud'] as const).map((group) => (
              <optgroup key={group} label={group === 'local' ? 'On this computer' : 'Online services'}>
                {providerChoices()
                  .filter((c) => c.group === group)
                  .map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <FormTextField
          form={form}
          name="name"
          label="Name"
          hint="How this profile appears in your list."
          maxLength={PROFILE_LIMITS.nameMax}
          required
        />
      </div>

      <FormTextField
        form={form}
        name="baseUrl"
        label="Server address"
        type="url"
        required
        hint={
          preview ? (
            <>
              {ADDRESS_OPTION_WORDS.preview.chat} <code data-testid="resolved-endpoint">{preview.chat}</code>
              <br />
              {preview.models !== null ? (
                <>
                  {ADDRESS_OPTION_WORDS.preview.models}{' '}
                  <code data-testid="resolved-models-endpoint">{preview.models}</code>
                </>
              ) : (
                <span data-testid="models-endpoint-problem">{preview.modelsProblem}</span>
              )}
            </>
          ) : (
            ADDRESS_OPTION_WORDS.preview.noAddress
          )
        }
      />

      {values.kind === 'azure-openai' ? (
        <div className="form-grid">
          <FormTextField form={form} name="azureDeployment" label="Deployment" hint={AZURE_HINTS.deployment} />
          <FormTextField form={form} name="azureApiVersion" label="API version" hint={AZURE_HINTS.version} />
        </div>
      ) : null}

      <ApiKeyField
        values={values}
        profile={profile}
        expectation={keyExpected(values)}
        keyPage={keyPageFor(values.kind, values.kind === 'openai-compatible' ? values.preset || null : null)}
        originChanged={keyOriginChanged(values, profile)}
        error={fieldErrors.apiKey}
        onChange={change}
        startOpen={focus === 'apiKey'}
      />

      {consent ? (
        <ConsentField
          host={consent.label}
          checked={consentGiven(values)}
          givenAt={
            profile && consentScope(profile.baseUrl) === consent.origin ? (profile.remoteConsentAt ?? null) : null
          }
          error={fieldErrors.remoteConsent}
          onChange={(checked) => change({ consentOrigin: checked ? consent.origin : null })}
        />
      ) : null}

      <ModelField values={values} profile={profile} error={fieldErrors.model} onChange={change} />

      <CheckConnection values={values} profile={profile} />

      {/* What most learners never change: time limits, the network, extra headers, the exact address. */}
      <fieldset className="form-section">
        <legend>More settings</legend>
        <Field
          label="Time limit (seconds)"
          hint={`How long a test may take, from ${TIMEOUT_MIN_S} to ${TIMEOUT_MAX_S} seconds.`}
          error={fieldErrors.timeoutMs}
          fieldName="timeoutMs"
        >
          <input
            type="number"
            inputMode="decimal"
            min={TIMEOUT_MIN_S}
            max={TIMEOUT_MAX_S}
            step={1}
            value={values.timeoutSeconds}
            onChange={(e) => change({ timeoutSeconds: e.target.value })}
          />
        </Field>

        {loadsOnRequest(values) ? (
          <Field
            label="Time to load the model (minutes)"
            hint={`A model not yet in memory is loaded before the test; large ones take minutes. From ${LOAD_MIN_S} seconds to ${LOAD_MAX_MIN} minutes.`}
            error={fieldErrors.loadTimeoutMs}
            fieldName="loadTimeoutMs"
          >
            <input
              type="number"
              inputMode="decimal"
              min={LOAD_MIN_S / 60}
              max={LOAD_MAX_MIN}
              step={0.5}
              value={values.loadMinutes}
              onChange={(e) => change({ loadMinutes: e.target.value })}
            />
          </Field>
        ) : null}

        <ProxyField form={form} passwordSaved={profile?.proxyPasswordSaved ?? false} startOpen={focus === 'proxy'} />

        <HeadersField form={form} setValues={changeHeaders} originChanged={headersOriginChanged(values, profile)} />

        {takesAddressOptions(values.kind) ? <AddressOptionsField form={form} /> : null}
      </fieldset>

      {writable ? null : (
        <div id="form-read-only">
          <ReadOnlyNote />
        </div>
      )}
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={saving || !writable}
          aria-describedby={writable ? undefined : 'form-read-only'}
        >
          {saving ? 'Saving…' : profile ? 'Save changes' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
