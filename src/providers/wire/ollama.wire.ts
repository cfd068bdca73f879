// Ollama's native API: NDJSON chat stream whose last line carries eval counts and durations in nanoseconds
// (so tokens/s comes from the server), models from /api/tags, errors as {"error": "..."}.
import type { ProviderTarget } from '../provider-target.js';
import { asRecord, num, str } from '../../system/json-shape.js';
import * as base from './wire.js';

const NS_PER_MS = 1e6;

function headers(target: ProviderTarget): Record<string, string> {
  return target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
}

export const ollamaWire: base.Wire = {
  format: 'ndjson',

  chatRequest(target: ProviderTarget, chat: base.ChatRequest): base.WireRequest {
    return base.streamedChatRequest(target, 'application/x-ndjson', headers(target), {
      model: target.model,
      messages: chat.messages,
      stream: true,
      options: { num_predict: chat.maxTokens, temperature: chat.temperature },
    });
  },

  interpret({ data }): base.StreamItem[] {
    const line = asRecord(base.parseJson(data));
    if (!line) throw new base.MalformedPayload('not an object');
    if (line.error !== undefined) return [{ kind: 'error', info: base.looseErrorInfo(line) }];
    const message = asRecord(line.message);
    if (!message && line.done !== true) throw new base.MalformedPayload('no message');
    const items: base.StreamItem[] = [];
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

  modelsRequest(target: ProviderTarget): base.WireRequest {
    return base.modelListRequest(target, headers(target));
  },

  // Kind from the name until /api/show says more (model-details.ts).
  parseModels: (body) =>
    base.uniqueModels(
      base.listIn(body, 'models').map((m) => {
        const id = str(m?.name) ?? str(m?.model) ?? '';
        return { id, kind: base.kindFromId(id) };
      }),
    ),

  errorInfo: base.looseErrorInfo,

  isModelNotFound(info: base.ErrorInfo): boolean {
    return base.MODEL_MISSING.test(info.message ?? '');
  },
};
