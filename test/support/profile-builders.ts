// Valid inputs to start from; tests change one thing at a time.
import type { ProfileCreateInput } from '../../shared/profile.contract.js';
import { recordTestSecret } from './suite-diagnostics.js';

function recorded(input: ProfileCreateInput): ProfileCreateInput {
  if (input.apiKey) recordTestSecret(input.apiKey);
  for (const header of input.headers ?? []) recordTestSecret(header.value);
  return input;
}

let counter = 0;

/** A valid input with a unique name, from `base`, with `overrides` on top; its key is noted for the log scan. */
function build(base: (n: number) => ProfileCreateInput, overrides: Partial<ProfileCreateInput>): ProfileCreateInput {
  counter += 1;
  return recorded({ ...base(counter), ...overrides });
}

export function localProfileInput(overrides: Partial<ProfileCreateInput> = {}): ProfileCreateInput {
  return build(
    (n) => ({ name: `Local ${n}`, kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2' }),
    overrides,
  );
}

export function remoteProfileInput(overrides: Partial<ProfileCreateInput> = {}): ProfileCreateInput {
  return build(
    (n) => ({
      name: `Remote ${n}`,
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      apiKey: `sk-test-${n}-abcdefghijklmnop`,
      remoteConsent: true,
    }),
    overrides,
  );
}
