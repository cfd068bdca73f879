// Google Gemini's streamGenerateContent with alt=sse: each event is a whole GenerateContentResponse whose
// candidates carry the next text; the key goes in x-goog-api-key (never in the URL, where it would be logged).
import type { ProviderTarget } from '../provider-target.js';
import type { ModelKind } from '../../../shared/models.contract.js';
import { asRecord, num, str } from '../../system/json-shape.js';
import * as base from './wire.js';

function headers(target: ProviderTarget): Record<string, string> {
  return target.apiKey ? { 'x-goog-api-key': target.apiKey } : {};
}

function errorOf(body: unknown): base.ErrorInfo {
  const error = asRecord(asRecord(body)?.error);
  const details = Array.isArray(error?.details) ? error.details : [];
  const reason = details.map((d) => str(asRecord(d)?.reason)).find((r) => r !== null) ?? null;
  return { message: str(error?.message), code: str(error?.status), reason, retryAfterSeconds: retryDelay(details) };
}

/** google.rpc.RetryInfo's retryDelay, a protobuf Duration in JSON: "7s", "0.5s", "30.123s". */
function retryDelay(details: readonly unknown[]): number | null {
  for (const detail of details) {
    const record = asRecord(detail);
    if (str(record?.['@type'])?.endsWith('google.rpc.RetryInfo') !== true) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(str(record?.retryDelay) ?? '');
    if (match) return Number(match[1]);
  }
  return null;
}

/** What supportedGenerationMethods says a model is for: generateContent is a chat, embedContent an embedding. */
function geminiKind(methods: unknown, id: string): ModelKind {
  if (!Array.isArray(methods)) return base.kindFromId(id);
  if (methods.includes('generateContent') || methods.includes('streamGenerateContent')) return 'chat';
  if (methods.includes('embedContent') || methods.includes('batchEmbedContents')) return 'embedding';
  const guessed = base.kindFromId(id);
  return guessed === 'unknown' && /^(imagen|veo)/.test(id) ? 'image' : guessed;
}

export const geminiWire: base.Wire = {
  format: 'sse',

  chatRequest(target: ProviderTarget, chat: base.ChatRequest): base.WireRequest {
    const { system, rest } = base.splitSystem(chat.messages);
    return base.streamedChatRequest(target, 'text/event-stream', headers(target), {
      contents: rest.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
      ...(system && { systemInstruction: { parts: [{ text: system }] } }),
      generationConfig: { maxOutputTokens: chat.maxTokens, temperature: chat.temperature },
    });
  },

  interpret({ data }): base.StreamItem[] {
    const payload = asRecord(base.parseJson(data));
    if (!payload) throw new base.MalformedPayload('not an object');
    if (payload.error !== undefined) return [{ kind: 'error', info: errorOf(payload) }];
    const candidates = Array.isArray(payload.candidates) ? payload.candidates : [];
    if (candidates.length === 0 && payload.usageMetadata === undefined && payload.promptFeedback === undefined)
      throw new base.MalformedPayload('no candidates');
    const items: base.StreamItem[] = [];
    const candidate = asRecord(candidates[0]);
    const parts = asRecord(candidate?.content)?.parts;
    for (const part of Array.isArray(parts) ? parts : []) {
      const record = asRecord(part);
      const text = str(record?.text);
      if (text) items.push({ kind: record?.thought === true ? 'reasoning' : 'text', text });
    }
    const finish = str(candidate?.finishReason);
    if (finish && finish !== 'FINISH_REASON_UNSPECIFIED') items.push({ kind: 'finish', reason: finish });
    const usage = asRecord(payload.usageMetadata);
    const output = num(usage?.candidatesTokenCount);
    if (output !== undefined)
      items.push({ kind: 'usage', outputTokens: output, inputTokens: num(usage?.promptTokenCount) });
    // finishReason is not the end: Google repeats it on every chunk (see docs/providers.md §4), so the stream's own
    // end is what finishes a Gemini reply.
    return items;
  },

  modelsRequest(target: ProviderTarget, cursor?: string | null): base.WireRequest {
    return base.modelListRequest(target, headers(target), cursor ? `&pageToken=${encodeURIComponent(cursor)}` : '');
  },

  parseModels(body) {
    return base.uniqueModels(
      base.listIn(body, 'models').map((m) => {
        const id = (str(m?.name) ?? '').replace(/^models\//, '');
        const contextLength = base.tokens(m?.inputTokenLimit);
        return { id, kind: geminiKind(m?.supportedGenerationMethods, id), ...(contextLength && { contextLength }) };
      }),
    );
  },

  nextCursor: (body) => str(asRecord(body)?.nextPageToken) || null,

  errorInfo: errorOf,

  isModelNotFound(info: base.ErrorInfo): boolean {
    return info.code === 'NOT_FOUND' || base.MODEL_MISSING.test(info.message ?? '');
  },
};
