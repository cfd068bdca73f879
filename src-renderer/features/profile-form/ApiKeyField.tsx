// The API key is write-only: it can be entered, replaced or removed, never shown back. A saved key shows as
// "Key saved, ending …1234". What is being typed can be shown to check a paste; for a server that never uses a
// key the field waits behind "My server asks for a key".
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../../shared/errors/error-catalog.js';
import { fieldMessage } from '../../../shared/errors/field-messages.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Field } from '../../components/Field.js';
import type { FormValues, KeyAction } from './form-model.js';

interface Props {
  readonly values: FormValues;
  readonly profile: ProfileView | null;
  readonly expectation: 'required' | 'optional' | 'none';
  /** Where this provider hands out keys (a page on the app's allowed list), if it has one. */
  readonly keyPage: string | null;
  /** The form now points at another server than the one the saved key was given for. */
  readonly originChanged: boolean;
  readonly error?: string | undefined;
  readonly onChange: (patch: Partial<FormValues>) => void;
  /** Open the key field from the start (a fix from a failed test asks for a key). */
  readonly startOpen?: boolean | undefined;
}

function savedKeyText(profile: ProfileView): string {
  if (profile.keyStatus === 'unreadable') {
    const words = describeError('VAULT_KEY_UNREADABLE');
    return `${words.message} ${words.remediation}`;
  }
  if (profile.keyStatus === 'locked') return 'A key is saved (locked until secure storage is available).';
  return profile.apiKeyHint ? `Key saved, ending …${profile.apiKeyHint}` : 'Key saved';
}

export function ApiKeyField({
  values,
  profile,
  expectation,
  keyPage,
  originChanged,
  error,
  onChange,
  startOpen,
}: Props) {
  const input = useRef<HTMLInputElement>(null);
  const setAction = (keyAction: KeyAction) => onChange({ keyAction, apiKey: '' });
  const hasSaved = profile?.hasApiKey ?? false;
  const entering = !hasSaved || values.keyAction === 'replace';
  const [shown, setShown] = useState(false);
  const [wanted, setWanted] = useState(startOpen ?? false);
  // A server that never uses a key keeps the field closed, unless the learner opens it or a key is already there.
  const open = expectation !== 'none' || hasSaved || wanted || values.apiKey !== '' || error !== undefined;
  const previous = useRef(values.keyAction);
  useEffect(() => {
    if (hasSaved && values.keyAction === 'replace' && previous.current !== 'replace') input.current?.focus();
    previous.current = values.keyAction;
  }, [hasSaved, values.keyAction]);

  const hint =
    expectation === 'required'
      ? 'Required by this provider. Stored encrypted by your operating system and never shown again.'
      : expectation === 'none'
        ? 'This server does not use keys; leave empty.'
        : 'Only if your server asks for one. Stored encrypted and never shown again.';

  return (
    <div className="key-field">
      {hasSaved && profile ? (
        <div className="key-field__saved">
          <p id="saved-key-status">
            {values.keyAction === 'remove' ? 'The saved key will be removed when you save.' : savedKeyText(profile)}
          </p>
          {originChanged && values.keyAction === 'keep' ? (
            <p className="field__error">{fieldMessage('keyOriginChanged')}</p>
          ) : null}
          <div className="button-row">
            {values.keyAction !== 'replace' ? (
              <button type="button" className="button" onClick={() => setAction('replace')}>
                Replace key
              </button>
            ) : (
              <button type="button" className="button" onClick={() => setAction('keep')}>
                Keep saved key
              </button>
            )}
            {values.keyAction !== 'remove' ? (
              <button type="button" className="button" onClick={() => setAction('remove')}>
                Remove key
              </button>
            ) : (
              <button type="button" className="button" onClick={() => setAction('keep')}>
                Undo remove
              </button>
            )}
          </div>
        </div>
      ) : null}
      {entering && expectation === 'none' && !hasSaved ? (
        // A disclosure, as the other optional parts of the form are: the button stays, so focus stays on it.
        <p className="field__hint">
          This server does not use an API key.{' '}
          <button
            type="button"
            className="button button--small"
            aria-expanded={open}
            aria-controls="key-entry"
            onClick={() => setWanted(!open)}
          >
            My server asks for a key
          </button>
        </p>
      ) : null}
      {entering ? (
        <div className="key-field__entry" id="key-entry" hidden={!open}>
          <Field label={hasSaved ? 'New API key' : 'API key'} hint={hint} error={error} fieldName="apiKey">
            <input
              ref={input}
              type={shown ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={values.apiKey}
              onChange={(e) => onChange({ apiKey: e.target.value })}
            />
          </Field>
          <button
            type="button"
            className="button key-field__show"
            aria-pressed={shown}
            aria-controls="field-apiKey"
            onClick={() => setShown(!shown)}
          >
            {shown ? 'Hide key' : 'Show key'}
          </button>
        </div>
      ) : error ? (
        <p className="field__error" id="field-apiKey" tabIndex={-1}>
          {error}
        </p>
      ) : null}
      {keyPage && entering ? (
        <p className="field__hint">
          <a href={keyPage} target="_blank" rel="noreferrer">
            Get a key from {new URL(keyPage).hostname}
          </a>{' '}
          (opens in your browser)
        </p>
      ) : null}
    </div>
  );
}
