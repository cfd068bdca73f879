import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../../shared/endpoint-resolution.js';

const chat = (kind: Parameters<typeof resolveEndpoints>[0]['kind'], baseUrl: string, extra: object = {}) =>
  resolveEndpoints({ kind, baseUrl, model: 'm', ...extra }).chat;

describe('endpoint resolution', () => {
  it.each([
    'http://127.0.0.1:1234',
    'http://127.0.0.1:1234/',
    'http://127.0.0.1:1234/v1',
    'http://127.0.0.1:1234/v1/',
    'http://127.0.0.1:1234/v1/chat/completions',
    'http://127.0.0.1:1234/v1/chat/completions/',
    'http://127.0.0.1:1234/v1/v1',
    'http://127.0.0.1:1234/v1/models',
  ])('OpenAI-compatible %s → /v1/chat/completions', (base) => {
    expect(chat('openai-compatible', base)).toBe('http://127.0.0.1:1234/v1/chat/completions');
  });

  it('keeps other version segments and prefixes', () => {
    expect(chat('openai', 'https://api.openai.com/v1')).toBe('https://api.openai.com/v1/chat/completions');
    expect(chat('openai-compatible', 'http://127.0.0.1:12434/engines/v1')).toBe(
      'http://127.0.0.1:12434/engines/v1/chat/completions',
    );
    expect(chat('openai-compatible', 'http://127.0.0.1:12434/engines/llama.cpp/v1/')).toBe(
      'http://127.0.0.1:12434/engines/llama.cpp/v1/chat/completions',
    );
    expect(chat('openai-compatible', 'https://generativelanguage.googleapis.com/v1beta/openai/')).toBe(
      'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
    );
    expect(chat('openai-compatible', 'http://[::1]:8000')).toBe('http://[::1]:8000/v1/chat/completions');
  });

  it('Ollama uses its native API whatever was pasted', () => {
    for (const base of [
      'http://127.0.0.1:11434',
      'http://127.0.0.1:11434/',
      'http://127.0.0.1:11434/api',
      'http://127.0.0.1:11434/api/chat',
      'http://127.0.0.1:11434/v1',
    ]) {
      expect(resolveEndpoints({ kind: 'ollama', baseUrl: base, model: 'llama3.2' })).toEqual({
        base: 'http://127.0.0.1:11434',
        chat: 'http://127.0.0.1:11434/api/chat',
        models: 'http://127.0.0.1:11434/api/tags',
      });
    }
  });

  it('Anthropic and Gemini', () => {
    for (const base of [
      'https://api.anthropic.com',
      'https://api.anthropic.com/v1',
      'https://api.anthropic.com/v1/messages',
    ]) {
      expect(chat('anthropic', base)).toBe('https://api.anthropic.com/v1/messages');
    }
    expect(
      resolveEndpoints({
        kind: 'gemini',
        baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
        model: 'models/gemini-2.5-flash',
      }).chat,
    ).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('Azure: classic deployment URLs and the v1 API', () => {
    const azure = { baseUrl: 'https://res.openai.azure.com/', azureDeployment: 'gpt4o-prod' };
    expect(chat('azure-openai', azure.baseUrl, { ...azure, azureApiVersion: '2024-10-21' })).toBe(
      'https://res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21',
    );
    expect(chat('azure-openai', 'https://res.openai.azure.com/openai/v1', { ...azure, azureApiVersion: 'v1' })).toBe(
      'https://res.openai.azure.com/openai/v1/chat/completions',
    );
  });
});

describe('a profile that uses its address exactly as typed', () => {
  const exact = (baseUrl: string, extra: object = {}) =>
    resolveEndpoints({ kind: 'openai-compatible', preset: 'other', baseUrl, model: 'm', exactAddress: true, ...extra });

  it.each([
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000'],
    ['http://127.0.0.1:8000/', 'http://127.0.0.1:8000'],
    ['http://127.0.0.1:8000/v1', 'http://127.0.0.1:8000/v1'],
    ['http://127.0.0.1:8000/v1/v1', 'http://127.0.0.1:8000/v1/v1'],
    ['http://127.0.0.1:8000/gateway/openai', 'http://127.0.0.1:8000/gateway/openai'],
    ['http://127.0.0.1:8000/gateway/chat/completions', 'http://127.0.0.1:8000/gateway'],
    ['http://127.0.0.1:8000/v1/chat/completions/', 'http://127.0.0.1:8000/v1'],
    ['http://127.0.0.1:8000/api/models', 'http://127.0.0.1:8000/api'],
  ])('%s → base %s, no /v1 added, nothing collapsed', (typed, base) => {
    expect(exact(typed)).toEqual({ base, chat: `${base}/chat/completions`, models: `${base}/models` });
  });

  it('works the same for OpenAI, and beats a preset that would add /v1 or collapse it', () => {
    expect(
      resolveEndpoints({ kind: 'openai', baseUrl: 'https://proxy.example.org/ai', model: 'm', exactAddress: true })
        .chat,
    ).toBe('https://proxy.example.org/ai/chat/completions');
    expect(exact('http://127.0.0.1:1234/x', { preset: 'lmstudio' }).chat).toBe(
      'http://127.0.0.1:1234/x/chat/completions',
    );
    expect(exact('https://api.deepseek.com/v1/v1', { preset: 'deepseek' }).base).toBe('https://api.deepseek.com/v1/v1');
  });

  it('false is the usual resolution', () => {
    expect(exact('http://127.0.0.1:8000/gateway', { exactAddress: false }).chat).toBe(
      'http://127.0.0.1:8000/gateway/v1/chat/completions',
    );
  });
});

describe('a model list address of its own', () => {
  const target = { kind: 'openai-compatible' as const, preset: 'other' as const, model: 'm' };

  it('is where models are listed from, as typed; the chat is resolved as usual', () => {
    expect(
      resolveEndpoints({
        ...target,
        baseUrl: 'http://127.0.0.1:8000/v1',
        modelsUrl: 'http://127.0.0.1:8000/catalog/all-models',
      }),
    ).toEqual({
      base: 'http://127.0.0.1:8000/v1',
      chat: 'http://127.0.0.1:8000/v1/chat/completions',
      models: 'http://127.0.0.1:8000/catalog/all-models',
    });
  });

  it("beats the preset's own models path, and goes with an exact address", () => {
    const github = { kind: 'openai-compatible' as const, preset: 'github-models' as const, model: 'm' };
    expect(
      resolveEndpoints({
        ...github,
        baseUrl: 'https://models.github.ai/inference',
        modelsUrl: 'https://models.github.ai/orgs/acme/catalog',
      }).models,
    ).toBe('https://models.github.ai/orgs/acme/catalog');
    expect(
      resolveEndpoints({
        ...target,
        baseUrl: 'http://127.0.0.1:8000/gw',
        exactAddress: true,
        modelsUrl: 'http://127.0.0.1:8000/gw/v2/models',
      }),
    ).toEqual({
      base: 'http://127.0.0.1:8000/gw',
      chat: 'http://127.0.0.1:8000/gw/chat/completions',
      models: 'http://127.0.0.1:8000/gw/v2/models',
    });
  });

  it('the same origin written differently is the same origin', () => {
    expect(
      resolveEndpoints({ ...target, baseUrl: 'https://Example.org/v1', modelsUrl: 'https://example.org:443/m' }).models,
    ).toBe('https://example.org/m');
  });

  it.each([
    ['another host', 'http://127.0.0.2:8000/models'],
    ['another port', 'http://127.0.0.1:8001/models'],
    ['another scheme', 'https://127.0.0.1:8000/models'],
  ])('is never resolved on %s: the key goes to the base origin only', (_label, modelsUrl) => {
    expect(() => resolveEndpoints({ ...target, baseUrl: 'http://127.0.0.1:8000/v1', modelsUrl })).toThrow();
  });
});
