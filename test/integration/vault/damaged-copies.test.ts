// What a repair leaves behind is bounded and the learner's to remove: damaged copies are listed in the storage
// status, kept for a few and for a month, and removable in one call. And a removed key's ciphertext does not
// linger in the backup: the write after a delete (or a key replaced) rewrites the backup too.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAMAGED_COPIES_KEPT, StorageStatusSchema } from '../../../shared/storage.contract.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { localProfileInput, remoteProfileInput } from '../../support/profile-builders.js';

let t: TestCore;
afterEach(async () => t?.dispose());

const DAY_MS = 24 * 60 * 60 * 1000;

/** Damages the vault and restarts, so one more damaged copy is moved aside. */
async function damageAndReopen(core: TestCore): Promise<TestCore> {
  await writeFile(core.vaultPath, '{ not json');
  return core.reopen();
}

describe('damaged copies', () => {
  it('are listed in the storage status, newest first, and removable; nothing else in the folder is touched', async () => {
    t = await createTestCore();
    await t.core.profiles.create(localProfileInput());
    t = await damageAndReopen(t);
    const status = StorageStatusSchema.parse(await t.core.storage.status());
    expect(status.damagedCopies).toHaveLength(1);
    expect(status.damagedCopies[0]!.path).toBe(status.recovery!.quarantinedPath);
    await writeFile(path.join(t.dir, 'llm-profiles.corrupt-notes.txt'), 'mine');
    const after = await t.core.storage.removeDamagedCopies({});
    expect(after.damagedCopies).toEqual([]);
    expect(await t.listDir()).toContain('llm-profiles.corrupt-notes.txt');
    expect(t.logger.find('storage.damaged_copies_removed').map((r) => r.fields)).toEqual([{ removed: 1 }]);
  });

  it(`keep at most ${DAMAGED_COPIES_KEPT.count}, and none older than ${DAMAGED_COPIES_KEPT.days} days`, async () => {
    t = await createTestCore();
    for (let i = 0; i < DAMAGED_COPIES_KEPT.count + 2; i += 1) {
      await t.core.profiles.create(localProfileInput());
      t = await damageAndReopen(t);
      t.clock.advance(60_000); // each copy a minute after the one before
    }
    const copies = (await t.core.storage.status()).damagedCopies;
    expect(copies).toHaveLength(DAMAGED_COPIES_KEPT.count);
    expect([...copies].sort((a, b) => (a.at < b.at ? 1 : -1))).toEqual(copies);
    // A month on, the next start removes them all.
    t.clock.advance((DAMAGED_COPIES_KEPT.days + 1) * DAY_MS);
    t = await t.reopen();
    expect((await t.core.storage.status()).damagedCopies).toEqual([]);
    expect(t.logger.find('vault.quarantine_pruned').at(-1)?.fields).toMatchObject({
      removed: DAMAGED_COPIES_KEPT.count,
    });
  });
});

describe('the backup after a key is removed', () => {
  const ciphertextOf = async (file: string, id: string) =>
    (JSON.parse(await readFile(file, 'utf8')) as { keys: Record<string, string> }).keys[id];

  it.each([
    ['the profile is deleted', (core: TestCore, id: string) => core.core.profiles.delete({ id })],
    [
      'the key is replaced',
      async (core: TestCore, id: string) =>
        core.core.profiles.update({
          id,
          expectedRevision: core.core.profiles.get({ id }).revision,
          patch: { apiKey: 'sk-replacement-key-0000000000' },
        }),
    ],
  ])('holds no trace of the old ciphertext once %s', async (_label, change) => {
    t = await createTestCore();
    const p = await t.core.profiles.create(remoteProfileInput({ apiKey: 'sk-doomed-key-000000000000' }));
    await t.core.profiles.create(localProfileInput());
    const backupPath = t.vaultPath.replace(/\.json$/, '.backup.json');
    const old = await ciphertextOf(t.vaultPath, p.id);
    expect(old).toBeDefined();
    expect(await ciphertextOf(backupPath, p.id)).toBe(old); // the backup is the version before
    await change(t, p.id);
    for (const file of [t.vaultPath, backupPath]) expect(await readFile(file, 'utf8')).not.toContain(old);
  });
});
