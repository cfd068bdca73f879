import { describe, expect, it } from 'vitest';
import { ProfileCreateInputSchema, ProfileUpdateInputSchema } from '../../../shared/profile.contract.js';
import { fieldErrorsFromZod } from '../../../src/errors/validation.js';

const valid = { name: 'My Ollama', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2' };

function fieldsOf(input: unknown): string[] {
  const result = ProfileCreateInputSchema.safeParse(input);
  return result.success ? [] : fieldErrorsFromZod(result.error).map((e) => e.field);
}

describe('profile create validation', () => {
  it('accepts a minimal local profile and trims text', () => {
    const parsed = ProfileCreateInputSchema.parse({ ...valid, name: '  My Ollama  ', model: ' llama3.2 ' });
    expect(parsed.name).toBe('My Ollama');
    expect(parsed.model).toBe('llama3.2');
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(65) }, 'name'],
    [{ baseUrl: 'ftp://127.0.0.1' }, 'baseUrl'],
    [{ baseUrl: 'http://user:pw@127.0.0.1:11434' }, 'baseUrl'],
    [{ baseUrl: 'http://127.0.0.1:11434/#x' }, 'baseUrl'],
    [{ baseUrl: 'http://127.0.0.1:11434/?key=abc' }, 'baseUrl'],
    [{ baseUrl: '127.0.0.1:11434' }, 'baseUrl'],
    [{ model: '' }, 'model'],
    [{ model: 'm'.repeat(201) }, 'model'],
    [{ apiKey: 'has space' }, 'apiKey'],
    [{ apiKey: 'line\nbreak' }, 'apiKey'],
    [{ apiKey: 'k'.repeat(4097) }, 'apiKey'],
    [{ apiKey: 'sk-caf\u00e9-key' }, 'apiKey'],
    [{ apiKey: '\u201csk-quoted\u201d' }, 'apiKey'],
    [{ timeoutMs: 30_001 }, 'timeoutMs'],
    [{ timeoutMs: 10.5 }, 'timeoutMs'],
    [{ kind: 'cohere' }, 'kind'],
    [{ surprise: 1 }, 'surprise'],
  ])('rejects %j on field %s', (change, field) => {
    expect(fieldsOf({ ...valid, ...change })).toEqual([field]);
  });

  it('accepts the limits themselves', () => {
    expect(
      fieldsOf({ ...valid, name: 'x'.repeat(64), model: 'm'.repeat(200), apiKey: 'k'.repeat(4096), timeoutMs: 30_000 }),
    ).toEqual([]);
  });

  it('requires a key for OpenAI, Anthropic, Gemini and Azure but not for local servers', () => {
    for (const kind of ['openai', 'anthropic', 'gemini']) {
      expect(fieldsOf({ ...valid, kind, baseUrl: 'https://example.com' })).toEqual(['apiKey']);
    }
    expect(fieldsOf({ ...valid, kind: 'openai-compatible', preset: 'lmstudio' })).toEqual([]);
  });

  it('requires deployment and API version for Azure', () => {
    const azure = { ...valid, kind: 'azure-openai', baseUrl: 'https://r.openai.azure.com', apiKey: 'azurekey123' };
    expect(fieldsOf(azure).sort()).toEqual(['azureApiVersion', 'azureDeployment']);
    expect(fieldsOf({ ...azure, azureDeployment: 'gpt4o', azureApiVersion: '2024-10-21' })).toEqual([]);
    expect(fieldsOf({ ...azure, azureDeployment: 'gpt4o', azureApiVersion: 'v1' })).toEqual([]);
    expect(fieldsOf({ ...azure, azureDeployment: 'gpt4o', azureApiVersion: 'latest' })).toEqual(['azureApiVersion']);
  });

  it('requires a preset for OpenAI-compatible servers and refuses one elsewhere', () => {
    expect(fieldsOf({ ...valid, kind: 'openai-compatible' })).toEqual(['preset']);
    expect(fieldsOf({ ...valid, preset: 'vllm' })).toEqual(['preset']);
  });

  it('names a non-object input as the "input" field', () => {
    expect(fieldsOf(42)).toEqual(['input']);
    expect(fieldsOf(null)).toEqual(['input']);
  });
});

describe('profile update validation', () => {
  it('reports patch fields under their form names', () => {
    const result = ProfileUpdateInputSchema.safeParse({ id: 'p1', expectedRevision: 1, patch: { name: '' } });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsFromZod(result.error).map((e) => e.field)).toEqual(['name']);
  });

  it('allows null to remove a key', () => {
    expect(ProfileUpdateInputSchema.safeParse({ id: 'p1', expectedRevision: 3, patch: { apiKey: null } }).success).toBe(
      true,
    );
  });
});
