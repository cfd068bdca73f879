import { describe, expect, it } from 'vitest';
import { StorageStatusSchema } from '../../shared/storage.contract.js';
import { createIpcHarness } from '../support/ipc-harness.js';

describe('storage.status over IPC', () => {
  it.each(['available', 'weak', 'unavailable'] as const)('reports %s storage', async (state) => {
    await using h = await createIpcHarness({ availability: state });
    const status = StorageStatusSchema.parse(await h.connect().client.storage.status.query());
    expect(status).toMatchObject({
      encryption: state,
      writable: state !== 'unavailable',
      canStoreKeys: state === 'available',
      recovery: null,
    });
    expect(status.vaultPath).toBe(h.t.vaultPath);
  });
});
