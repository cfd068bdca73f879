import { describe, expect, it } from 'vitest';
import { ProfileViewSchema } from '../../shared/profile.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';
import { localProfileInput } from '../support/profile-builders.js';
import { expectAppError } from '../support/app-error-assertions.js';

describe('profiles.get over IPC', () => {
  it('returns the view of one profile', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    const created = await client.profiles.create.mutate(localProfileInput({ name: 'Get me' }));
    expect(ProfileViewSchema.parse(await client.profiles.get.query({ id: created.id }))).toEqual(created);
  });

  it('PROFILE_NOT_FOUND for an unknown id', async () => {
    await using h = await createIpcHarness();
    const data = await expectAppError(h.connect().client.profiles.get.query({ id: 'missing' }), 'PROFILE_NOT_FOUND');
    expect(data.remediation).toMatch(/Refresh/);
  });

  it('VALIDATION_FAILED naming the id field', async () => {
    await using h = await createIpcHarness();
    const data = await expectAppError(h.connect().client.profiles.get.query({ id: '../../etc' }), 'VALIDATION_FAILED');
    expect(data.fieldErrors).toEqual([{ field: 'id', message: expect.any(String) }]);
  });
});
