// Every OpenAI-compatible cloud preset against a loopback fake of its documented format: the chat goes to the
// documented path with a Bearer key, stream_options only where the service takes it, the models come from the
// documented list (bare arrays included); and at the service's real address nothing is sent before consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelListSchema } from '../../../shared/models.contract.js';
import { defaultBaseUrl, PRESETS } from '../../../shared/provider.contract.js';
import type { Network } from '../../../src/ports/network.port.js';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm } from '../../support/fake-providers/index.js';
import { CLOUD_KINDS, CLOUD_SERVICES } from '../../support/fake-providers/cloud-services.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';
import { expectAppError } from '../../support/app-error-assertions.js';

let t: TestCore;
let sent = 0;
beforeAll(async () => {
  const counting: Network = {
    ...fetchNetwork,
    fetch: (url, request) => ((sent += 1), fetchNetwork.fetch(url, request)),
  };
  t = await createTestCore({ network: counting });
});
afterAll(async () => t.dispose());

describe.each(CLOUD_KINDS)('the %s preset', (kind) => {
  const preset = PRESETS[kind];
  const key = `${kind}-fake-key-0001`;

  it('tests and lists models against its documented format, with its key as a Bearer token', async () => {
    await using fake = await startFakeLlm({
      kind,
      apiKey: key,
      models: ['test-model', 'second-model'],
    });
    const profile = await t.core.profiles.create(profileForFake(kind, fake.url));
    const { result } = await runTest(t, profile.id);
    expect(result?.error ?? null).toBeNull();
    expect(result).toMatchObject({ ok: true, preview: 'Hello from the fake.' });
    // Documented path: base + /chat/completions, never an added /v1 where the service has none.
    expect(result!.resolvedEndpoint).toBe(`${fake.url}${CLOUD_SERVICES[kind].basePath}/chat/completions`);
    const chat = fake.requests.find((r) => r.method === 'POST')!;
    expect(chat.headers.authorization).toBe(`Bearer ${key}`);
    expect(chat.body.includes('stream_options')).toBe(preset.streamUsage);
    expect(result!.metrics!.outputTokensSource).toBe(preset.streamUsage ? 'server' : 'estimated');

    const list = ModelListSchema.parse(await t.core.models.list({ id: profile.id }));
    expect(list.models.map((m) => m.id)).toEqual(['second-model', 'test-model']);
    expect(list.endpoint).toBe(`${fake.url}${CLOUD_SERVICES[kind].modelsPath}`);
    const listing = fake.requests.find((r) => r.method === 'GET')!;
    expect(listing.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('at its real address, needs a key and then consent before anything is sent', async () => {
    const before = sent;
    const base = { name: `${kind} for real`, kind: 'openai-compatible' as const, preset: kind, model: 'm' };
    const baseUrl = defaultBaseUrl('openai-compatible', kind);
    expect(baseUrl.startsWith('https://')).toBe(true);
    const noKey = await expectAppError(t.core.profiles.create({ ...base, baseUrl }), 'VALIDATION_FAILED');
    expect(noKey.fieldErrors?.map((f) => f.field)).toContain('apiKey');
    await expectAppError(t.core.profiles.create({ ...base, baseUrl, apiKey: key }), 'CONSENT_REQUIRED');
    await expectAppError(
      t.core.models.list({ draft: { kind: 'openai-compatible', preset: kind, baseUrl, apiKey: key } }),
      'CONSENT_REQUIRED',
    );
    expect(sent).toBe(before);
  });
});

describe('cloud services that refuse what they do not know', () => {
  it('a fake that refuses stream_options does so, so the presets above prove the app leaves it out', async () => {
    await using fake = await startFakeLlm({ kind: 'mistral', apiKey: 'mistral-fake-key-0001' });
    const response = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer mistral-fake-key-0001', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'test-model',
        messages: [],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('extra_forbidden');
  });

  it('models from a bare-array list keep what the service says about them (GitHub catalog, Together)', async () => {
    for (const kind of ['github-models', 'together'] as const) {
      await using fake = await startFakeLlm({
        kind,
        apiKey: `${kind}-fake-key-0001`,
        models: ['openai/gpt-4.1', 'openai/text-embedding-3-small'],
        modelInfo: { 'openai/text-embedding-3-small': { kind: 'embedding', contextLength: 8191 } },
      });
      const input = profileForFake(kind, fake.url);
      const list = await t.core.models.list({
        draft: { kind: 'openai-compatible', preset: kind, baseUrl: input.baseUrl, apiKey: input.apiKey! },
      });
      expect(list.models.map((m) => [m.id, m.kind])).toEqual([
        ['openai/gpt-4.1', 'chat'],
        ['openai/text-embedding-3-small', 'embedding'],
      ]);
      expect(list.models[1]!.contextLength).toBe(8191);
    }
  });
});
