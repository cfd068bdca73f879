import { describe, expect, it } from 'vitest';
import { createIpcHarness } from '../support/ipc-harness.js';
import { localProfileInput } from '../support/profile-builders.js';
import { expectAppError } from '../support/app-error-assertions.js';

describe('profiles.delete over IPC', () => {
  it('returns the id and the active profile left', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const p = await client.profiles.create.mutate(localProfileInput());
    await client.profiles.activate.mutate({ id: p.id });
    expect(await client.profiles.delete.mutate({ id: p.id, expectedRevision: 1 })).toEqual({
      id: p.id,
      activeProfileId: null,
    });
  });

  it('PROFILE_NOT_FOUND, PROFILE_REVISION_CONFLICT, VALIDATION_FAILED, VAULT_ENCRYPTION_UNAVAILABLE', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const p = await client.profiles.create.mutate(localProfileInput());
    await expectAppError(client.profiles.delete.mutate({ id: 'gone' }), 'PROFILE_NOT_FOUND');
    await expectAppError(client.profiles.delete.mutate({ id: p.id, expectedRevision: 7 }), 'PROFILE_REVISION_CONFLICT');
    const data = await expectAppError(
      client.profiles.delete.mutate({ id: p.id, expectedRevision: -1 }),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors?.[0]?.field).toBe('expectedRevision');
    h.t.cipher.setAvailability('unavailable');
    await expectAppError(client.profiles.delete.mutate({ id: p.id }), 'VAULT_ENCRYPTION_UNAVAILABLE');
  });
});
