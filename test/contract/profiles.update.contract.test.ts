import { afterEach, describe, expect, it } from 'vitest';
import { ProfileViewSchema } from '../../shared/profile.contract.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { localProfileInput, remoteProfileInput } from '../support/profile-builders.js';
import { expectAppError } from '../support/app-error-assertions.js';

let h: IpcHarness;
afterEach(async () => h?.dispose());

async function withProfile() {
  h = await createIpcHarness();
  const { client } = h.connect();
  const profile = await client.profiles.create.mutate(remoteProfileInput());
  return { client, profile };
}

describe('profiles.update over IPC', () => {
  it('returns the updated view with the next revision', async () => {
    const { client, profile } = await withProfile();
    const updated = await client.profiles.update.mutate({
      id: profile.id,
      expectedRevision: 1,
      patch: { model: 'gpt-4.1-mini' },
    });
    expect(ProfileViewSchema.parse(updated)).toMatchObject({
      model: 'gpt-4.1-mini',
      revision: 2,
      remoteConsentAt: profile.remoteConsentAt,
    });
  });

  it('VALIDATION_FAILED with patch fields named as form fields', async () => {
    const { client, profile } = await withProfile();
    const data = await expectAppError(
      client.profiles.update.mutate({
        id: profile.id,
        expectedRevision: 1,
        patch: { timeoutMs: 60_000, baseUrl: 'http://a@b/' },
      }),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors?.map((e) => e.field).sort()).toEqual(['baseUrl', 'timeoutMs']);
  });

  it('PROFILE_REVISION_CONFLICT for a stale revision', async () => {
    const { client, profile } = await withProfile();
    await client.profiles.update.mutate({ id: profile.id, expectedRevision: 1, patch: { model: 'a' } });
    await expectAppError(
      client.profiles.update.mutate({ id: profile.id, expectedRevision: 1, patch: { model: 'b' } }),
      'PROFILE_REVISION_CONFLICT',
    );
  });

  it('PROFILE_NOT_FOUND, PROFILE_NAME_TAKEN, CONSENT_REQUIRED', async () => {
    const { client, profile } = await withProfile();
    await client.profiles.create.mutate(localProfileInput({ name: 'Taken' }));
    await expectAppError(
      client.profiles.update.mutate({ id: 'nope', expectedRevision: 1, patch: { model: 'x' } }),
      'PROFILE_NOT_FOUND',
    );
    await expectAppError(
      client.profiles.update.mutate({ id: profile.id, expectedRevision: 1, patch: { name: 'taken' } }),
      'PROFILE_NAME_TAKEN',
    );
    await expectAppError(
      client.profiles.update.mutate({
        id: profile.id,
        expectedRevision: 1,
        patch: { baseUrl: 'https://elsewhere.example.com/v1' },
      }),
      'CONSENT_REQUIRED',
    );
  });

  it('VAULT_ENCRYPTION_UNAVAILABLE and VAULT_WEAK_ENCRYPTION_NOT_ALLOWED', async () => {
    const { client, profile } = await withProfile();
    h.t.cipher.setAvailability('weak');
    await expectAppError(
      client.profiles.update.mutate({ id: profile.id, expectedRevision: 1, patch: { apiKey: 'sk-weak-0000000000' } }),
      'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
    );
    h.t.cipher.setAvailability('unavailable');
    await expectAppError(
      client.profiles.update.mutate({ id: profile.id, expectedRevision: 1, patch: { model: 'x' } }),
      'VAULT_ENCRYPTION_UNAVAILABLE',
    );
  });
});
