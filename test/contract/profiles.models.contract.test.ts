// profiles.models over IPC: for a saved profile, for an unsaved draft (with its own key, or borrowing the key of
// the profile being edited), with consent enforced for remote drafts and provider errors typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelListSchema } from '../../shared/models.contract.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { startFakeLlm, type FakeServer } from '../support/fake-providers/index.js';
import { expectAppError } from '../support/app-error-assertions.js';

let h: IpcHarness;
let openai: FakeServer;
let ollama: FakeServer;
beforeAll(async () => {
  h = await createIpcHarness();
  openai = await startFakeLlm({ kind: 'openai', apiKey: 'sk-models-key-000111', models: ['gpt-b', 'gpt-a'] });
  ollama = await startFakeLlm({ kind: 'ollama', models: ['llama3.2', 'qwen3'] });
});
afterAll(async () => {
  await openai.close();
  await ollama.close();
  await h.dispose();
});

describe('profiles.models over IPC', () => {
  it('lists the models of a saved profile, sorted, with the endpoint used', async () => {
    const { client } = h.connect();
    const p = await client.profiles.create.mutate({
      name: 'Local Ollama',
      kind: 'ollama',
      baseUrl: ollama.url,
      model: 'llama3.2',
    });
    const list = ModelListSchema.parse(await client.profiles.models.mutate({ id: p.id }));
    expect(list).toEqual({
      models: [
        { id: 'llama3.2', kind: 'chat', contextLength: 4096, loaded: true },
        { id: 'qwen3', kind: 'chat', contextLength: 4096, loaded: true },
      ],
      truncated: false,
      endpoint: `${ollama.url}/api/tags`,
    });
  });

  it('lists models for an unsaved draft with its own key', async () => {
    const { client } = h.connect();
    const list = await client.profiles.models.mutate({
      draft: { kind: 'openai', baseUrl: `${openai.url}/v1`, apiKey: 'sk-models-key-000111' },
    });
    expect(list.models.map((m) => m.id)).toEqual(['gpt-a', 'gpt-b']);
  });

  it('a draft of a profile being edited borrows its saved key', async () => {
    const { client } = h.connect();
    const p = await client.profiles.create.mutate({
      name: 'Saved OpenAI',
      kind: 'openai',
      baseUrl: `${openai.url}/v1`,
      model: 'gpt-a',
      apiKey: 'sk-models-key-000111',
    });
    const list = await client.profiles.models.mutate({
      id: p.id,
      draft: { kind: 'openai', baseUrl: `${openai.url}/v1/chat/completions` },
    });
    expect(list.models).toHaveLength(2);
    expect(openai.requests.at(-1)?.headers.authorization).toBe('Bearer sk-models-key-000111');
  });

  it('never lends the saved key to a draft pointing at another server or provider', async () => {
    await using other = await startFakeLlm({ kind: 'lmstudio', models: ['m'] });
    const { client } = h.connect();
    const p = await client.profiles.create.mutate({
      name: 'Keyed OpenAI',
      kind: 'openai',
      baseUrl: `${openai.url}/v1`,
      model: 'gpt-a',
      apiKey: 'sk-models-key-000111',
    });
    await client.profiles.models.mutate({
      id: p.id,
      draft: { kind: 'openai-compatible', preset: 'lmstudio', baseUrl: `${other.url}/v1` },
    });
    expect(other.requests.length).toBeGreaterThan(0);
    expect(other.requests.map((r) => r.headers.authorization)).toEqual(other.requests.map(() => undefined));
    await expectAppError(
      client.profiles.models.mutate({
        id: p.id,
        draft: { kind: 'openai-compatible', preset: 'vllm', baseUrl: `${openai.url}/v1` },
      }),
      // No key went with the draft, so the server's 401 means it needs one, not that one was refused.
      'PROVIDER_KEY_NEEDED',
    );
  });

  it('a draft with a model list address of its own reads it there, and one on another origin is a field error', async () => {
    const { client } = h.connect();
    const list = await client.profiles.models.mutate({
      draft: {
        kind: 'openai',
        baseUrl: `${openai.url}/v1`,
        modelsUrl: `${openai.url}/v1/models`,
        exactAddress: true,
        apiKey: 'sk-models-key-000111',
      },
    });
    expect(list.endpoint).toBe(`${openai.url}/v1/models`);
    const before = openai.requests.length;
    const data = await expectAppError(
      client.profiles.models.mutate({
        draft: {
          kind: 'openai',
          baseUrl: `${openai.url}/v1`,
          modelsUrl: `${ollama.url}/v1/models`,
          apiKey: 'sk-models-key-000111',
        },
      }),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors?.map((f) => f.field)).toEqual(['draft.modelsUrl']);
    expect(openai.requests.length).toBe(before);
    expect(ollama.requests.some((r) => r.headers.authorization !== undefined)).toBe(false);
  });

  it("LM Studio's 200 with an error body for a path it lacks is a wrong address, not a wrong provider", async () => {
    await using studio = await startFakeLlm({ kind: 'lmstudio', models: ['m'] });
    const { client } = h.connect();
    const data = await expectAppError(
      client.profiles.models.mutate({
        draft: { kind: 'openai-compatible', preset: 'lmstudio', baseUrl: `${studio.url}/api/v9` },
      }),
      'PROVIDER_ENDPOINT_NOT_FOUND',
    );
    expect(data.message).toContain('/api/v9/models');
  });

  it('PROVIDER_AUTH_FAILED for a wrong key, CONSENT_REQUIRED for a remote draft, VALIDATION_FAILED for nothing', async () => {
    const { client } = h.connect();
    await expectAppError(
      client.profiles.models.mutate({
        draft: { kind: 'openai', baseUrl: `${openai.url}/v1`, apiKey: 'sk-wrong-key-999999' },
      }),
      'PROVIDER_AUTH_FAILED',
    );
    await expectAppError(
      client.profiles.models.mutate({
        draft: { kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-x-1234567890' },
      }),
      'CONSENT_REQUIRED',
    );
    const data = await expectAppError(client.profiles.models.mutate({}), 'VALIDATION_FAILED');
    expect(data.fieldErrors?.[0]?.field).toBe('id');
  });
});
