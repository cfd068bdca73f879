import { safeStorage } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageCipher } from '../../../src-main/adapters/safe-storage-cipher.adapter.js';
import { createCore } from '../../../src/core.js';
import { AtomicFileStore } from '../../../src/adapters/atomic-file.store.js';
import { makeTempDir } from '../../support/create-test-core.js';
import { MemoryLogger } from '../../support/memory-logger.js';
import { testPorts } from '../../support/test-ports.js';
import { readFile, rm } from 'node:fs/promises';

const stub = safeStorage as unknown as { available: boolean; backend: string; failNextDecrypt: boolean; reset(): void };
afterEach(() => stub.reset());

describe('SafeStorageCipher (against the electron stub)', () => {
  it('round-trips through the async API', async () => {
    const cipher = new SafeStorageCipher(undefined, 'linux');
    const ciphertext = await cipher.encrypt('sk-round-trip-123456');
    expect(Buffer.from(ciphertext).toString('latin1')).not.toContain('round-trip');
    expect(await cipher.decrypt(ciphertext)).toEqual({ plaintext: 'sk-round-trip-123456', shouldReEncrypt: false });
  });

  it.each([
    ['linux', 'gnome_libsecret', true, 'available', 'gnome_libsecret'],
    ['linux', 'kwallet6', true, 'available', 'kwallet6'],
    ['linux', 'basic_text', true, 'weak', 'basic_text'],
    ['linux', 'unknown', true, 'weak', 'unknown'],
    ['linux', 'gnome_libsecret', false, 'unavailable', 'gnome_libsecret'],
    ['darwin', 'basic_text', true, 'available', 'keychain'],
    ['win32', 'basic_text', true, 'available', 'dpapi'],
    ['darwin', 'basic_text', false, 'unavailable', 'keychain'],
  ] as const)('%s with %s (available: %s) → %s via %s', async (platform, backend, available, state, reported) => {
    stub.backend = backend;
    stub.available = available;
    expect(await new SafeStorageCipher(undefined, platform).availability()).toEqual({ state, backend: reported });
  });

  it('treats a throwing availability check as unavailable', async () => {
    const cipher = new SafeStorageCipher(
      {
        ...safeStorage,
        isAsyncEncryptionAvailable: async () => Promise.reject(new Error('dbus gone')),
        getSelectedStorageBackend: () => 'gnome_libsecret',
      },
      'linux',
    );
    expect((await cipher.availability()).state).toBe('unavailable');
  });

  it('drives the real core: keys stored encrypted, one unreadable key isolated', async () => {
    const dir = await makeTempDir();
    try {
      const deps = {
        cipher: new SafeStorageCipher(undefined, 'linux'),
        store: new AtomicFileStore({ dir }),
        logger: new MemoryLogger(),
      };
      const core = await createCore(testPorts(deps));
      const a = await core.profiles.create({
        name: 'A',
        kind: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o',
        apiKey: 'sk-adapter-aaaa-1111',
        remoteConsent: true,
      });
      const b = await core.profiles.create({
        name: 'B',
        kind: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o',
        apiKey: 'sk-adapter-bbbb-2222',
        remoteConsent: true,
      });
      await core.close();
      expect(await readFile(deps.store.location, 'utf8')).not.toContain('sk-adapter');
      stub.failNextDecrypt = true;
      const reopened = await createCore(testPorts({ ...deps, logger: new MemoryLogger() }));
      const statuses = reopened.profiles.list().profiles.map((p) => p.keyStatus);
      expect(statuses.filter((s) => s === 'unreadable')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'stored')).toHaveLength(1);
      expect([a.id, b.id]).toContain(reopened.profiles.list().profiles.find((p) => p.keyStatus === 'stored')?.id);
      stub.backend = 'basic_text';
      await expect(
        reopened.profiles.update({ id: a.id, expectedRevision: 1, patch: { apiKey: 'sk-weak-refused-0000' } }),
      ).rejects.toMatchObject({
        code: 'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
