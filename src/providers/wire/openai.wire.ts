// The OpenAI Chat Completions wire format, spoken by OpenAI, Azure OpenAI and every OpenAI-compatible
// server (LM Studio, llama.cpp, vLLM, LocalAI, Jan, KoboldCpp, text-generation-webui, Docker Model Runner).
import type { ProviderTarget } from '../provider-target.js';
import type { ModelKind } from '../../../shared/models.contract.js';
import { PRESETS } from '../../../shared/provider.contract.js';
import { asRecord, num, str } from '../../system/json-shape.js';
import * as base from './wire.js';

/** OpenAI reasoning base.models accept only max_completion_tokens and the default temperature. */
const OPENAI_REASONING_MODEL = /^(o\d|gpt-5)/i;

function authHeaders(target: ProviderTarget): Record<string, string> {
  if (!target.apiKey) return {};
  return target.kind === 'azure-openai' ? { 'api-key': target.apiKey } : { authorization: `Bearer ${target.apiKey}` };
}

function sendsStreamOptions(target: ProviderTarget): boolean {
  // Each preset says whether its server takes stream_options; one we cannot name may not.
  if (target.kind === 'openai-compatible') return target.preset ? PRESETS[target.preset].streamUsage : false;
  if (target.kind === 'azure-openai') {
    const version = target.azureApiVersion ?? 'v1';
    return version === 'v1' || version >= '2024-09-01';
  }
  return true;
}

/** The `type` words servers use (Together, LM Studio's native list), by what they mean. */
const TYPE_KIND: Readonly<Record<string, ModelKind>> = {
  chat: 'chat',
  language: 'chat',
  code: 'chat',
  llm: 'chat',
  vlm: 'chat',
  embedding: 'embedding',
  embeddings: 'embedding',
  image: 'image',
  audio: 'audio',
  transcribe: 'audio',
  moderation: 'unknown',
  rerank: 'unknown',
};

function kindOf(entry: Record<string, unknown>, id: string): ModelKind {
  const type = str(entry.type);
  if (type !== null && TYPE_KIND[type.toLowerCase()]) return TYPE_KIND[type.toLowerCase()]!;
  // Mistral: capabilities.completion_chat.
  const capabilities = asRecord(entry.capabilities);
  if (capabilities?.completion_chat === true) return 'chat';
  // OpenRouter: architecture.output_modalities, e.g. ["text"] or ["image"]; GitHub: supported_output_modalities.
  const outputs = asRecord(entry.architecture)?.output_modalities ?? entry.supported_output_modalities;
  if (Array.isArray(outputs)) {
    if (outputs.includes('text')) return 'chat';
    if (outputs.includes('image')) return 'image';
    if (outputs.includes('audio')) return 'audio';
    if (outputs.includes('embeddings')) return 'embedding';
  }
  return base.kindFromId(id);
}

/** `data[]` as OpenAI has it; a bare array (Together, GitHub's catalog); `models[]` (some Fireworks answers). */
function modelEntries(body: unknown): Array<Record<string, unknown> | null> {
  if (Array.isArray(body)) return body.map(asRecord);
  const record = asRecord(body);
  if (record && !Array.isArray(record.data) && Array.isArray(record.models)) return base.listIn(body, 'models');
  return base.listIn(body, 'data');
}

/** One `data[]` entry: its id, and what the server says about it where it says anything. */
function openAiModel(entry: Record<string, unknown> | null): base.ModelInfo {
  const id = str(entry?.id) ?? '';
  if (!entry) return { id };
  const contextLength =
    base.tokens(entry.context_length) ?? // OpenRouter, Together
    base.tokens(entry.context_window) ?? // Groq
    base.tokens(entry.max_model_len) ?? // vLLM, SGLang
    base.tokens(entry.max_context_length) ?? // LM Studio's native list, Mistral
    base.tokens(asRecord(entry.limits)?.max_input_tokens); // GitHub's catalog
  const state = str(entry.state); // LM Studio's native list: loaded | not-loaded
  return {
    id,
    kind: kindOf(entry, id),
    ...(contextLength !== undefined && { contextLength }),
    ...(state !== null && { loaded: state === 'loaded' }),
  };
}

export const openAiWire: base.Wire = {
  format: 'sse',

  chatRequest(target: ProviderTarget, chat: base.ChatRequest): base.WireRequest {
    const reasoning = target.kind === 'openai' && OPENAI_REASONING_MODEL.test(target.model);
    const model = target.kind === 'azure-openai' ? (target.azureDeployment ?? target.model) : target.model;
    return base.streamedChatRequest(target, 'text/event-stream', authHeaders(target), {
      model,
      messages: chat.messages,
      stream: true,
      ...(target.kind === 'openai' ? { max_completion_tokens: chat.maxTokens } : { max_tokens: chat.maxTokens }),
      ...(!reasoning && { temperature: chat.temperature }),
      ...(sendsStreamOptions(target) && { stream_options: { include_usage: true } }),
    });
  },

  interpret({ event, data }): base.StreamItem[] {
    if (data.trim() === '[DONE]') return [{ kind: 'done', reason: null }];
    // The official SDK treats both `event: error` and a payload with an `error` key as a failure (docs/providers.md §0.2).
    if (event === 'error') {
      let payload: unknown = data;
      try {
        payload = JSON.parse(data);
      } catch {
        // plain-text error event
      }
      return [{ kind: 'error', info: base.looseErrorInfo(asRecord(payload) ?? String(payload)) }];
    }
    const chunk = asRecord(base.parseJson(data));
    if (!chunk) throw new base.MalformedPayload('not a chat completion chunk');
    if (chunk.error !== undefined && chunk.error !== null) return [{ kind: 'error', info: base.looseErrorInfo(chunk) }];
    const items: base.StreamItem[] = [];
    const choices = Array.isArray(chunk.choices) ? chunk.choices : null;
    if (choices === null && chunk.usage === undefined) throw new base.MalformedPayload('not a chat completion chunk');
    const choice = asRecord(choices?.[0]);
    const delta = asRecord(choice?.delta);
    const reasoning = str(delta?.reasoning_content) ?? str(delta?.reasoning);
    if (reasoning) items.push({ kind: 'reasoning', text: reasoning });
    const content = str(delta?.content);
    if (content) items.push({ kind: 'text', text: content });
    const finish = str(choice?.finish_reason);
    if (finish) items.push({ kind: 'finish', reason: finish });
    const usage = asRecord(chunk.usage);
    if (usage)
      items.push({ kind: 'usage', outputTokens: num(usage.completion_tokens), inputTokens: num(usage.prompt_tokens) });
    const timings = asRecord(chunk.timings); // llama.cpp
    if (timings)
      items.push({
        kind: 'server-timing',
        tokensPerSecond: num(timings.predicted_per_second),
        promptMs: num(timings.prompt_ms),
      });
    return items;
  },

  modelsRequest(target: ProviderTarget): base.WireRequest {
    return base.modelListRequest(target, authHeaders(target));
  },

  parseModels: (body) => base.uniqueModels(modelEntries(body).map(openAiModel)),

  errorInfo(body: unknown): base.ErrorInfo {
    return base.looseErrorInfo(body);
  },

  isModelNotFound(info: base.ErrorInfo): boolean {
    return (
      info.code === 'model_not_found' ||
      info.code === 'DeploymentNotFound' ||
      base.MODEL_MISSING.test(info.message ?? '')
    );
  },
};
