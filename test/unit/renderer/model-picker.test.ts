import { describe, expect, it } from 'vitest';
import type { ListedModel } from '../../../shared/models.contract.js';
import {
  chatFirst,
  isNotForChat,
  matchingModels,
  modelFacts,
  modelOptionText,
  movedActive,
  suggestedModel,
} from '../../../src-renderer/features/profile-form/model-picker.js';

const m = (id: string, extra: Partial<ListedModel> = {}): ListedModel => ({
  id,
  kind: 'chat',
  contextLength: null,
  loaded: null,
  ...extra,
});

const served = [
  m('nomic-embed-text', { kind: 'embedding' }),
  m('qwen3:8b', { contextLength: 40_960, loaded: false }),
  m('llama3.2', { loaded: true }),
  m('flux-schnell', { kind: 'image' }),
];

describe('the model combobox', () => {
  it('lists chat models first, in the server order, other kinds after', () => {
    expect(chatFirst(served).map((x) => x.id)).toEqual(['qwen3:8b', 'llama3.2', 'nomic-embed-text', 'flux-schnell']);
  });

  it('filters by what is typed, ignoring case; an exact name or an empty box shows them all', () => {
    expect(matchingModels(served, 'QWEN').map((x) => x.id)).toEqual(['qwen3:8b']);
    expect(matchingModels(served, 'X').map((x) => x.id)).toEqual(['nomic-embed-text', 'flux-schnell']);
    expect(matchingModels(served, 'llama3.2')).toHaveLength(4);
    expect(matchingModels(served, '  ')).toHaveLength(4);
    expect(matchingModels(served, 'mistral')).toEqual([]);
  });

  it('suggests a chat model already in memory, else the first chat model, never another kind', () => {
    expect(suggestedModel(served)).toBe('llama3.2');
    expect(suggestedModel(served.map((x) => ({ ...x, loaded: null })))).toBe('qwen3:8b');
    expect(suggestedModel([m('nomic-embed-text', { kind: 'embedding' })])).toBeNull();
    expect(suggestedModel([])).toBeNull();
  });

  it('says what the server said of each model, in words', () => {
    expect(modelFacts(served[1]!)).toBe('40K context · not in memory');
    expect(modelFacts(served[2]!)).toBe('in memory');
    expect(modelFacts(served[0]!)).toBe('not for chat: embedding');
    expect(modelFacts(m('plain'))).toBe('');
  });

  it('moves the active option within the list', () => {
    expect(movedActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(movedActive(2, 3, 'ArrowDown')).toBe(2);
    expect(movedActive(0, 3, 'ArrowUp')).toBe(0);
    expect(movedActive(2, 3, 'ArrowUp')).toBe(1);
    expect(movedActive(1, 3, 'Home')).toBe(0);
    expect(movedActive(0, 3, 'End')).toBe(2);
    expect(movedActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});

describe('a model on one line (the failed test’s list)', () => {
  it('is its name and what the server said, in the combobox’s words, and nothing it did not say', () => {
    expect(modelOptionText(m('qwen3-8b'))).toBe('qwen3-8b');
    expect(modelOptionText(m('qwen3-8b', { contextLength: 40_960, loaded: true }))).toBe(
      'qwen3-8b — 40K context · in memory',
    );
    expect(modelOptionText(m('nomic', { kind: 'embedding', contextLength: 2048, loaded: false }))).toBe(
      'nomic — not for chat: embedding · 2K context · not in memory',
    );
    expect(modelOptionText(m('big', { contextLength: 1_048_576 }))).toBe('big — 1M context');
  });

  it('sets embedding, image and audio models apart from the ones a chat can use', () => {
    expect(
      (['chat', 'unknown', 'embedding', 'image', 'audio'] as const).map((kind) => isNotForChat(m('x', { kind }))),
    ).toEqual([false, false, true, true, true]);
  });
});
