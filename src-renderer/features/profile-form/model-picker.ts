// What the model combobox offers, as pure functions (tested in plain Node): the server's models with chat models
// first, filtered by what the learner typed, the one to suggest when the field is empty, and the few words on
// each (kind, context, loaded).
import type { ListedModel } from '../../../shared/models.contract.js';
import { contextWords, isNotForChat } from './form-model.js';

/** Chat (and unknown) models first, each group in the server's order. */
export function chatFirst(models: readonly ListedModel[]): ListedModel[] {
  return [...models.filter((m) => !isNotForChat(m)), ...models.filter(isNotForChat)];
}

/**
 * The options for the text in the box: all of them when it is empty or names one exactly (the learner is
 * choosing another), else those whose id or label contains it, ignoring case.
 */
export function matchingModels(models: readonly ListedModel[], text: string): ListedModel[] {
  const typed = text.trim().toLowerCase();
  const ordered = chatFirst(models);
  if (typed === '' || models.some((m) => m.id.toLowerCase() === typed)) return ordered;
  return ordered.filter((m) => m.id.toLowerCase().includes(typed) || m.label?.toLowerCase().includes(typed));
}

/** The model to put in an empty box: a chat model already in memory, else the first chat model; never another kind. */
export function suggestedModel(models: readonly ListedModel[]): string | null {
  const chat = models.filter((m) => !isNotForChat(m));
  return (chat.find((m) => m.loaded === true) ?? chat[0])?.id ?? null;
}

const KIND_WORDS: Partial<Record<ListedModel['kind'], string>> = {
  embedding: 'not for chat: embedding',
  image: 'not for chat: image',
  audio: 'not for chat: audio',
};

/** "40K context · in memory": what the server said about a model, in a few words (empty when it said nothing). */
export function modelFacts(model: ListedModel): string {
  return [
    KIND_WORDS[model.kind],
    model.contextLength === null ? undefined : `${contextWords(model.contextLength)} context`,
    model.loaded === null ? undefined : model.loaded ? 'in memory' : 'not in memory',
  ]
    .filter((f): f is string => f !== undefined)
    .join(' · ');
}

/** The next option to make active for a key press, within 0 … count - 1 (-1: none). */
export function movedActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'): number {
  if (count === 0) return -1;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === 'ArrowDown') return Math.min(active + 1, count - 1);
  return active <= 0 ? 0 : active - 1;
}
