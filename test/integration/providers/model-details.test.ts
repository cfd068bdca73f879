// What a model listing says about each model, per server family, against fakes that answer each server's own
// detail endpoints: kind (non-chat models marked and sorted last), context length, whether it is loaded; and
// every page of a paged list, up to the cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_CAP, ModelListSchema } from '../../../shared/models.contract.js';
import type { ModelsDraft } from '../../../shared/models.contract.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm, type FakeLlmOptions } from '../../support/fake-providers/index.js';
import { disposingAll } from '../../support/disposables.js';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.dispose());

async function list(options: FakeLlmOptions, draft: (url: string) => ModelsDraft) {
  const server = await startFakeLlm(options);
  try {
    const result = ModelListSchema.parse(await t.core.models.list({ draft: draft(server.url) }));
    return { result, requests: server.requests };
  } finally {
    await server.close();
  }
}

const compatible = (preset: 'lmstudio' | 'llamacpp' | 'vllm') => (url: string) =>
  ({ kind: 'openai-compatible', preset, baseUrl: `${url}/v1` }) as const;
const ids = (n: number) => Array.from({ length: n }, (_, i) => `model-${String(i).padStart(5, '0')}`);

describe('model details', () => {
  it('Ollama: kind and context from /api/show, loaded and the running context from /api/ps', async () => {
    const { result, requests } = await list(
      {
        kind: 'ollama',
        apiKey: 'ollama-key-0123456789',
        models: ['nomic-embed-text:latest', 'llama3.2:latest', 'qwen3:8b'],
        modelInfo: {
          'nomic-embed-text:latest': { kind: 'embedding', contextLength: 2048 },
          'llama3.2:latest': { loaded: true },
          'qwen3:8b': { contextLength: 40_960 },
        },
      },
      (url) => ({ kind: 'ollama', baseUrl: url, apiKey: 'ollama-key-0123456789' }),
    );
    expect(result.models).toEqual([
      { id: 'llama3.2:latest', kind: 'chat', contextLength: 4096, loaded: true },
      { id: 'qwen3:8b', kind: 'chat', contextLength: 40_960, loaded: false },
      { id: 'nomic-embed-text:latest', kind: 'embedding', contextLength: 2048, loaded: false },
    ]);
    // Every detail request went to the same server with the same key.
    expect(requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/tags', '/api/ps', '/api/show']));
    for (const r of requests) expect(r.headers.authorization).toBe('Bearer ollama-key-0123456789');
  });

  it('LM Studio: embedding models are marked and listed last, with state and context from /api/v0/models', async () => {
    const { result } = await list(
      {
        kind: 'lmstudio',
        models: ['text-embedding-nomic-embed-text-v1.5', 'qwen3-8b', 'gemma-3-4b'],
        modelInfo: {
          'text-embedding-nomic-embed-text-v1.5': { kind: 'embedding', contextLength: 2048 },
          'gemma-3-4b': { loaded: false, contextLength: 131_072 },
          'qwen3-8b': { loaded: true, contextLength: 40_960 },
        },
      },
      compatible('lmstudio'),
    );
    expect(result.models).toEqual([
      { id: 'gemma-3-4b', kind: 'chat', contextLength: 131_072, loaded: false },
      { id: 'qwen3-8b', kind: 'chat', contextLength: 40_960, loaded: true },
      { id: 'text-embedding-nomic-embed-text-v1.5', kind: 'embedding', contextLength: 2048, loaded: true },
    ]);
  });

  it('llama.cpp: the context it runs with, from /props', async () => {
    const { result } = await list(
      { kind: 'llamacpp', models: ['llama-3.2-3b'], modelInfo: { 'llama-3.2-3b': { contextLength: 8192 } } },
      compatible('llamacpp'),
    );
    expect(result.models).toEqual([{ id: 'llama-3.2-3b', kind: 'chat', contextLength: 8192, loaded: true }]);
  });

  it('vLLM: max_model_len from its model list', async () => {
    const { result } = await list(
      { kind: 'vllm', models: ['Qwen/Qwen3-8B'], modelInfo: { 'Qwen/Qwen3-8B': { contextLength: 16_384 } } },
      compatible('vllm'),
    );
    expect(result.models).toEqual([{ id: 'Qwen/Qwen3-8B', kind: 'unknown', contextLength: 16_384, loaded: null }]);
  });

  it('Gemini: embedding models marked and last, inputTokenLimit as context', async () => {
    const { result } = await list(
      {
        kind: 'gemini',
        apiKey: 'AIza-details-key-0123456789',
        models: ['text-embedding-004', 'gemini-2.5-flash'],
        modelInfo: { 'text-embedding-004': { kind: 'embedding', contextLength: 2048 } },
      },
      (url) => ({ kind: 'gemini', baseUrl: url, apiKey: 'AIza-details-key-0123456789' }),
    );
    expect(result.models).toEqual([
      { id: 'gemini-2.5-flash', kind: 'chat', contextLength: 1_048_576, loaded: null },
      { id: 'text-embedding-004', kind: 'embedding', contextLength: 2048, loaded: null },
    ]);
  });
});

describe('paged model lists', () => {
  it.each(['anthropic', 'gemini'] as const)('%s: all 1,005 models of a paged list, in order', async (kind) => {
    const models = ids(1005);
    const { result, requests } = await list({ kind, apiKey: `${kind}-paging-key-0123456789`, models }, (url) => ({
      kind,
      baseUrl: url,
      apiKey: `${kind}-paging-key-0123456789`,
    }));
    expect(result.models.map((m) => m.id)).toEqual(models);
    expect(result.truncated).toBe(false);
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it(`stops at ${MODELS_CAP.toLocaleString('en')} models and says so`, async () => {
    const { result, requests } = await list(
      { kind: 'anthropic', apiKey: 'anthropic-cap-key-0123456789', models: ids(MODELS_CAP + 5) },
      (url) => ({ kind: 'anthropic', baseUrl: url, apiKey: 'anthropic-cap-key-0123456789' }),
    );
    expect(result.models).toHaveLength(MODELS_CAP);
    expect(result.truncated).toBe(true);
    expect(requests).toHaveLength(MODELS_CAP / 1000);
  });

  it('a list that is not paged is fetched once, whole', async () => {
    await using servers = disposingAll([
      await startFakeLlm({ kind: 'openai', apiKey: 'sk-once-0123456789', models: ids(1500) }),
    ]);
    const [server] = servers;
    const result = await t.core.models.list({
      draft: { kind: 'openai', baseUrl: `${server!.url}/v1`, apiKey: 'sk-once-0123456789' },
    });
    expect(result.models).toHaveLength(1500);
    expect(server!.requests).toHaveLength(1);
  });
});
