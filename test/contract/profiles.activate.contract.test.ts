import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ProfileViewSchema } from '../../shared/profile.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';
import { createTestCore } from '../support/create-test-core.js';
import { localProfileInput } from '../support/profile-builders.js';
import { expectAppError } from '../support/app-error-assertions.js';

describe('profiles.activate over IPC', () => {
  it('returns the activated view', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const p = await client.profiles.create.mutate(localProfileInput());
    expect(ProfileViewSchema.parse(await client.profiles.activate.mutate({ id: p.id }))).toMatchObject({
      id: p.id,
      isActive: true,
    });
  });

  it('PROFILE_NOT_FOUND and VAULT_ENCRYPTION_UNAVAILABLE', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const p = await client.profiles.create.mutate(localProfileInput());
    await expectAppError(client.profiles.activate.mutate({ id: 'nope' }), 'PROFILE_NOT_FOUND');
    h.t.cipher.setAvailability('unavailable');
    await expectAppError(client.profiles.activate.mutate({ id: p.id }), 'VAULT_ENCRYPTION_UNAVAILABLE');
  });

  it('CONSENT_REQUIRED for a remote profile without consent, then accepts consent', async () => {
    // A vault from before consent existed (or edited by hand) holding a remote profile without consent.
    const seed = await createTestCore();
    const p = await seed.core.profiles.create(
      localProfileInput({ kind: 'openai-compatible', preset: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1' }),
    );
    await seed.core.close();
    const doc = JSON.parse(String(await seed.readVaultBytes()));
    doc.profiles[0].baseUrl = 'http://192.168.1.9:8000/v1';
    await writeFile(seed.vaultPath, JSON.stringify(doc));
    await using h = await createIpcHarness({ dir: seed.dir });
    const { client } = h.connect();
    await expectAppError(client.profiles.activate.mutate({ id: p.id }), 'CONSENT_REQUIRED');
    expect((await client.profiles.activate.mutate({ id: p.id, remoteConsent: true })).remoteConsentAt).not.toBeNull();
  });
});
