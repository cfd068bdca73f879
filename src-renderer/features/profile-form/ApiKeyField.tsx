// The API key is write-only: it can be entered, replaced or removed, never shown back. A saved key shows as
// "Key saved, ending …1234".
import { useEffect, useRef } from 'react';
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
}

function savedKeyText(profile: ProfileView): string {
  if (profile.keyStatus === 'unreadable') {
    const words = describeError('VAULT_KEY_UNREADABLE');
    return `${words.message} ${words.remediation}`;
  }
  if (profile.keyStatus === 'locked') return 'A key is saved (locked until secure storage is available).';
  return profile.apiKeyHint ? `Key saved, ending …${profile.apiKeyHint}` : 'Key saved';
}

export function ApiKeyField({ values, profile, expectation, keyPage, originChanged, error, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const setAction = (keyAction: KeyAction) => onChange({ keyAction, apiKey: '' });
  const hasSaved = profile?.hasApiKey ?? false;
  const entering = !hasSaved || values.keyAction === 'replace';
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
      {entering ? (
        <Field label={hasSaved ? 'New API key' : 'API key'} hint={hint} error={error} fieldName="apiKey">
          <input
            ref={input}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={values.apiKey}
            onChange={(e) => onChange({ apiKey: e.target.value })}
          />
        </Field>
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
