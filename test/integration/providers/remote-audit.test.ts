// Every request that leaves the computer leaves one diagnostics line naming the host and the consent it relied
// on: stored with the profile (and when), or ticked in the form for an unsaved draft. Loopback calls leave none.
// The "remote" host is routed by the network port to a loopback fake; nothing really leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import type { Network } from '../../../src/ports/network.port.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm, type FakeServer } from '../../support/fake-providers/index.js';
import { remoteProfileInput } from '../../support/profile-builders.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';

const REMOTE = 'https://api.example.com';
const KEY = 'sk-remote-audit-key-000000001';

let fake: FakeServer;
let t: TestCore;
beforeAll(async () => {
  fake = await startFakeLlm({ kind: 'openai', apiKey: KEY, models: ['gpt-4o-mini'] });
  const routed: Network = {
    ...fetchNetwork,
    fetch: (url, request) => fetchNetwork.fetch(url.replace(REMOTE, fake.url), request),
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
      { purpose: 'test', host: 'api.example.com', consent: 'stored', consentAt: t.clock.now().toISOString() },
    ]);
  });

  it('an unsaved draft: model listing records consent given in the form', async () => {
    const before = audit().length;
    const { models } = await t.core.models.list({
      draft: { kind: 'openai', baseUrl: `${REMOTE}/v1`, apiKey: KEY, remoteConsent: true },
    });
    expect(models.map((m) => m.id)).toContain('gpt-4o-mini');
    expect(audit().slice(before)).toEqual([
      { purpose: 'models', host: 'api.example.com', consent: 'given-in-form', consentAt: null },
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
