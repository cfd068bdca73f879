import { describe, expect, it } from 'vitest';
import { ProfileListSchema } from '../../shared/profile.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';
import { localProfileInput, remoteProfileInput } from '../support/profile-builders.js';

describe('profiles.list over IPC', () => {
  it('returns an empty list, then every profile with the active one marked and the revision, keys never included', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    expect(ProfileListSchema.parse(await client.profiles.list.query())).toEqual({
      profiles: [],
      activeProfileId: null,
      revision: 0,
    });
    const a = await client.profiles.create.mutate(localProfileInput());
    const b = await client.profiles.create.mutate(remoteProfileInput({ apiKey: 'sk-list-secret-abcdef-9999' }));
    await client.profiles.activate.mutate({ id: b.id });
    const list = ProfileListSchema.parse(await client.profiles.list.query());
    expect(list.activeProfileId).toBe(b.id);
    expect(list.revision).toBe(3); // two creates and an activation, each one committed write
    expect(list.profiles.map((p) => [p.id, p.isActive])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);
    expect(JSON.stringify(list)).not.toContain('sk-list-secret');
    expect(list.profiles[1]).toMatchObject({ hasApiKey: true, apiKeyHint: '9999' });
  });

  it('keeps working while secure storage is unavailable', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    await client.profiles.create.mutate(localProfileInput());
    h.t.cipher.setAvailability('unavailable');
    expect((await client.profiles.list.query()).profiles).toHaveLength(1);
  });
});
