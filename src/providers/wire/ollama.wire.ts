// Ollama's native API: NDJSON chat stream whose last line carries eval counts and durations in nanoseconds
// (so tokens/s comes from the server), models from /api/tags, errors as {"error": "..."}.
import type { ProviderTarget } from '../provider-target.js';
import { asRecord, num, str } from '../../system/json-shape.js';
import {
  looseErrorInfo,
  MalformedPayload,
  MODEL_MISSING,
  modelListRequest,
  models,
  parseJson,
  streamedChatRequest,
  type ChatRequest,
  type ErrorInfo,
  type StreamItem,
  type Wire,
  type WireRequest,
} from './wire.js';

const NS_PER_MS = 1e6;

function headers(target: ProviderTarget): Record<string, string> {
  return target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
}

export const ollamaWire: Wire = {
  format: 'ndjson',

  chatRequest(target: ProviderTarget, chat: ChatRequest): WireRequest {
    return streamedChatRequest(target, 'application/x-ndjson', headers(target), {
      model: target.model,
      messages: chat.messages,
      stream: true,
      options: { num_predict: chat.maxTokens, temperature: chat.temperature },
    });
  },

  interpret({ data }): StreamItem[] {
    const line = asRecord(parseJson(data));
    if (!line) throw new MalformedPayload('not an object');
    if (line.error !== undefined) return [{ kind: 'error', info: looseErrorInfo(line) }];
    const message = asRecord(line.message);
    if (!message && line.done !== true) throw new MalformedPayload('no message');
    const items: StreamItem[] = [];
    const thinking = str(message?.thinking);
    if (thinking) items.push({ kind: 'reasoning', text: thinking });
    const content = str(message?.content);
    if (content) items.push({ kind: 'text', text: content });
    if (line.done === true) {
      const evalCount = num(line.eval_count);
      const evalNs = num(line.eval_duration);
      items.push({ kind: 'usage', outputTokens: evalCount, inputTokens: num(line.prompt_eval_count) });
      items.push({
        kind: 'server-timing',
        tokensPerSecond:
          evalCount !== undefined && evalNs !== undefined && evalNs > 0 ? evalCount / (evalNs / 1e9) : undefined,
        loadMs: num(line.load_duration) === undefined ? undefined : (line.load_duration as number) / NS_PER_MS,
        promptMs:
          num(line.prompt_eval_duration) === undefined ? undefined : (line.prompt_eval_duration as number) / NS_PER_MS,
      });
      items.push({ kind: 'done', reason: str(line.done_reason) });
    }
    return items;
  },

  modelsRequest(target: ProviderTarget): WireRequest {
    return modelListRequest(target, headers(target));
  },

  parseModels(body: unknown) {
    const list = asRecord(body)?.models;
    if (!Array.isArray(list)) throw new MalformedPayload('no models[]');
    return models(list.map((m) => str(asRecord(m)?.name) ?? str(asRecord(m)?.model) ?? ''));
  },

  errorInfo: looseErrorInfo,

  isModelNotFound(info: ErrorInfo): boolean {
    return MODEL_MISSING.test(info.message ?? '');
  },
};
