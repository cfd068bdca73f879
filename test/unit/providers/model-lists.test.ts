// What each wire reads out of its server's model list: the ids the learner picks from, cleaned of the server's
// own prefixes, what each model is for and its context where the list says, the cursor of the next page, and a
// clear refusal of a body that is not a model list.
import { describe, expect, it } from 'vitest';
import { wireFor } from '../../../src/providers/wire/index.js';
import { kindFromId, MalformedPayload } from '../../../src/providers/wire/wire.js';

describe('model lists per wire', () => {
  it('Gemini: drops the "models/" prefix, marks what cannot chat, reads inputTokenLimit and nextPageToken', () => {
    const body = {
      models: [
        {
          name: 'models/gemini-2.5-flash',
          inputTokenLimit: 1_048_576,
          supportedGenerationMethods: ['generateContent', 'countTokens'],
        },
        { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
        { name: 'models/imagen-4.0-generate-001', supportedGenerationMethods: ['predict'] },
      ],
      nextPageToken: 'Cg1tb2RlbHMvZ2VtbWE',
    };
    const gemini = wireFor('gemini');
    expect(gemini.parseModels(body)).toEqual([
      { id: 'gemini-2.5-flash', kind: 'chat', contextLength: 1_048_576 },
      { id: 'text-embedding-004', kind: 'embedding' },
      { id: 'imagen-4.0-generate-001', kind: 'image' },
    ]);
    expect(gemini.nextCursor?.(body)).toBe('Cg1tb2RlbHMvZ2VtbWE');
    expect(gemini.nextCursor?.({ models: [] })).toBeNull();
    expect(gemini.modelsRequest({ kind: 'gemini', baseUrl: 'https://g.example', model: 'm' } as never, 'a b').url).toBe(
      'https://g.example/v1beta/models?pageSize=1000&pageToken=a%20b',
    );
  });

  it('Anthropic: pages by has_more and last_id', () => {
    const anthropic = wireFor('anthropic');
    expect(anthropic.nextCursor?.({ data: [], has_more: true, last_id: 'claude-x' })).toBe('claude-x');
    expect(anthropic.nextCursor?.({ data: [], has_more: false, last_id: 'claude-x' })).toBeNull();
    const target = { kind: 'anthropic', baseUrl: 'https://a.example', model: 'm' } as never;
    expect(anthropic.modelsRequest(target, 'claude-x').url).toBe(
      'https://a.example/v1/models?limit=1000&after_id=claude-x',
    );
    expect(anthropic.modelsRequest(target).url).toBe('https://a.example/v1/models?limit=1000');
  });

  it('Ollama: names (or model) from /api/tags, embeddings known by name', () => {
    expect(
      wireFor('ollama').parseModels({ models: [{ name: 'llama3.2:latest' }, { model: 'nomic-embed-text:latest' }] }),
    ).toEqual([
      { id: 'llama3.2:latest', kind: 'unknown' },
      { id: 'nomic-embed-text:latest', kind: 'embedding' },
    ]);
  });

  it('OpenAI-style and Anthropic: ids from data[], each once', () => {
    for (const kind of ['openai', 'openai-compatible', 'anthropic'] as const) {
      expect(
        wireFor(kind)
          .parseModels({ data: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: '' }] })
          .map((m) => m.id),
      ).toEqual(['a', 'b']);
    }
  });

  it('OpenAI-style lists: kind and context from whatever field the server uses', () => {
    const list = wireFor('openai-compatible').parseModels({
      data: [
        { id: 'vllm-model', max_model_len: 32_768 }, // vLLM, SGLang
        { id: 'llama-3.3-70b-versatile', context_window: 131_072 }, // Groq
        { id: 'meta/llama', type: 'chat', context_length: 8192 }, // Together
        { id: 'BAAI/bge-large', type: 'embedding' }, // Together
        { id: 'text-embedding-nomic', type: 'embeddings', state: 'not-loaded', max_context_length: 2048 }, // LM Studio
        { id: 'qwen3', type: 'llm', state: 'loaded', max_context_length: 40_960 }, // LM Studio
        { id: 'openai/gpt-image', architecture: { output_modalities: ['image'] }, context_length: 4096 }, // OpenRouter
        { id: 'anthropic/claude', architecture: { output_modalities: ['text'] }, context_length: 200_000 },
        { id: 'odd', context_length: -5 },
      ],
    });
    expect(list).toEqual([
      { id: 'vllm-model', kind: 'unknown', contextLength: 32_768 },
      { id: 'llama-3.3-70b-versatile', kind: 'unknown', contextLength: 131_072 },
      { id: 'meta/llama', kind: 'chat', contextLength: 8192 },
      { id: 'BAAI/bge-large', kind: 'embedding' },
      { id: 'text-embedding-nomic', kind: 'embedding', contextLength: 2048, loaded: false },
      { id: 'qwen3', kind: 'chat', contextLength: 40_960, loaded: true },
      { id: 'openai/gpt-image', kind: 'image', contextLength: 4096 },
      { id: 'anthropic/claude', kind: 'chat', contextLength: 200_000 },
      { id: 'odd', kind: 'unknown' },
    ]);
  });

  it('a bare id says what it is only when it plainly does', () => {
    expect(kindFromId('text-embedding-3-small')).toBe('embedding');
    expect(kindFromId('whisper-1')).toBe('audio');
    expect(kindFromId('gpt-4o-mini-tts')).toBe('audio');
    expect(kindFromId('dall-e-3')).toBe('image');
    expect(kindFromId('gpt-4o-mini')).toBe('unknown');
    expect(kindFromId('claude-sonnet-4-5')).toBe('unknown');
  });

  it('a body without the list is malformed, for every wire', () => {
    for (const kind of ['openai', 'anthropic', 'gemini', 'ollama'] as const) {
      expect(() => wireFor(kind).parseModels({ error: 'nope' })).toThrow(MalformedPayload);
    }
  });
});
