// Every request that leaves the computer leaves one audit line naming the origin (scheme, host and port) and the
// consent it relied on: stored with the profile (and when), or ticked in the form for an unsaved draft. Loopback
// calls leave none. Consent is bound to the origin, and a key never travels over plain http off this computer.
// The "remote" origins are routed by the network port to a loopback fake; nothing really leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import type { Network } from '../../../src/ports/network.port.js';
import { endpointOrigin } from '../../../shared/origin.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm, type FakeServer } from '../../support/fake-providers/index.js';
import { remoteProfileInput } from '../../support/profile-builders.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';

const REMOTE = 'https://api.example.com';
const LAN = 'http://lan.example:8080';
const KEY = 'sk-remote-audit-key-000000001';

let fake: FakeServer;
let t: TestCore;
beforeAll(async () => {
  fake = await startFakeLlm({ kind: 'openai', apiKey: KEY, models: ['gpt-4o-mini'] });
  const routed: Network = {
    ...fetchNetwork,
    fetch: (url, request) => fetchNetwork.fetch(url.replace(REMOTE, fake.url).replace(LAN, fake.url), request),
  };
  t = await createTestCore({ network: routed });
});
afterAll(async () => {
  await t.dispose();
  await fake.close();
});

const audit = () => t.logger.find('provider.remote_request').map((r) => r.fields);

describe('remote requests are audited with their consent', () => {
  it('a saved remote profile: the test names the host and the stored consent time', async () => {
    const p = await t.core.profiles.create(remoteProfileInput({ baseUrl: `${REMOTE}/v1`, apiKey: KEY }));
    const { result } = await runTest(t, p.id);
    expect(result?.ok).toBe(true);
    expect(audit()).toEqual([
      {
        purpose: 'test',
        origin: 'https://api.example.com:443',
        scheme: 'https',
        host: 'api.example.com',
        port: 443,
        withKey: true,
        extraHeaders: [],
        consent: 'stored',
        consentAt: t.clock.now().toISOString(),
      },
    ]);
  });

  it('an unsaved draft: model listing records consent given in the form', async () => {
    const before = audit().length;
    const { models } = await t.core.models.list({
      draft: { kind: 'openai', baseUrl: `${REMOTE}/v1`, apiKey: KEY, remoteConsent: true },
    });
    expect(models.map((m) => m.id)).toContain('gpt-4o-mini');
    expect(audit().slice(before)).toEqual([
      {
        purpose: 'models',
        origin: 'https://api.example.com:443',
        scheme: 'https',
        host: 'api.example.com',
        port: 443,
        withKey: true,
        extraHeaders: [],
        consent: 'given-in-form',
        consentAt: null,
      },
    ]);
  });

  it('a loopback server leaves no audit line', async () => {
    const before = audit().length;
    await using local = await startFakeLlm({ kind: 'ollama' });
    const p = await t.core.profiles.create(profileForFake('ollama', local.url, { name: 'local audit' }));
    expect((await runTest(t, p.id)).result?.ok).toBe(true);
    expect(audit()).toHaveLength(before);
  });
});

const keyless = (baseUrl: string) =>
  remoteProfileInput({ kind: 'openai-compatible', preset: 'vllm', baseUrl, apiKey: undefined });

describe('consent is bound to the origin: scheme, host and port', () => {
  it.each([
    ['https → http', 'http://api.example.com/v1'],
    ['another port', 'https://api.example.com:8443/v1'],
    ['another host', 'https://api.other.example/v1'],
  ])('%s needs new consent, even with a new key', async (_label, baseUrl) => {
    const p = await t.core.profiles.create(keyless(`${REMOTE}/v1`));
    const moved = { id: p.id, expectedRevision: p.revision, patch: { baseUrl } };
    await expectAppError(t.core.profiles.update(moved), 'CONSENT_REQUIRED');
    expect(t.core.profiles.get({ id: p.id })).toEqual(p);
    const updated = await t.core.profiles.update({ ...moved, remoteConsent: true });
    expect(t.core.profiles.storedProfile(p.id).remoteConsent?.origin).toBe(endpointOrigin(baseUrl));
    expect(updated.remoteConsentAt).not.toBeNull();
  });

  it('a key over plain http to another computer is refused on save, with the address field named', async () => {
    const error = await expectAppError(
      t.core.profiles.create(remoteProfileInput({ baseUrl: `${LAN}/v1`, apiKey: KEY })),
      'PROFILE_KEY_NEEDS_HTTPS',
    );
    expect(error.fieldErrors?.map((f) => f.field)).toEqual(['baseUrl']);
    expect(error.message).toContain('http://lan.example:8080');
    // Without a key the same server is fine (a model server on the home network), once consented to.
    const p = await t.core.profiles.create(keyless(`${LAN}/v1`));
    await expectAppError(
      t.core.profiles.update({ id: p.id, expectedRevision: p.revision, patch: { apiKey: KEY } }),
      'PROFILE_KEY_NEEDS_HTTPS',
    );
    expect(t.core.profiles.get({ id: p.id })).toEqual(p);
  });

  it('a draft with a key over plain http is refused before anything is sent', async () => {
    const before = fake.requests.length;
    await expectAppError(
      t.core.models.list({ draft: { kind: 'openai', baseUrl: `${LAN}/v1`, apiKey: KEY, remoteConsent: true } }),
      'PROFILE_KEY_NEEDS_HTTPS',
    );
    expect(fake.requests).toHaveLength(before);
  });

  it('plain http without a key is audited with its scheme and port', async () => {
    const before = audit().length;
    // The fake wants a key, so the listing fails; the audit line is written before anything is sent.
    await expectAppError(
      t.core.models.list({ draft: { kind: 'openai', baseUrl: `${LAN}/v1`, remoteConsent: true } }),
      'PROVIDER_KEY_NEEDED',
    );
    expect(audit().slice(before)).toMatchObject([
      { purpose: 'models', origin: 'http://lan.example:8080', scheme: 'http', port: 8080, withKey: false },
    ]);
  });
});
