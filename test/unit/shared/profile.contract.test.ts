import { describe, expect, it } from 'vitest';
import { ProfileCreateInputSchema, ProfileUpdateInputSchema } from '../../../shared/profile.contract.js';
import { fieldMessage } from '../../../shared/errors/field-messages.js';
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

describe('the exact address and model list address options', () => {
  const compatible = { ...valid, kind: 'openai-compatible', preset: 'other', baseUrl: 'http://127.0.0.1:8000/gw' };
  const messageOf = (input: unknown, field: string) => {
    const result = ProfileCreateInputSchema.safeParse(input);
    return result.success ? null : (fieldErrorsFromZod(result.error).find((e) => e.field === field)?.message ?? null);
  };

  it('accept a model list address on the base origin, for OpenAI and OpenAI-compatible servers', () => {
    const parsed = ProfileCreateInputSchema.parse({
      ...compatible,
      exactAddress: true,
      modelsUrl: ' http://127.0.0.1:8000/gw/v2/models ',
    });
    expect(parsed).toMatchObject({ exactAddress: true, modelsUrl: 'http://127.0.0.1:8000/gw/v2/models' });
    expect(
      fieldsOf({
        ...valid,
        kind: 'openai',
        baseUrl: 'https://proxy.example.org/ai',
        apiKey: 'sk-proxy-key-1',
        exactAddress: true,
        modelsUrl: 'https://proxy.example.org:443/ai/list',
      }),
    ).toEqual([]);
  });

  it.each([
    ['another host', 'http://127.0.0.2:8000/models'],
    ['another port', 'http://127.0.0.1:8001/models'],
    ['another scheme', 'https://127.0.0.1:8000/models'],
  ])('refuse a model list address on %s, naming the base origin', (_label, modelsUrl) => {
    expect(fieldsOf({ ...compatible, modelsUrl })).toEqual(['modelsUrl']);
    expect(messageOf({ ...compatible, modelsUrl }, 'modelsUrl')).toBe(
      fieldMessage('modelsUrlOtherServer', { origin: 'http://127.0.0.1:8000' }),
    );
  });

  it.each([
    ['ftp://127.0.0.1:8000/models', 'addressScheme'],
    ['http://u:p@127.0.0.1:8000/models', 'addressCredentials'],
    ['http://127.0.0.1:8000/models?x=1', 'addressQuery'],
    ['http://127.0.0.1:8000/models#x', 'addressFragment'],
    ['/models', 'addressNotUrl'],
    ['', 'modelsUrlEmpty'],
  ] as const)('check the model list address like the server address: %s', (modelsUrl, id) => {
    expect(messageOf({ ...compatible, modelsUrl }, 'modelsUrl')).toBe(fieldMessage(id));
  });

  it('apply only where the address is built as base + /chat/completions', () => {
    expect(fieldsOf({ ...valid, exactAddress: true })).toEqual(['exactAddress']);
    expect(fieldsOf({ ...valid, modelsUrl: 'http://127.0.0.1:11434/api/tags' })).toEqual(['modelsUrl']);
    expect(fieldsOf({ ...valid, exactAddress: false })).toEqual([]);
    expect(fieldsOf({ ...compatible, exactAddress: 'yes' })).toEqual(['exactAddress']);
  });

  it('can be cleared in a patch', () => {
    expect(
      ProfileUpdateInputSchema.safeParse({
        id: 'p1',
        expectedRevision: 3,
        patch: { exactAddress: false, modelsUrl: null },
      }).success,
    ).toBe(true);
  });
});
