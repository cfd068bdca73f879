// The address options of OpenAI and OpenAI-compatible servers (use the address as typed, a model list address of
// its own), behind a disclosure button because most learners never need them. Open from the start when a saved
// profile uses them, and by itself when one has an error, so neither a choice nor an error is ever hidden.
import { useState } from 'react';
import { ADDRESS_OPTION_WORDS as WORDS } from '../../../shared/address-options.js';
import { PROFILE_LIMITS } from '../../../shared/profile.contract.js';
import { Field } from '../../components/Field.js';
import { FormTextField, type FormBinding } from './FormTextField.js';

export function AddressOptionsField({ form }: { readonly form: FormBinding }) {
  const { values, errors, change } = form;
  const [expanded, setExpanded] = useState(() => values.exactAddress || values.modelsUrl.trim() !== '');
  const open = expanded || errors.exactAddress !== undefined || errors.modelsUrl !== undefined;
  return (
    <div className="address-options">
      <button
        type="button"
        className="button address-options__toggle"
        aria-expanded={open}
        aria-controls="address-options"
        onClick={() => setExpanded(!open)}
      >
        {WORDS.toggle}
      </button>
      <div id="address-options" className="address-options__body" hidden={!open}>
        <div className="address-options__exact">
          <Field
            label={WORDS.exactAddress.label}
            hint={WORDS.exactAddress.hint}
            error={errors.exactAddress}
            fieldName="exactAddress"
          >
            <input
              type="checkbox"
              checked={values.exactAddress}
              onChange={(e) => change({ exactAddress: e.target.checked })}
            />
          </Field>
        </div>
        <FormTextField
          form={form}
          name="modelsUrl"
          label={WORDS.modelsUrl.label}
          hint={WORDS.modelsUrl.hint}
          type="url"
          maxLength={PROFILE_LIMITS.baseUrlMax}
        />
      </div>
    </div>
  );
}
