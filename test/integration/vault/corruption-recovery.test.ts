// A vault that does not parse or validate is moved aside byte-identical, the last good backup comes back
// if it validates, otherwise the app starts empty; storage status says what happened and where the file is.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageStatusSchema } from '../../../shared/storage.contract.js';
import { VAULT_SCHEMA_VERSION } from '../../../src/vault/vault-document.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { localProfileInput, remoteProfileInput } from '../../support/profile-builders.js';

let t: TestCore;
afterEach(async () => t?.dispose());

async function withTwoVersions(): Promise<{ t: TestCore; firstId: string; secondId: string }> {
  t = await createTestCore();
  const first = await t.core.profiles.create(remoteProfileInput({ name: 'First', apiKey: 'sk-first-key-00001111' }));
  const second = await t.core.profiles.create(localProfileInput({ name: 'Second' }));
  await t.core.close();
  return { t, firstId: first.id, secondId: second.id };
}

describe('vault corruption', () => {
  it.each([
    ['truncated JSON', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)), 'unparseable'],
    ['binary garbage', () => Buffer.from([0xff, 0xfe, 0x00, 0x42, 0x13]), 'unparseable'],
    ['empty file', () => Buffer.alloc(0), 'unparseable'],
    ['valid JSON, wrong shape', () => Buffer.from('{"schemaVersion":1,"profiles":"nope"}'), 'invalid'],
    [
      'duplicate profile ids',
      (b: Buffer) => {
        const doc = JSON.parse(b.toString()) as { profiles: object[] };
        doc.profiles.push({ ...doc.profiles[0], name: 'Other' });
        return Buffer.from(JSON.stringify(doc));
      },
      'invalid',
    ],
    [
      'active id that does not exist',
      (b: Buffer) => Buffer.from(JSON.stringify({ ...JSON.parse(b.toString()), activeProfileId: 'ghost' })),
      'invalid',
    ],
  ])('%s: quarantined byte-identical, backup restored', async (_name, damage, reason) => {
    const { t: core, firstId, secondId } = await withTwoVersions();
    const damaged = damage(await readFile(core.vaultPath));
    await writeFile(core.vaultPath, damaged);
    t = await core.reopen();
    const status = StorageStatusSchema.parse(await t.core.storage.status());
    expect(status.recovery).toMatchObject({ reason, restoredFrom: 'backup', restoredProfiles: 1 });
    const quarantined = status.recovery!.quarantinedPath!;
    expect(path.dirname(quarantined)).toBe(t.dir);
    expect(await readFile(quarantined)).toEqual(damaged);
    // The backup is the version before the last write: only the first profile, with its key.
    expect(t.core.profiles.list().profiles.map((p) => p.id)).toEqual([firstId]);
    expect(t.core.profiles.list().profiles.map((p) => p.id)).not.toContain(secondId);
    expect(t.core.profiles.apiKeyFor(firstId)).toBe('sk-first-key-00001111');
    expect(t.logger.find('vault.recovered')).toHaveLength(1);
    // The restored vault is durable: the next start is clean.
    t = await t.reopen();
    expect((await t.core.storage.status()).recovery).toBeNull();
    expect(t.core.profiles.list().profiles).toHaveLength(1);
  });

  it('starts empty when the backup is damaged too, and keeps both damaged files', async () => {
    const { t: core } = await withTwoVersions();
    await writeFile(core.vaultPath, 'not json');
    await writeFile(path.join(core.dir, 'llm-profiles.backup.json'), '{"also":"bad"}');
    t = await core.reopen();
    const status = await t.core.storage.status();
    expect(status.recovery).toMatchObject({ reason: 'unparseable', restoredFrom: 'empty', restoredProfiles: 0 });
    expect(t.core.profiles.list().profiles).toEqual([]);
    const corrupt = (await t.listDir()).filter((f) => f.includes('.corrupt-'));
    expect(corrupt).toHaveLength(2);
    const contents = await Promise.all(corrupt.map((f) => readFile(path.join(t.dir, f), 'utf8')));
    expect(contents.sort()).toEqual(['not json', '{"also":"bad"}'].sort());
  });

  it('starts empty without a backup', async () => {
    t = await createTestCore();
    await t.core.profiles.create(localProfileInput());
    await t.core.close();
    await writeFile(t.vaultPath, '{');
    t = await t.reopen();
    expect((await t.core.storage.status()).recovery).toMatchObject({ restoredFrom: 'empty' });
    // After one more write the app has a vault again and a backup of nothing.
    await t.core.profiles.create(localProfileInput());
    expect(t.core.profiles.list().profiles).toHaveLength(1);
  });

  it('never overwrites an earlier quarantined file', async () => {
    t = await createTestCore();
    await t.core.profiles.create(localProfileInput());
    for (const text of ['first damage', 'second damage']) {
      await t.core.close();
      await writeFile(t.vaultPath, text);
      t = await t.reopen();
    }
    const corrupt = (await t.listDir()).filter((f) => f.includes('.corrupt-'));
    const contents = await Promise.all(corrupt.map((f) => readFile(path.join(t.dir, f), 'utf8')));
    expect(contents.sort()).toEqual(['first damage', 'second damage']);
  });

  it('restores from the backup when the vault file vanished', async () => {
    const { t: core, firstId } = await withTwoVersions();
    const { unlink } = await import('node:fs/promises');
    await unlink(core.vaultPath);
    t = await core.reopen();
    expect((await t.core.storage.status()).recovery).toMatchObject({
      reason: 'missing',
      quarantinedPath: null,
      restoredFrom: 'backup',
    });
    expect(t.core.profiles.list().profiles.map((p) => p.id)).toEqual([firstId]);
  });
});

