// Anthropic's Messages API: x-api-key + anthropic-version headers, and a named-event stream in which text
// arrives in content_block_delta events among message_start / ping / stop events.
import type { ProviderTarget } from '../provider-target.js';
import { asRecord, num, str } from '../../system/json-shape.js';
import * as base from './wire.js';

const ANTHROPIC_VERSION = '2023-06-01';

function headers(target: ProviderTarget): Record<string, string> {
  return { 'anthropic-version': ANTHROPIC_VERSION, ...(target.apiKey && { 'x-api-key': target.apiKey }) };
}

function errorOf(body: unknown): base.ErrorInfo {
  const error = asRecord(asRecord(body)?.error);
  return { message: str(error?.message), code: str(error?.type), reason: null };
}

export const anthropicWire: base.Wire = {
  format: 'sse',

  chatRequest(target: ProviderTarget, chat: base.ChatRequest): base.WireRequest {
    const { system, rest } = base.splitSystem(chat.messages);
    return base.streamedChatRequest(target, 'text/event-stream', headers(target), {
      model: target.model,
      max_tokens: chat.maxTokens,
      temperature: chat.temperature,
      stream: true,
      ...(system && { system }),
      messages: rest,
    });
  },

  interpret({ event, data }): base.StreamItem[] {
    const payload = asRecord(base.parseJson(data));
    if (!payload) throw new base.MalformedPayload('not an object');
    const type = event ?? str(payload.type);
    switch (type) {
      case 'message_start': {
        const usage = asRecord(asRecord(payload.message)?.usage);
        return usage ? [{ kind: 'usage', inputTokens: num(usage.input_tokens) }] : [];
      }
      case 'content_block_delta': {
        const delta = asRecord(payload.delta);
        const text = str(delta?.text);
        if (delta?.type === 'text_delta' && text) return [{ kind: 'text', text }];
        const thinking = str(delta?.thinking);
        if (delta?.type === 'thinking_delta' && thinking) return [{ kind: 'reasoning', text: thinking }];
        return [];
      }
      case 'message_delta': {
        const usage = asRecord(payload.usage);
        const output = num(usage?.output_tokens);
        const stop = str(asRecord(payload.delta)?.stop_reason);
        return [
          ...(stop ? [{ kind: 'finish', reason: stop } as const] : []),
          ...(output === undefined ? [] : [{ kind: 'usage', outputTokens: output } as const]),
        ];
      }
      case 'message_stop':
        return [{ kind: 'done', reason: null }];
      case 'error':
        return [{ kind: 'error', info: errorOf(payload) }];
      default:
        return []; // ping, content_block_start/stop, and event types added later
    }
  },

  modelsRequest(target: ProviderTarget, cursor?: string | null): base.WireRequest {
    const after = cursor ? `&after_id=${encodeURIComponent(cursor)}` : '';
    return base.modelListRequest(target, headers(target), `?limit=1000${after}`);
  },

  parseModels: (body) =>
    base.uniqueModels(
      base.listIn(body, 'data').map((m) => {
        const id = str(m?.id) ?? '';
        return { id, kind: base.kindFromId(id) };
      }),
    ),

  // Pages by has_more and last_id (the cursor for after_id).
  nextCursor: (body) => {
    const page = asRecord(body);
    return page?.has_more === true ? str(page.last_id) : null;
  },

  errorInfo: errorOf,

  isModelNotFound(info: base.ErrorInfo): boolean {
    return info.code === 'not_found_error' || base.MODEL_MISSING.test(info.message ?? '');
  },
};
