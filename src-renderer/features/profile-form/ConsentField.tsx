// Consent in plain words before anything is sent off this computer: what leaves (prompts and the API key),
// to whom (the host), and when consent was given.
import { Field } from '../../components/Field.js';
import { formatWhen } from '../../components/format.js';

interface Props {
  readonly host: string;
  readonly checked: boolean;
  readonly givenAt: string | null;
  readonly error?: string | undefined;
  readonly onChange: (checked: boolean) => void;
}

export function ConsentField({ host, checked, givenAt, error, onChange }: Props) {
  return (
    <fieldset className="consent">
      <legend>This server is not on your computer</legend>
      <p>
        When you test this profile or chat with it, <strong>what you type</strong> and <strong>your API key</strong> are
        sent over the internet to <strong>{host}</strong>, and the answers come back from there. Nothing is sent until
        you agree.
      </p>
      {givenAt ? (
        <p className="consent__given">
          You agreed to use {host} {formatWhen(givenAt)}.
        </p>
      ) : null}
      <Field label={`I agree to send my prompts and API key to ${host}`} error={error} fieldName="remoteConsent">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      </Field>
    </fieldset>
  );
}
