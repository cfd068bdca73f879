// What each wire reads out of its server's model list: the ids the learner picks from, cleaned of the server's
// own prefixes, without the models a chat cannot use, and a clear refusal of a body that is not a model list.
import { describe, expect, it } from 'vitest';
import { wireFor } from '../../../src/providers/wire/index.js';
import { MalformedPayload } from '../../../src/providers/wire/wire.js';

describe('model lists per wire', () => {
  it('Gemini: drops the "models/" prefix and the models that cannot generate content', () => {
    const body = {
      models: [
        { name: 'models/gemini-2.5-flash', supportedGenerationMethods: ['generateContent', 'countTokens'] },
        { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
      ],
    };
    expect(wireFor('gemini').parseModels(body)).toEqual([{ id: 'gemini-2.5-flash' }]);
  });

  it('Ollama: names (or model) from /api/tags', () => {
    expect(wireFor('ollama').parseModels({ models: [{ name: 'llama3.2:latest' }, { model: 'qwen3:8b' }] })).toEqual([
      { id: 'llama3.2:latest' },
      { id: 'qwen3:8b' },
    ]);
  });

  it('OpenAI-style and Anthropic: ids from data[], each once', () => {
    for (const kind of ['openai', 'openai-compatible', 'anthropic'] as const) {
      expect(wireFor(kind).parseModels({ data: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: '' }] })).toEqual([
        { id: 'a' },
        { id: 'b' },
      ]);
    }
  });

  it('a body without the list is malformed, for every wire', () => {
    for (const kind of ['openai', 'anthropic', 'gemini', 'ollama'] as const) {
      expect(() => wireFor(kind).parseModels({ error: 'nope' })).toThrow(MalformedPayload);
    }
  });
});
