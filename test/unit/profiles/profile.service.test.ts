import { afterEach, describe, expect, it } from 'vitest';
import { ProfileListSchema, ProfileViewSchema } from '../../../shared/profile.contract.js';
import { AppError } from '../../../src/errors/app-error.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { localProfileInput, remoteProfileInput } from '../../support/profile-builders.js';

let t: TestCore;
afterEach(async () => t?.dispose());

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('ProfileService', () => {
  it('creates, lists and gets profiles; views carry no key, only a hint', async () => {
    t = await createTestCore();
    const created = await t.core.profiles.create(
      remoteProfileInput({ name: 'Work', apiKey: 'sk-abcdefghijklmnop1234' }),
    );
    expect(ProfileViewSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({
      name: 'Work',
      revision: 1,
      hasApiKey: true,
      apiKeyHint: '1234',
      keyStatus: 'stored',
      location: 'remote',
    });
    expect(JSON.stringify(created)).not.toContain('abcdefghijklmnop');
    const list = t.core.profiles.list();
    expect(ProfileListSchema.parse(list).profiles.map((p) => p.id)).toEqual([created.id]);
    expect(t.core.profiles.get({ id: created.id })).toEqual(created);
  });

  it('refuses a duplicate name without regard to case, and writes nothing', async () => {
    t = await createTestCore();
    await t.core.profiles.create(localProfileInput({ name: 'Home' }));
    const before = await t.readVaultBytes();
    expect(await codeOf(t.core.profiles.create(localProfileInput({ name: '  hOME ' })))).toBe('PROFILE_NAME_TAKEN');
    expect(await t.readVaultBytes()).toEqual(before);
  });

  it('updates with the right revision and refuses a stale one', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(localProfileInput());
    const updated = await t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { model: 'qwen3' } });
    expect(updated).toMatchObject({ model: 'qwen3', revision: 2 });
    const before = await t.readVaultBytes();
    expect(await codeOf(t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { model: 'x' } }))).toBe(
      'PROFILE_REVISION_CONFLICT',
    );
    expect(await t.readVaultBytes()).toEqual(before);
    expect(t.core.profiles.get({ id: p.id }).model).toBe('qwen3');
  });

  it('treats an update that changes nothing as a no-op', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(localProfileInput());
    const same = await t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { model: p.model } });
    expect(same.revision).toBe(1);
  });

  it('replaces and removes keys', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(
      localProfileInput({ kind: 'openai-compatible', preset: 'jan', baseUrl: 'http://127.0.0.1:1337/v1' }),
    );
    expect(p.hasApiKey).toBe(false);
    const withKey = await t.core.profiles.update({
      id: p.id,
      expectedRevision: 1,
      patch: { apiKey: 'jan-secret-key-long-9876' },
    });
    expect(withKey).toMatchObject({ hasApiKey: true, apiKeyHint: '9876' });
    expect(t.core.profiles.apiKeyFor(p.id)).toBe('jan-secret-key-long-9876');
    // A short key shows no hint at all: four of its characters would give away too much of it.
    const short = await t.core.profiles.update({
      id: p.id,
      expectedRevision: 2,
      patch: { apiKey: 'short-key-19-chars!' },
    });
    expect(short).toMatchObject({ hasApiKey: true, apiKeyHint: null, keyStatus: 'stored' });
    const without = await t.core.profiles.update({ id: p.id, expectedRevision: 3, patch: { apiKey: null } });
    expect(without).toMatchObject({ hasApiKey: false, apiKeyHint: null, keyStatus: 'none' });
  });

  it('never carries a saved key to another server: moving the address needs the key decided again', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(
      localProfileInput({
        kind: 'openai-compatible',
        preset: 'vllm',
        baseUrl: 'http://127.0.0.1:8000/v1',
        apiKey: 'vllm-key-for-8000-abcd',
      }),
    );
    const before = await t.readVaultBytes();
    const error = await t.core.profiles
      .update({ id: p.id, expectedRevision: 1, patch: { baseUrl: 'http://127.0.0.1:9000/v1' } })
      .catch((e: AppError) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'apiKey', message: expect.stringContaining('address changed') }],
    });
    expect(await t.readVaultBytes()).toEqual(before);
    // Same server, other path: the key stays.
    expect(
      (await t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { baseUrl: 'http://127.0.0.1:8000/v1/' } }))
        .hasApiKey,
    ).toBe(true);
    // Another server with a new key, or without any key: fine.
    expect(
      (
        await t.core.profiles.update({
          id: p.id,
          expectedRevision: 2,
          patch: { baseUrl: 'http://127.0.0.1:9000/v1', apiKey: 'vllm-key-for-9000-efgh' },
        })
      ).apiKeyHint,
    ).toBe('efgh');
    expect(
      (
        await t.core.profiles.update({
          id: p.id,
          expectedRevision: 3,
          patch: { baseUrl: 'http://127.0.0.1:7000/v1', apiKey: null },
        })
      ).hasApiKey,
    ).toBe(false);
  });

  it('refuses to remove the key a cloud provider needs', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(remoteProfileInput());
    expect(await codeOf(t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { apiKey: null } }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('drops Azure fields and presets when the kind changes', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(
      remoteProfileInput({
        kind: 'azure-openai',
        baseUrl: 'https://r.openai.azure.com',
        azureDeployment: 'd1',
        azureApiVersion: 'v1',
      }),
    );
    const changed = await t.core.profiles.update({
      id: p.id,
      expectedRevision: 1,
      patch: { kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-openai-now-00001111' },
      remoteConsent: true,
    });
    expect(changed).toMatchObject({ kind: 'openai', azureDeployment: null, azureApiVersion: null });
  });

  it('activates, marks the active profile in the list, and clears it when deleted', async () => {
    t = await createTestCore();
    const a = await t.core.profiles.create(localProfileInput());
    const b = await t.core.profiles.create(localProfileInput());
    await t.core.profiles.activate({ id: b.id });
    expect(t.core.profiles.list().profiles.map((p) => p.isActive)).toEqual([false, true]);
    expect(t.core.profiles.list().activeProfileId).toBe(b.id);
    const result = await t.core.profiles.delete({ id: b.id });
    expect(result).toEqual({ id: b.id, activeProfileId: null });
    expect(t.core.profiles.list().profiles.map((p) => p.id)).toEqual([a.id]);
    const reopened = await t.reopen();
    expect(reopened.core.profiles.list().activeProfileId).toBeNull();
    t = reopened;
  });

  it('makes a profile on this computer the active one when none is, never a remote one', async () => {
    t = await createTestCore();
    // A remote profile first: it waits to be chosen, consent given or not.
    const remote = await t.core.profiles.create(remoteProfileInput());
    expect(remote.isActive).toBe(false);
    expect(t.core.profiles.list().activeProfileId).toBeNull();
    const local = await t.core.profiles.create(localProfileInput());
    expect(local.isActive).toBe(true);
    expect(t.core.profiles.list().activeProfileId).toBe(local.id);
    // One in use already: the next local one does not take its place.
    const another = await t.core.profiles.create(localProfileInput());
    expect(another.isActive).toBe(false);
    t = await t.reopen();
    expect(t.core.profiles.list().activeProfileId).toBe(local.id);
  });

  it('deleting another profile keeps the active choice', async () => {
    t = await createTestCore();
    const a = await t.core.profiles.create(localProfileInput());
    const b = await t.core.profiles.create(localProfileInput());
    await t.core.profiles.activate({ id: a.id });
    expect((await t.core.profiles.delete({ id: b.id })).activeProfileId).toBe(a.id);
  });

  it('reports unknown ids as PROFILE_NOT_FOUND', async () => {
    t = await createTestCore();
    expect(await codeOf(() => t.core.profiles.get({ id: 'nope' }))).toBe('PROFILE_NOT_FOUND');
    expect(await codeOf(t.core.profiles.activate({ id: 'nope' }))).toBe('PROFILE_NOT_FOUND');
    expect(await codeOf(t.core.profiles.delete({ id: 'nope' }))).toBe('PROFILE_NOT_FOUND');
  });

  it('persists across a reopen, keys included', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(remoteProfileInput({ apiKey: 'sk-persist-me-0000-1111' }));
    t = await t.reopen();
    expect(t.core.profiles.get({ id: p.id })).toMatchObject({
      hasApiKey: true,
      apiKeyHint: '1111',
      keyStatus: 'stored',
    });
    expect(t.core.profiles.apiKeyFor(p.id)).toBe('sk-persist-me-0000-1111');
  });

  it('announces each change with the active id and logs a domain record', async () => {
    t = await createTestCore();
    const seen: string[] = [];
    t.core.changes.subscribe((e) => seen.push(`${e.type}:${e.profileId}`));
    const p = await t.core.profiles.create(localProfileInput());
    const q = await t.core.profiles.create(localProfileInput());
    await t.core.profiles.activate({ id: q.id });
    await t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { name: 'Renamed' } });
    await t.core.profiles.delete({ id: p.id });
    expect(seen).toEqual([
      `profile.created:${p.id}`,
      `profile.created:${q.id}`,
      `profile.activated:${q.id}`,
      `profile.updated:${p.id}`,
      `profile.deleted:${p.id}`,
    ]);
    expect(t.logger.events()).toEqual([
      'profile.created',
      'profile.created',
      'profile.activated',
      'profile.updated',
      'profile.deleted',
    ]);
  });
});

