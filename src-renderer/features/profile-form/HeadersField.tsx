// Extra request headers (a gateway's access token, a router's attribution), behind a disclosure button because
// most learners never need them. Values are write-only like the key: a saved one is never shown or prefilled,
// and a row left empty keeps it. Opens by itself when one of its fields has an error, so the error can be reached.
import { useState } from 'react';
import { HEADER_LIMITS } from '../../../shared/request-headers.contract.js';
import { Field } from '../../components/Field.js';
import type { FormBinding } from './FormTextField.js';
import { withHeaderAdded, withHeaderChanged, withHeaderRemoved, type FormValues } from './form-model.js';

interface Props {
  readonly form: FormBinding;
  readonly setValues: (update: (values: FormValues) => FormValues) => void;
  /** The form points at another server than the one the saved values were given for. */
  readonly originChanged: boolean;
}

/** How the form's error summary names each header field. */
export function headerLabels(values: FormValues): Record<string, string> {
  const labels: Record<string, string> = { headers: 'Extra request headers' };
  values.headers.forEach((_, i) => {
    labels[`headers.${i}.name`] = `Header ${i + 1} name`;
    labels[`headers.${i}.value`] = `Header ${i + 1} value`;
  });
  return labels;
}

export function HeadersField({ form, setValues, originChanged }: Props) {
  const { values, errors } = form;
  const [expanded, setExpanded] = useState(false);
  const hasError = Object.keys(errors).some((field) => field === 'headers' || field.startsWith('headers.'));
  const open = expanded || hasError;
  const rows = values.headers;
  const saved = rows.filter((row) => row.savedName !== null).length;

  return (
    <div className="headers-field">
      <button
        type="button"
        className="button headers-field__toggle"
        aria-expanded={open}
        aria-controls="extra-headers"
        onClick={() => setExpanded(!open)}
      >
        Extra request headers{rows.length > 0 ? ` (${rows.length})` : ''}
      </button>
      <div id="extra-headers" className="headers-field__body" hidden={!open}>
        <p className="field__hint">
          Only if a gateway or proxy in front of your server asks for them (for example CF-Access-Client-Id). They are
          sent with every request to this server and no other. Values are stored encrypted and never shown again.
        </p>
        {errors.headers ? (
          <p className="field__error" id="field-headers" tabIndex={-1}>
            {errors.headers}
          </p>
        ) : null}
        {originChanged && saved > 0 ? (
          <p className="field__error">
            The server address changed: saved header values are not sent to the new server. Enter them again, or remove
            those headers.
          </p>
        ) : null}
        {rows.map((row, i) => (
          <fieldset key={row.key} className="headers-field__row">
            <legend className="visually-hidden">Header {i + 1}</legend>
            <Field label={`Header ${i + 1} name`} error={errors[`headers.${i}.name`]} fieldName={`headers.${i}.name`}>
              <input
                type="text"
                value={row.name}
                maxLength={HEADER_LIMITS.nameMax}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setValues((v) => withHeaderChanged(v, row.key, { name: e.target.value }))}
              />
            </Field>
            <Field
              label={`Header ${i + 1} value`}
              hint={row.savedName !== null ? 'Saved — leave empty to keep.' : undefined}
              error={errors[`headers.${i}.value`] ?? errors[`headers.${i}`]}
              fieldName={`headers.${i}.value`}
            >
              <input
                type="password"
                value={row.value}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setValues((v) => withHeaderChanged(v, row.key, { value: e.target.value }))}
              />
            </Field>
            <button
              type="button"
              className="button headers-field__remove"
              onClick={() => setValues((v) => withHeaderRemoved(v, row.key))}
            >
              Remove header {i + 1}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          aria-disabled={rows.length >= HEADER_LIMITS.count}
          onClick={() => rows.length < HEADER_LIMITS.count && setValues(withHeaderAdded)}
        >
          Add a header
        </button>
      </div>
    </div>
  );
}
