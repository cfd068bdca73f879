// Each provider's own word for why a reply ended maps to one of the app's five, and an unknown word is "other",
// never a guess that the model finished.
import { describe, expect, it } from 'vitest';
import { finishReasonOf } from '../../../src/providers/finish-reason.js';

describe('finishReasonOf', () => {
  it.each([
    ['stop', 'stop'], // OpenAI-style, Ollama
    ['end_turn', 'stop'], // Anthropic
    ['STOP', 'stop'], // Gemini
    ['stop_sequence', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['MAX_TOKENS', 'length'],
    ['content_filter', 'content-filter'],
    ['SAFETY', 'content-filter'],
    ['refusal', 'content-filter'],
    ['tool_calls', 'tool-call'],
    ['tool_use', 'tool-call'],
    ['load', 'other'], // Ollama's reply to an empty prompt that only loaded the model
    ['SOMETHING_NEW', 'other'],
  ])('%s → %s', (word, reason) => {
    expect(finishReasonOf(word)).toBe(reason);
  });

  it('no word at all is no reason', () => {
    expect(finishReasonOf(null)).toBeNull();
    expect(finishReasonOf('  ')).toBeNull();
  });
});
