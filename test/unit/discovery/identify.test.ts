import { describe, expect, it } from 'vitest';
import { identify, type ProbeAnswers } from '../../../src/discovery/identify.js';

const json = (body: unknown, status = 200) => ({ status, text: JSON.stringify(body), json: body });
const text = (body: string, status = 200) => ({ status, text: body, json: null });
const v1 = (owned: string | null, ids = ['m1']) =>
  json({
    object: 'list',
    data: ids.map((id) => (owned === null ? { id, object: 'model' } : { id, object: 'model', owned_by: owned })),
  });

describe('identify', () => {
  it.each<[string, ProbeAnswers, string]>([
    [
      'Ollama',
      {
        '/': text('Ollama is running'),
        '/api/version': json({ version: '0.12.3' }),
        '/api/tags': json({ models: [{ name: 'llama3.2' }] }),
      },
      'ollama',
    ],
    [
      'DMR emulating Ollama',
      {
        '/': text('Docker Model Runner is running'),
        '/api/version': json({ version: '0.1.0' }),
        '/api/tags': json({ models: [{ name: 'ai/smollm2' }] }),
        '/v1/models': v1('docker'),
      },
      'docker-model-runner',
    ],
    [
      'KoboldCpp emulating Ollama tags',
      {
        '/api/tags': json({ models: [{ name: 'koboldcpp', details: { family: 'koboldcpp' } }] }),
        '/api/extra/version': json({ result: 'KoboldCpp', version: '1.98' }),
        '/v1/models': v1('koboldcpp'),
      },
      'koboldcpp',
    ],
    [
      'llama.cpp on 8080',
      {
        '/health': json({ status: 'ok' }),
        '/props': json({ build_info: 'b6000-abc', default_generation_settings: {} }),
        '/v1/models': v1('llamacpp'),
      },
      'llamacpp',
    ],
    [
      'LocalAI on 8080',
      { '/.well-known/localai.json': json({ version: 'v3.5.0' }), '/v1/models': v1(null) },
      'localai',
    ],
    [
      'mlx on 8080',
      { '/health': json({ status: 'ok' }), '/props': text('Not Found', 404), '/v1/models': v1(null) },
      'mlx',
    ],
    ['vLLM', { '/version': json({ version: '0.11.0' }), '/health': text(''), '/v1/models': v1('vllm') }, 'vllm'],
    [
      'Jan',
      {
        '/openapi.json': json({ info: { title: 'Jan API Server Endpoints', version: '0.6' } }),
        '/v1/models': text('Missing authorization header', 401),
      },
      'jan',
    ],
    [
      'LM Studio',
      {
        '/api/v1/models': json({ models: [{ key: 'qwen3', loaded_instances: [] }] }),
        '/v1/models': v1('organization_owner'),
      },
      'lmstudio',
    ],
    [
      'LM Studio, whose paths it lacks answer 200 with an error body',
      {
        '/.well-known/localai.json': json({ error: 'Unexpected endpoint or method. (GET /.well-known/localai.json)' }),
        '/props': json({ error: 'Unexpected endpoint or method. (GET /props)' }),
        '/api/v1/models': json({ models: [{ key: 'qwen3', loaded_instances: [] }] }),
        '/v1/models': v1('organization_owner'),
      },
      'lmstudio',
    ],
    [
      'LM Studio with its key on',
      {
        '/.well-known/localai.json': json({ error: 'Unexpected endpoint or method. (GET /.well-known/localai.json)' }),
        '/api/v1/models': json({ error: 'unauthorized' }, 401),
        '/v1/models': json({ error: 'unauthorized' }, 401),
      },
      'lmstudio',
    ],
    [
      'llama.cpp with its key on',
      {
        '/health': json({ status: 'ok' }),
        '/props': json({ error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } }, 401),
        '/v1/models': json({ error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } }, 401),
      },
      'llamacpp',
    ],
    [
      'vLLM with its key on',
      { '/version': json({ version: '0.11.0' }), '/v1/models': json({ error: 'Unauthorized' }, 401) },
      'vllm',
    ],
    [
      'a generic keyed server whose unknown paths say 200 {"error": …} is not LocalAI',
      {
        '/.well-known/localai.json': json({ error: 'nope' }),
        '/v1/models': json({ error: 'Unauthorized' }, 401),
      },
      'openai-compatible',
    ],
    [
      'text-generation-webui',
      {
        '/v1/internal/model/info': json({ model_name: 'mistral', lora_names: [], loader: 'llama.cpp' }),
        '/v1/models': v1('user'),
      },
      'textgen-webui',
    ],
    [
      'Lemonade',
      { '/v1/health': json({ status: 'ok', version: '10.0.0', model_loaded: 'x' }), '/v1/models': v1('lemonade') },
      'lemonade',
    ],
    ['SGLang', { '/health': text(''), '/v1/models': v1('sglang') }, 'sglang'],
    [
      'GPUStack',
      { '/version': json({ version: 'v2.0.1', git_commit: '47277d79' }), '/v1/models': v1('gpustack') },
      'gpustack',
    ],
    [
      'GPUStack with its key on',
      {
        '/version': json({ version: 'v2.0.1', git_commit: '47277d79' }),
        '/v1/models': json({ detail: 'Unauthorized' }, 401),
      },
      'gpustack',
    ],
    ['generic OpenAI-compatible', { '/v1/models': v1('acme') }, 'openai-compatible'],
  ])('%s', (_name, answers, server) => {
    expect(identify(answers)?.server).toBe(server);
  });

  it('reports version, key requirement and models', () => {
    expect(
      identify({
        '/': text('Ollama is running'),
        '/api/version': json({ version: '0.12.3' }),
        '/api/tags': json({ models: [{ name: 'a' }, { name: 'b' }] }),
      }),
    ).toMatchObject({
      version: '0.12.3',
      requiresKey: false,
      models: ['a', 'b'],
    });
    expect(identify({ '/openapi.json': json({ info: { title: 'Jan API Server Endpoints' } }) })?.requiresKey).toBe(
      true,
    );
  });

  it('a server that needs a key and shows nothing public is reported as needing one', () => {
    for (const answers of [
      { '/v1/models': json({ error: 'Unauthorized' }, 401) },
      {
        '/health': json({ status: 'ok' }),
        '/props': json({ error: 'Unauthorized' }, 401),
        '/v1/models': json({ error: 'Unauthorized' }, 401),
      },
      {
        '/v1/internal/model/info': json({ detail: 'Unauthorized' }, 401),
        '/v1/models': json({ detail: 'Unauthorized' }, 401),
      },
    ] satisfies ProbeAnswers[]) {
      expect(identify(answers)?.requiresKey).toBe(true);
    }
  });

  it('offers a model that can chat first: LM Studio embedding models go last', () => {
    const found = identify({
      '/api/v1/models': json({
        models: [
          { key: 'text-embedding-nomic', type: 'embedding', loaded_instances: [] },
          { key: 'qwen3-8b', type: 'llm', loaded_instances: [] },
        ],
      }),
    });
    expect(found?.models).toEqual(['qwen3-8b', 'text-embedding-nomic']);
  });

  it('does not guess from nothing', () => {
    expect(identify({})).toBeNull();
    expect(identify({ '/': text('<html>my dev server</html>') })).toBeNull();
  });
});
