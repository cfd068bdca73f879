// One of the profile form's one-line text fields (name, addresses, model, Azure fields), bound to the form's values,
// its change function and its field errors by the field's name: no spell check, no autofill suggestions.
import type { ReactNode } from 'react';
import { Field } from '../../components/Field.js';
import type { FormValues } from './form-model.js';

type TextFieldName = 'name' | 'baseUrl' | 'model' | 'azureDeployment' | 'azureApiVersion' | 'modelsUrl';

/** What every field of the form is bound to. */
export interface FormBinding {
  readonly values: FormValues;
  readonly change: (patch: Partial<FormValues>) => void;
  readonly errors: Readonly<Record<string, string>>;
}

interface Props {
  readonly form: FormBinding;
  readonly name: TextFieldName;
  readonly label: string;
  readonly hint?: ReactNode;
  readonly type?: 'text' | 'url';
  readonly maxLength?: number;
  readonly required?: boolean;
}

export function FormTextField({ form, name, label, hint, type = 'text', maxLength, required }: Props) {
  return (
    <Field label={label} hint={hint} error={form.errors[name]} fieldName={name} required={required}>
      <input
        type={type}
        value={form.values[name]}
        maxLength={maxLength}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => form.change({ [name]: e.target.value })}
      />
    </Field>
  );
}
