// Vaults written before consent was bound to the origin recorded `{ at, host }`. They load, and a host-only
// record covers that host over https on its default port and nothing wider; the next write stores version 2.
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { targetForProfile } from '../../../src/providers/provider-access.js';
import { VAULT_SCHEMA_VERSION } from '../../../src/vault/vault-document.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';

let t: TestCore;
afterEach(async () => t?.dispose());

const CONSENT_AT = '2025-06-01T10:00:00.000Z';

/** A vault as version 1 wrote it: one remote profile without a key, consent recorded for its host only. */
async function versionOneVault(host: string, baseUrl: string): Promise<TestCore> {
  t = await createTestCore();
  const created = await t.core.profiles.create({
    name: 'Remote',
    kind: 'openai-compatible',
    preset: 'vllm',
    baseUrl,
    model: 'some-model',
    remoteConsent: true,
  });
  await t.core.close();
  const doc = JSON.parse(String(await t.readVaultBytes())) as {
    schemaVersion: number;
    profiles: Array<Record<string, unknown>>;
    headers?: unknown;
  };
  doc.schemaVersion = 1;
  delete doc.headers; // extra headers came with version 3
  doc.profiles[0]!.remoteConsent = { at: CONSENT_AT, host };
  await writeFile(t.vaultPath, JSON.stringify(doc));
  t = await t.reopen();
  expect(t.core.profiles.list().profiles.map((p) => p.id)).toEqual([created.id]);
  return t;
}

describe('consent recorded per host by version 1', () => {
  it('loads as consent for https on the default port, and the next write stores the current version', async () => {
    const core = await versionOneVault('api.example.com', 'https://api.example.com/v1');
    const [view] = core.core.profiles.list().profiles;
    expect(view!.remoteConsentAt).toBe(CONSENT_AT);
    expect(core.core.profiles.storedProfile(view!.id).remoteConsent).toEqual({
      at: CONSENT_AT,
      origin: 'https://api.example.com:443',
    });
    const updated = await core.core.profiles.update({
      id: view!.id,
      expectedRevision: view!.revision,
      patch: { name: 'Renamed' },
    });
    expect(updated.remoteConsentAt).toBe(CONSENT_AT);
    const written = JSON.parse(String(await core.readVaultBytes())) as {
      schemaVersion: number;
      profiles: Array<{ remoteConsent: unknown }>;
    };
    expect(written.schemaVersion).toBe(VAULT_SCHEMA_VERSION);
    expect(written.profiles[0]!.remoteConsent).toEqual({ at: CONSENT_AT, origin: 'https://api.example.com:443' });
  });

  it.each([
    ['plain http on the same host', 'http://api.example.com/v1'],
    ['another port on the same host', 'https://api.example.com:8443/v1'],
  ])('is not widened to %s: the profile loads without consent', async (_label, baseUrl) => {
    const core = await versionOneVault('api.example.com', baseUrl);
    const [view] = core.core.profiles.list().profiles;
    expect(view!.remoteConsentAt).toBeNull();
    await expectAppError(() => targetForProfile(core.core.profiles, view!.id), 'CONSENT_REQUIRED');
  });

  it('keeps an IPv6 host in brackets', async () => {
    const core = await versionOneVault('2001:db8::1', 'https://[2001:db8::1]/v1');
    const [view] = core.core.profiles.list().profiles;
    expect(core.core.profiles.storedProfile(view!.id).remoteConsent).toEqual({
      at: CONSENT_AT,
      origin: 'https://[2001:db8::1]:443',
    });
    expect(view!.remoteConsentAt).toBe(CONSENT_AT);
  });
});
