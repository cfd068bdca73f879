// profiles.duplicate over IPC: a copy under a free "… (copy)" name, with new id and revision, never with consent,
// and with the key, header values and proxy password only when the learner keeps them (encrypted again, never in
// the window's bytes or the vault in plaintext).
import { describe, expect, it } from 'vitest';
import { PROFILE_LIMITS } from '../../shared/profile.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';
import { localProfileInput, remoteProfileInput } from '../support/profile-builders.js';
import { expectAppError } from '../support/app-error-assertions.js';
import { findKeyForms } from '../support/key-forms.js';
import { recordTestSecret } from '../support/suite-diagnostics.js';

const KEY = 'sk-duplicate-me-abcdefgh-4242';
const HEADER_VALUE = 'team-secret-header-value-7777';
recordTestSecret(KEY);
recordTestSecret(HEADER_VALUE);

describe('profiles.duplicate over IPC', () => {
  it('copies the settings under a free name, without consent or secrets by default', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const source = await client.profiles.create.mutate(
      remoteProfileInput({ name: 'Work', apiKey: KEY, headers: [{ name: 'X-Team', value: HEADER_VALUE }] }),
    );
    const copy = await client.profiles.duplicate.mutate({ id: source.id });
    expect(copy).toMatchObject({
      name: 'Work (copy)',
      kind: source.kind,
      baseUrl: source.baseUrl,
      model: source.model,
      revision: 1,
      hasApiKey: false,
      headerNames: [],
      remoteConsentAt: null,
      isActive: false,
      lastTest: null,
    });
    expect(copy.id).not.toBe(source.id);
    // A remote copy asks before it is used, as a new one does.
    await expectAppError(client.profiles.activate.mutate({ id: copy.id }), 'CONSENT_REQUIRED');
    expect((await client.profiles.duplicate.mutate({ id: source.id })).name).toBe('Work (copy 2)');
    // The source is untouched.
    expect(await client.profiles.get.query({ id: source.id })).toEqual(source);
  });

  it('keeps the key, header values and proxy password when asked, encrypted again for the copy', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const source = await client.profiles.create.mutate(
      remoteProfileInput({ name: 'Keyed', apiKey: KEY, headers: [{ name: 'X-Team', value: HEADER_VALUE }] }),
    );
    const copy = await client.profiles.duplicate.mutate({ id: source.id, keepSecrets: true });
    expect(copy).toMatchObject({ hasApiKey: true, apiKeyHint: '4242', headerNames: ['X-Team'] });
    expect(h.t.core.profiles.apiKeyFor(copy.id)).toBe(KEY);
    expect(h.t.core.profiles.headersFor(copy.id)).toEqual([{ name: 'X-Team', value: HEADER_VALUE }]);
    const bytes = (await h.t.readVaultBytes())!.toString('latin1');
    expect(findKeyForms(bytes, [KEY, HEADER_VALUE])).toEqual([]);
    expect(findKeyForms(JSON.stringify(copy), [KEY, HEADER_VALUE])).toEqual([]);
  });

  it('shortens a long name to fit "(copy)" within the limit; unknown ids and a locked store are refused', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const long = 'L'.repeat(PROFILE_LIMITS.nameMax);
    const source = await client.profiles.create.mutate(localProfileInput({ name: long }));
    const copy = await client.profiles.duplicate.mutate({ id: source.id });
    expect(copy.name).toHaveLength(PROFILE_LIMITS.nameMax);
    expect(copy.name.endsWith(' (copy)')).toBe(true);
    await expectAppError(client.profiles.duplicate.mutate({ id: 'nope' }), 'PROFILE_NOT_FOUND');
    const before = await h.t.readVaultBytes();
    h.t.cipher.setAvailability('unavailable');
    await expectAppError(client.profiles.duplicate.mutate({ id: source.id }), 'VAULT_ENCRYPTION_UNAVAILABLE');
    expect(await h.t.readVaultBytes()).toEqual(before);
  });
});
