// How the app reaches the server on the learner's network: the computer's proxy settings (like the browser), no
// proxy, or one proxy the learner names. Behind a disclosure button, as almost everyone keeps the default; open from
// the start when the profile uses another choice, and by itself when the proxy address has an error.
import { useId, useState } from 'react';
import { PROXY_MODES, type ProxyMode } from '../../../shared/network.contract.js';
import { Field } from '../../components/Field.js';
import type { FormBinding } from './FormTextField.js';

const MODE_WORDS: Record<ProxyMode, { label: string; hint: string }> = {
  system: {
    label: 'Use this computer’s proxy settings',
    hint: 'Like your web browser. Right for almost everyone, on school and office networks too.',
  },
  direct: {
    label: 'No proxy',
    hint: 'Connect straight to the server, even where this computer is set to use a proxy.',
  },
  fixed: {
    label: 'Use this proxy',
    hint: 'Only if your network’s administrator gave you a proxy address for this server.',
  },
};

const SUMMARY: Record<ProxyMode, string> = {
  system: 'this computer’s proxy settings',
  direct: 'no proxy',
  fixed: 'a proxy of its own',
};

/** The error summary's names for the proxy's fields. */
export const PROXY_LABELS = {
  proxy: 'Network',
  'proxy.url': 'Proxy address',
  'proxy.username': 'Proxy user name',
  proxyPassword: 'Proxy password',
} as const;

interface Props {
  readonly form: FormBinding;
  /** A password is saved for the profile's proxy (it is never shown; left empty, it is kept). */
  readonly passwordSaved: boolean;
  /** Open from the start (a fix from a failed test is about the network). */
  readonly startOpen?: boolean | undefined;
}

export function ProxyField({ form, passwordSaved, startOpen }: Props) {
  const { values, change, errors } = form;
  const groupName = useId();
  const error = errors['proxy.url'] ?? errors.proxy;
  const [expanded, setExpanded] = useState(values.proxyMode !== 'system' || (startOpen ?? false));
  const open =
    expanded || error !== undefined || errors['proxy.username'] !== undefined || errors.proxyPassword !== undefined;
  return (
    <div className="proxy-field">
      <button
        type="button"
        id="field-proxy"
        className="button proxy-field__toggle"
        aria-expanded={open}
        aria-controls="proxy-options"
        onClick={() => setExpanded(!open)}
      >
        Network: {SUMMARY[values.proxyMode]}
      </button>
      <fieldset id="proxy-options" className="proxy-field__body" hidden={!open}>
        <legend>How to reach the server</legend>
        {PROXY_MODES.map((mode) => {
          const id = `proxy-mode-${mode}`;
          return (
            <div key={mode} className="proxy-field__choice">
              <input
                type="radio"
                id={id}
                name={groupName}
                value={mode}
                checked={values.proxyMode === mode}
                aria-describedby={`${id}-hint`}
                onChange={() => change({ proxyMode: mode })}
              />
              <label htmlFor={id}>{MODE_WORDS[mode].label}</label>
              <p className="field__hint" id={`${id}-hint`}>
                {MODE_WORDS[mode].hint}
              </p>
            </div>
          );
        })}
        {values.proxyMode === 'fixed' ? (
          <Field
            label={PROXY_LABELS['proxy.url']}
            hint="For example http://proxy.school.example:3128. A user name or password is not accepted here."
            error={error}
            fieldName="proxy.url"
          >
            <input
              type="url"
              value={values.proxyUrl}
              maxLength={2048}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => change({ proxyUrl: e.target.value })}
            />
          </Field>
        ) : null}
        {values.proxyMode === 'fixed' ? (
          <div className="form-grid">
            <Field
              label={PROXY_LABELS['proxy.username']}
              hint="Only if the proxy asks you to sign in."
              error={errors['proxy.username']}
              fieldName="proxy.username"
            >
              <input
                type="text"
                value={values.proxyUsername}
                maxLength={256}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => change({ proxyUsername: e.target.value })}
              />
            </Field>
            <Field
              label={PROXY_LABELS.proxyPassword}
              hint={
                passwordSaved && !values.removeProxyPassword
                  ? 'Saved — leave empty to keep. Stored encrypted, never shown again.'
                  : 'Stored encrypted, sent only to this proxy, never shown again.'
              }
              error={errors.proxyPassword}
              fieldName="proxyPassword"
            >
              <input
                type="password"
                value={values.proxyPassword}
                maxLength={1024}
                autoComplete="off"
                onChange={(e) => change({ proxyPassword: e.target.value, removeProxyPassword: false })}
              />
            </Field>
          </div>
        ) : null}
        {values.proxyMode === 'fixed' && passwordSaved ? (
          <div className="proxy-field__choice">
            <input
              type="checkbox"
              id="proxy-password-remove"
              checked={values.removeProxyPassword}
              onChange={(e) => change({ removeProxyPassword: e.target.checked, proxyPassword: '' })}
            />
            <label htmlFor="proxy-password-remove">Remove the saved proxy password</label>
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}