describe('a vault from a newer version of the app', () => {
  it('is neither moved aside nor overwritten: start-up stops with VAULT_NEWER_VERSION', async () => {
    const { t: core } = await withTwoVersions();
    const newer = Buffer.from(
      JSON.stringify({
        ...JSON.parse(String(await readFile(core.vaultPath))),
        schemaVersion: VAULT_SCHEMA_VERSION + 1,
        somethingNew: true,
      }),
    );
    await writeFile(core.vaultPath, newer);
    const files = await core.listDir();
    await expect(core.reopen()).rejects.toMatchObject({ code: 'VAULT_NEWER_VERSION' });
    expect(await readFile(core.vaultPath)).toEqual(newer);
    expect(await core.listDir()).toEqual(files);
    t = core;
  });
});

describe('the app never writes a vault it could not load', () => {
  it('refuses an invalid document before writing: typed error, bytes and memory unchanged', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(localProfileInput());
    const before = await t.readVaultBytes();
    // A provider that reports nonsense figures must not be able to corrupt the vault through the test summary.
    const summary = {
      at: 'not a date',
      ok: true,
      errorCode: null,
      model: 'm',
      timeToFirstTokenMs: -5,
      totalMs: 1,
      outputTokens: 2.5,
      tokensPerSecond: 1,
    };
    expect((await t.core.profiles.recordTestResult(p.id, summary as never))?.code).toBe('INTERNAL');
    expect(await t.readVaultBytes()).toEqual(before);
    expect(t.core.profiles.get({ id: p.id }).lastTest).toBeNull();
    expect(t.logger.find('vault.write_refused_invalid')).toHaveLength(1);
    t = await t.reopen();
    expect((await t.core.storage.status()).recovery).toBeNull();
  });
});

describe('key rotation', () => {
  it('re-encrypts keys the OS asks to have re-encrypted, in the background after start-up', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(remoteProfileInput({ apiKey: 'sk-rotate-me-00001111' }));
    await t.core.close();
    const before = await t.readVaultBytes();
    t.cipher.rotateAt = 1;
    t = await t.reopen();
    await t.core.close(); // waits for the queued re-encryption
    expect(await t.readVaultBytes()).not.toEqual(before);
    expect(t.logger.find('vault.keys_reencrypted')[0]?.fields).toEqual({ count: 1 });
    const doc = JSON.parse(String(await t.readVaultBytes()));
    expect(Buffer.from(doc.keys[p.id], 'base64').subarray(0, 3).toString()).toBe('fk2');
    t = await t.reopen();
    expect(t.core.profiles.apiKeyFor(p.id)).toBe('sk-rotate-me-00001111');
  });
});

describe('unreadable keys', () => {
  it('marks only the profile whose key fails to decrypt; the rest load', async () => {
    t = await createTestCore();
    const a = await t.core.profiles.create(remoteProfileInput({ apiKey: 'sk-aaaa-aaaa-aaaa-1111' }));
    const b = await t.core.profiles.create(remoteProfileInput({ apiKey: 'sk-bbbb-bbbb-bbbb-2222' }));
    await t.core.close();
    const doc = JSON.parse(await readFile(t.vaultPath, 'utf8'));
    const bytes = Buffer.from(doc.keys[a.id], 'base64');
    bytes[bytes.length - 1]! ^= 0xff; // flip a bit of the auth tag
    doc.keys[a.id] = bytes.toString('base64');
    await writeFile(t.vaultPath, JSON.stringify(doc));
    t = await t.reopen();
    expect((await t.core.storage.status()).recovery).toBeNull();
    expect(t.core.profiles.get({ id: a.id })).toMatchObject({
      keyStatus: 'unreadable',
      hasApiKey: true,
      apiKeyHint: null,
    });
    expect(t.core.profiles.get({ id: b.id })).toMatchObject({ keyStatus: 'stored', apiKeyHint: '2222' });
    expect((await t.core.storage.status()).unreadableKeyCount).toBe(1);
    await expect(async () => t.core.profiles.apiKeyFor(a.id)).rejects.toMatchObject({ code: 'VAULT_KEY_UNREADABLE' });
    // Entering the key again repairs it.
    const repaired = await t.core.profiles.update({
      id: a.id,
      expectedRevision: 1,
      patch: { apiKey: 'sk-aaaa-aaaa-aaaa-3333' },
    });
    expect(repaired).toMatchObject({ keyStatus: 'stored', apiKeyHint: '3333' });
  });

  it('marks every key unreadable after the OS key changed, without losing a profile', async () => {
    t = await createTestCore();
    await t.core.profiles.create(remoteProfileInput());
    await t.core.profiles.create(remoteProfileInput());
    const { FakeSecretCipher } = await import('../../support/fake-secret-cipher.js');
    t = await t.reopen({ cipher: new FakeSecretCipher() });
    expect(t.core.profiles.list().profiles.map((p) => p.keyStatus)).toEqual(['unreadable', 'unreadable']);
  });
});
