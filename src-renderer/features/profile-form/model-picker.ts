// What the window says of a server's models, as pure functions (tested in plain Node), for the form's combobox
// and the failed test's list alike: chat models first, filtered by what the learner typed, the one to suggest
// when the field is empty, and the few words on each (kind, context, whether it is in memory).
import type { ListedModel } from '../../../shared/models.contract.js';

/** Embedding, image and audio models: offered apart from the chat models, never as the obvious choice. */
export function isNotForChat(model: ListedModel): boolean {
  return model.kind === 'embedding' || model.kind === 'image' || model.kind === 'audio';
}

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

function contextWords(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1024)}K`;
  return String(tokens);
}

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

/** "qwen3-8b — 40K context · in memory": a model's name and facts on one line (a native option's text). */
export function modelOptionText(model: ListedModel): string {
  const facts = modelFacts(model);
  const name = model.label ?? model.id;
  return facts ? `${name} — ${facts}` : name;
}

/** The next option to make active for a key press, within 0 … count - 1 (-1: none). */
export function movedActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'): number {
  if (count === 0) return -1;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === 'ArrowDown') return Math.min(active + 1, count - 1);
  return active <= 0 ? 0 : active - 1;
}