describe('remote consent', () => {
  it('refuses to create a remote profile without consent and writes nothing', async () => {
    t = await createTestCore();
    const error = await t.core.profiles
      .create(remoteProfileInput({ remoteConsent: undefined }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONSENT_REQUIRED');
    expect((error as AppError).params.host).toBe('api.openai.com');
    expect(await t.readVaultBytes()).toBeNull();
  });

  it('stores a consent timestamp and keeps it across unrelated updates', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(remoteProfileInput());
    const consentAt = t.clock.now().toISOString();
    expect(p.remoteConsentAt).toBe(consentAt);
    t.clock.advance(60_000);
    const u = await t.core.profiles.update({
      id: p.id,
      expectedRevision: 1,
      patch: { model: 'gpt-4.1', name: 'Renamed', apiKey: 'sk-new-key-000000000' },
    });
    expect(u.remoteConsentAt).toBe(consentAt);
    const moved = await t.core.profiles.update({
      id: p.id,
      expectedRevision: 2,
      patch: { baseUrl: 'https://api.openai.com/v2' },
    });
    expect(moved.remoteConsentAt).toBe(consentAt); // same host
  });

  it('requires consent again when the host changes to another remote host', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(remoteProfileInput());
    const patch = { baseUrl: 'https://proxy.example.org/v1', apiKey: 'sk-proxy-key-00001111' };
    expect(await codeOf(t.core.profiles.update({ id: p.id, expectedRevision: 1, patch }))).toBe('CONSENT_REQUIRED');
    t.clock.advance(1000);
    const u = await t.core.profiles.update({ id: p.id, expectedRevision: 1, patch, remoteConsent: true });
    expect(u.remoteConsentAt).toBe(t.clock.now().toISOString());
    expect(u.host).toBe('proxy.example.org');
  });

  it('needs no consent for loopback profiles, and none when moving a remote one home', async () => {
    t = await createTestCore();
    const local = await t.core.profiles.create(localProfileInput());
    expect(local).toMatchObject({ location: 'local', remoteConsentAt: null });
    const p = await t.core.profiles.create(
      remoteProfileInput({
        kind: 'openai-compatible',
        preset: 'vllm',
        apiKey: undefined,
        baseUrl: 'http://10.0.0.5:8000/v1',
      }),
    );
    const home = await t.core.profiles.update({
      id: p.id,
      expectedRevision: 1,
      patch: { baseUrl: 'http://127.0.0.1:8000/v1' },
    });
    expect(home.location).toBe('local');
  });

  it('refuses to activate a remote profile whose consent does not cover its host', async () => {
    t = await createTestCore();
    // A vault written before consent existed (or edited by hand): the profile points at a remote host without consent.
    const p = await t.core.profiles.create(
      localProfileInput({ kind: 'openai-compatible', preset: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1' }),
    );
    await t.core.close();
    const raw = JSON.parse(String(await t.readVaultBytes()));
    raw.profiles[0].baseUrl = 'http://10.1.2.3:8000/v1';
    const { writeFile } = await import('node:fs/promises');
    await writeFile(t.vaultPath, JSON.stringify(raw));
    t = await t.reopen();
    const before = await t.readVaultBytes();
    expect(await codeOf(t.core.profiles.activate({ id: p.id }))).toBe('CONSENT_REQUIRED');
    expect(await t.readVaultBytes()).toEqual(before);
    const active = await t.core.profiles.activate({ id: p.id, remoteConsent: true });
    expect(active).toMatchObject({ isActive: true, remoteConsentAt: t.clock.now().toISOString() });
  });
});
