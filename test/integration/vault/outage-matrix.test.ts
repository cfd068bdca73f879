// Secure storage available / weak / unavailable × every mutation: forbidden writes are refused with the
// right code and change no byte; allowed ones go through; listing works in every state.
import { afterEach, describe, expect, it } from 'vitest';
import type { EncryptionState } from '../../../shared/storage.contract.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { localProfileInput, remoteProfileInput } from '../../support/profile-builders.js';

type Mutation = (t: TestCore, ids: { local: string; remote: string }) => Promise<unknown>;

const MUTATIONS: Record<string, { run: Mutation; storesKey: boolean }> = {
  'create without key': { storesKey: false, run: (t) => t.core.profiles.create(localProfileInput()) },
  'create with key': { storesKey: true, run: (t) => t.core.profiles.create(remoteProfileInput()) },
  'update without key': {
    storesKey: false,
    run: (t, ids) => t.core.profiles.update({ id: ids.local, expectedRevision: 1, patch: { model: 'changed' } }),
  },
  'update replacing key': {
    storesKey: true,
    run: (t, ids) =>
      t.core.profiles.update({ id: ids.remote, expectedRevision: 1, patch: { apiKey: 'sk-replacement-000011112222' } }),
  },
  'update removing key': {
    storesKey: false,
    run: (t, ids) =>
      t.core.profiles.update({
        id: ids.remote,
        expectedRevision: 1,
        patch: { kind: 'openai-compatible', preset: 'vllm', apiKey: null },
      }),
  },
  delete: { storesKey: false, run: (t, ids) => t.core.profiles.delete({ id: ids.local }) },
  activate: { storesKey: false, run: (t, ids) => t.core.profiles.activate({ id: ids.remote }) },
};

function expectedCode(state: EncryptionState, storesKey: boolean, weakAllowed: boolean): string | null {
  if (state === 'unavailable') return 'VAULT_ENCRYPTION_UNAVAILABLE';
  if (state === 'weak' && storesKey && !weakAllowed) return 'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED';
  return null;
}

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

async function seeded(state: EncryptionState, weakAllowed: boolean) {
  t = await createTestCore({ availability: 'available' });
  const local = await t.core.profiles.create(localProfileInput());
  const remote = await t.core.profiles.create(remoteProfileInput());
  if (weakAllowed) {
    t.cipher.setAvailability('weak');
    await t.core.storage.allowWeakEncryption({ acknowledged: true });
  }
  t.cipher.setAvailability(state);
  return { t, ids: { local: local.id, remote: remote.id } };
}

const cases = (['available', 'weak', 'unavailable'] as const).flatMap((state) =>
  [false, true]
    .filter((weakAllowed) => !weakAllowed || state === 'weak')
    .flatMap((weakAllowed) => Object.entries(MUTATIONS).map(([name, m]) => ({ state, weakAllowed, name, ...m }))),
);

describe('outage matrix', () => {
  it.each(cases)('$state (weak allowed: $weakAllowed) × $name', async ({ state, weakAllowed, run, storesKey }) => {
    const { t, ids } = await seeded(state, weakAllowed);
    const listBefore = t.core.profiles.list();
    const bytesBefore = await t.readVaultBytes();
    const code = expectedCode(state, storesKey, weakAllowed);
    if (code === null) {
      await run(t, ids);
      expect(await t.readVaultBytes()).not.toEqual(bytesBefore);
    } else {
      const error = await expectAppError(() => run(t, ids));
      expect(error.code).toBe(code);
      expect(await t.readVaultBytes()).toEqual(bytesBefore);
      expect(t.core.profiles.list()).toEqual(listBefore);
    }
    // Reading keeps working whatever the state.
    expect(t.core.profiles.list().profiles.length).toBeGreaterThanOrEqual(1);
    expect(t.core.profiles.get({ id: ids.remote }).id).toBe(ids.remote);
  });

  it('refuses the weak-storage opt-in itself while storage is unavailable, and writes nothing', async () => {
    const { t } = await seeded('unavailable', false);
    const before = await t.readVaultBytes();
    expect((await expectAppError(() => t.core.storage.allowWeakEncryption({ acknowledged: true }))).code).toBe(
      'VAULT_ENCRYPTION_UNAVAILABLE',
    );
    expect(await t.readVaultBytes()).toEqual(before);
  });

  it('reports the state, with message-ready flags, in storage status', async () => {
    const { t } = await seeded('weak', false);
    expect(await t.core.storage.status()).toMatchObject({
      encryption: 'weak',
      backend: 'basic_text',
      writable: true,
      canStoreKeys: false,
      weakStorageAllowedAt: null,
    });
    const allowed = await t.core.storage.allowWeakEncryption({ acknowledged: true });
    expect(allowed).toMatchObject({ canStoreKeys: true, weakStorageAllowedAt: t.clock.now().toISOString() });
    expect(t.logger.find('storage.weak_allowed')).toHaveLength(1);
    t.cipher.setAvailability('unavailable');
    expect(await t.core.storage.status()).toMatchObject({
      encryption: 'unavailable',
      writable: false,
      canStoreKeys: false,
    });
    expect(t.logger.find('storage.status_changed').at(-1)?.fields).toMatchObject({ from: 'weak', to: 'unavailable' });
  });

  it('tells every window the moment a save finds storage gone, without waiting for a status read', async () => {
    const { t } = await seeded('available', false);
    await t.core.storage.status();
    const events: string[] = [];
    const stop = t.core.changes.subscribe((e) => events.push(e.type));
    t.cipher.setAvailability('unavailable');
    expect((await expectAppError(() => t.core.profiles.create(localProfileInput()))).code).toBe(
      'VAULT_ENCRYPTION_UNAVAILABLE',
    );
    expect(events).toEqual(['storage.changed']);
    // Once known, another refusal does not repeat the news.
    await expectAppError(() => t.core.profiles.create(localProfileInput()));
    expect(events).toEqual(['storage.changed']);
    stop();
  });

  it('keeps the weak-storage opt-in across restarts', async () => {
    const { t: first } = await seeded('weak', true);
    t = await first.reopen();
    expect((await t.core.storage.status()).canStoreKeys).toBe(true);
    await t.core.profiles.create(remoteProfileInput());
  });

  it('refuses the opt-in without the acknowledgement', async () => {
    const { t } = await seeded('weak', false);
    const error = await expectAppError(() => t.core.storage.allowWeakEncryption({ acknowledged: false } as never));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fieldErrors?.[0]?.field).toBe('acknowledged');
  });

  it('shows keys as locked while storage is unavailable at start-up, and unlocks them once it returns', async () => {
    const { t: first, ids } = await seeded('available', false);
    first.cipher.setAvailability('unavailable');
    t = await first.reopen();
    expect(t.core.profiles.get({ id: ids.remote })).toMatchObject({
      hasApiKey: true,
      keyStatus: 'locked',
      apiKeyHint: null,
    });
    expect(t.core.profiles.list().profiles.find((p) => p.id === ids.remote)?.keyStatus).toBe('locked'); // cached now
    expect((await expectAppError(() => t!.core.profiles.apiKeyFor(ids.remote))).code).toBe(
      'VAULT_ENCRYPTION_UNAVAILABLE',
    );
    t.cipher.setAvailability('available');
    await t.core.storage.status();
    expect(t.core.profiles.get({ id: ids.remote })).toMatchObject({ keyStatus: 'stored' });
    expect(t.core.profiles.list().profiles.find((p) => p.id === ids.remote)?.keyStatus).toBe('stored');
  });
});
