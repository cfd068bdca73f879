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
