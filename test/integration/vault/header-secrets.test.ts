// Extra header values are kept like API keys: each encrypted on its own, nowhere on disk in the clear (vault,
// backup, logs), decrypted again on the next start, locked or unreadable as a key would be. A version-2 vault (no
// headers) loads as it is and the next write stores version 3.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { targetForProfile } from '../../../src/providers/provider-access.js';
import { VAULT_SCHEMA_VERSION } from '../../../src/vault/vault-document.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { FakeSecretCipher } from '../../support/fake-secret-cipher.js';
import { keyForms } from '../../support/key-forms.js';
import { localProfileInput } from '../../support/profile-builders.js';

let t: TestCore;
afterEach(async () => t?.dispose());

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

const value = (n: number) => `gateway-secret-${n}-${'abcdefghij'.repeat(3)}/+=`;

describe('extra header values on disk', () => {
  it('appear in no file under the data dir in any encoding, and decrypt back after a restart', async () => {
    t = await createTestCore({ logsInDataDir: true });
    const values: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const headers = [
        { name: 'CF-Access-Client-Id', value: value(i * 2) },
        { name: 'CF-Access-Client-Secret', value: value(i * 2 + 1) },
      ];
      values.push(...headers.map((h) => h.value));
      ids.push((await t.core.profiles.create(localProfileInput({ headers }))).id);
    }
    // Replace one value and keep the other; remove all of another profile's; delete a third profile.
    values.push(value(100));
    await t.core.profiles.update({
      id: ids[0]!,
      expectedRevision: 1,
      patch: {
        headers: [
          { name: 'cf-access-client-id', keep: true },
          { name: 'CF-Access-Client-Secret', value: value(100) },
        ],
      },
    });
    await t.core.profiles.update({ id: ids[1]!, expectedRevision: 1, patch: { headers: null } });
    await t.core.profiles.delete({ id: ids[2]! });
    t = await t.reopen();
    expect(t.core.profiles.headersFor(ids[0]!)).toEqual([
      { name: 'cf-access-client-id', value: value(0) },
      { name: 'CF-Access-Client-Secret', value: value(100) },
    ]);
    expect(t.core.profiles.headersFor(ids[1]!)).toEqual([]);
    expect(t.core.profiles.headersFor(ids[5]!)[1]!.value).toBe(value(11));
    await t.settle();

    const files = await allFiles(t.dir);
    expect(files.some((f) => f.endsWith('.backup.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.jsonl'))).toBe(true);
    const vault = JSON.parse(await readFile(t.vaultPath, 'utf8')) as { headers: Record<string, unknown> };
    expect(Object.keys(vault.headers).sort()).toEqual(ids.filter((_, i) => i !== 1 && i !== 2).sort());
    const hits: string[] = [];
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1').toLowerCase().replace(/\s+/g, '');
      values.forEach((v, k) => {
        for (const { name, form } of keyForms(v))
          if (text.includes(form)) hits.push(`${path.basename(file)}: #${k} ${name}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('keeping a value reuses its ciphertext: no keychain call, and only the changed value is encrypted', async () => {
    t = await createTestCore();
    const headers = [
      { name: 'X-One', value: value(1) },
      { name: 'X-Two', value: value(2) },
    ];
    const profile = await t.core.profiles.create(localProfileInput({ headers }));
    const before = t.cipher.encryptCalls;
    await t.core.profiles.update({
      id: profile.id,
      expectedRevision: 1,
      patch: {
        headers: [
          { name: 'X-One', keep: true },
          { name: 'X-Two', value: value(3) },
        ],
      },
    });
    expect(t.cipher.encryptCalls - before).toBe(1);
  });

  it('locked while secure storage is unavailable, unreadable under another keychain: names still shown', async () => {
    t = await createTestCore();
    const profile = await t.core.profiles.create(
      localProfileInput({ headers: [{ name: 'X-Portkey-Api-Key', value: value(7) }] }),
    );
    t = await t.reopen({ availability: 'unavailable' });
    const locked = t.core.profiles.get({ id: profile.id });
    expect(locked).toMatchObject({ headerNames: ['X-Portkey-Api-Key'], headersStatus: 'locked' });
    await expectAppError(() => targetForProfile(t.core.profiles, profile.id), 'VAULT_ENCRYPTION_UNAVAILABLE');

    t = await t.reopen({ cipher: new FakeSecretCipher() });
    expect(t.core.profiles.get({ id: profile.id })).toMatchObject({
      headerNames: ['X-Portkey-Api-Key'],
      headersStatus: 'unreadable',
    });
    await expectAppError(() => targetForProfile(t.core.profiles, profile.id), 'VAULT_HEADERS_UNREADABLE');
    const data = await expectAppError(
      t.core.profiles.update({
        id: profile.id,
        expectedRevision: 1,
        patch: { headers: [{ name: 'X-Portkey-Api-Key', keep: true }] },
      }),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors?.map((e) => e.field)).toEqual(['headers.0.value']);
    // Entering the value again makes it readable.
    const fixed = await t.core.profiles.update({
      id: profile.id,
      expectedRevision: 1,
      patch: { headers: [{ name: 'X-Portkey-Api-Key', value: value(8) }] },
    });
    expect(fixed.headersStatus).toBe('stored');
  });
});

describe('a version-2 vault, written before extra headers', () => {
  it('loads with no headers, and the next write stores the current version', async () => {
    t = await createTestCore();
    const created = await t.core.profiles.create(localProfileInput({ apiKey: 'sk-version-two-key-000000' }));
    await t.core.close();
    const doc = JSON.parse(String(await t.readVaultBytes())) as Record<string, unknown>;
    doc.schemaVersion = 2;
    delete doc.headers;
    await writeFile(t.vaultPath, JSON.stringify(doc));
    t = await t.reopen();
    const view = t.core.profiles.get({ id: created.id });
    expect(view).toMatchObject({ headerNames: [], headersStatus: 'none', keyStatus: 'stored' });
    await t.core.profiles.update({ id: created.id, expectedRevision: 1, patch: { name: 'Renamed' } });
    const written = JSON.parse(String(await t.readVaultBytes())) as Record<string, unknown>;
    expect(written.schemaVersion).toBe(VAULT_SCHEMA_VERSION);
    expect(VAULT_SCHEMA_VERSION).toBe(3);
    expect(written.headers).toEqual({});
  });

  it('a version-2 file that somehow has headers is not read as version 2: it is moved aside', async () => {
    t = await createTestCore();
    await t.core.profiles.create(localProfileInput());
    await t.core.close();
    const doc = JSON.parse(String(await t.readVaultBytes())) as Record<string, unknown>;
    doc.schemaVersion = 2;
    await writeFile(t.vaultPath, JSON.stringify(doc));
    t = await t.reopen();
    expect((await t.core.storage.status()).recovery).not.toBeNull();
  });
});
