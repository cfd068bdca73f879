import { describe, expect, it } from 'vitest';
import { StorageStatusSchema } from '../../shared/storage.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';
import { expectAppError } from '../support/app-error-assertions.js';

describe('storage.allowWeakEncryption over IPC', () => {
  it('records the opt-in and returns the new status', async () => {
    await using h = await createIpcHarness({ availability: 'weak' });
    const status = StorageStatusSchema.parse(
      await h.connect().client.storage.allowWeakEncryption.mutate({ acknowledged: true }),
    );
    expect(status).toMatchObject({ canStoreKeys: true, weakStorageAllowedAt: expect.any(String) });
  });

  it('VALIDATION_FAILED without the acknowledgement; VAULT_ENCRYPTION_UNAVAILABLE while storage is down', async () => {
    await using h = await createIpcHarness({ availability: 'weak' });
    const { client } = h.connect();
    const data = await expectAppError(
      client.storage.allowWeakEncryption.mutate({ acknowledged: false } as never),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors).toEqual([{ field: 'acknowledged', message: expect.stringContaining('risk') }]);
    h.t.cipher.setAvailability('unavailable');
    await expectAppError(
      client.storage.allowWeakEncryption.mutate({ acknowledged: true }),
      'VAULT_ENCRYPTION_UNAVAILABLE',
    );
  });
});
