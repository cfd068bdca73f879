import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileViewSchema } from '../../shared/profile.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';
import { makeTempDir } from '../support/create-test-core.js';
import { FaultyFs } from '../support/faulty-fs.js';
import { localProfileInput, remoteProfileInput } from '../support/profile-builders.js';
import { expectAppError } from '../support/app-error-assertions.js';

describe('profiles.create over IPC', () => {
  it('returns the new view', async () => {
    await using h = await createIpcHarness();
    const view = await h
      .connect()
      .client.profiles.create.mutate(remoteProfileInput({ name: 'Cloud', apiKey: 'sk-create-abcdefgh-4321' }));
    expect(ProfileViewSchema.parse(view)).toMatchObject({
      name: 'Cloud',
      revision: 1,
      apiKeyHint: '4321',
      location: 'remote',
    });
  });

  it('VALIDATION_FAILED with one entry per field', async () => {
    await using h = await createIpcHarness();
    const data = await expectAppError(
      h.connect().client.profiles.create.mutate({
        name: '',
        kind: 'openai',
        baseUrl: 'ftp://x',
        model: '',
        apiKey: 'has space',
      } as never),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors?.map((e) => e.field).sort()).toEqual(['apiKey', 'baseUrl', 'model', 'name']);
    for (const e of data.fieldErrors ?? []) expect(e.message).not.toMatch(/Invalid|expected/i);
  });

  it('PROFILE_NAME_TAKEN, with the name field marked', async () => {
    await using h = await createIpcHarness();
    const { client } = h.connect();
    await client.profiles.create.mutate(localProfileInput({ name: 'Twin' }));
    const data = await expectAppError(
      client.profiles.create.mutate(localProfileInput({ name: 'TWIN' })),
      'PROFILE_NAME_TAKEN',
    );
    expect(data.fieldErrors).toEqual([{ field: 'name', message: expect.stringContaining('Twin') }]);
  });

  it('CONSENT_REQUIRED naming the host', async () => {
    await using h = await createIpcHarness();
    const data = await expectAppError(
      h.connect().client.profiles.create.mutate(remoteProfileInput({ remoteConsent: undefined })),
      'CONSENT_REQUIRED',
    );
    expect(data.message).toContain('api.openai.com');
  });

  it('VAULT_ENCRYPTION_UNAVAILABLE while secure storage is down', async () => {
    await using h = await createIpcHarness({ availability: 'unavailable' });
    const data = await expectAppError(
      h.connect().client.profiles.create.mutate(localProfileInput()),
      'VAULT_ENCRYPTION_UNAVAILABLE',
    );
    expect(data.retryable).toBe(true);
  });

  it('VAULT_WEAK_ENCRYPTION_NOT_ALLOWED for a key under weak protection', async () => {
    await using h = await createIpcHarness({ availability: 'weak' });
    await expectAppError(
      h.connect().client.profiles.create.mutate(remoteProfileInput()),
      'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
    );
  });

  it('VAULT_ENCRYPTION_FAILED when the keyring fails mid-call', async () => {
    await using h = await createIpcHarness();
    h.t.cipher.failNextEncrypt = true;
    await expectAppError(h.connect().client.profiles.create.mutate(remoteProfileInput()), 'VAULT_ENCRYPTION_FAILED');
  });

  it.each([
    ['ENOSPC', 'VAULT_DISK_FULL'],
    ['EACCES', 'VAULT_PERMISSION_DENIED'],
    ['EIO', 'VAULT_WRITE_FAILED'],
  ] as const)('%s → %s', async (errno, code) => {
    const dir = await makeTempDir();
    const fs = new FaultyFs(path.join(dir, 'llm-profiles.json'));
    await using h = await createIpcHarness({ dir, fs });
    fs.arm('fsync', errno);
    await expectAppError(h.connect().client.profiles.create.mutate(localProfileInput()), code);
  });
});
