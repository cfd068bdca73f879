// What differs between provider families, and nothing else: how to build the chat and model-list requests,
// what one streamed event means, how models are listed, and what an error body says. The streaming, timing,
// size caps and error classes are shared (chat-stream.ts, http-errors.ts), and so is how the learner's extra
// headers join the ones a wire sets.
import { resolveEndpoints } from '../../../shared/endpoint-resolution.js';
import type { ModelKind } from '../../../shared/models.contract.js';
import { endpointOrigin } from '../../../shared/origin.js';
import { isReservedHeaderName } from '../../../shared/request-headers.contract.js';
import { asRecord, str } from '../../system/json-shape.js';
import type { ProviderTarget } from '../provider-target.js';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxTokens: number;
  readonly temperature: number;
}

export interface WireRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * The headers of a request to `url`: the learner's extra headers, then the app's own. Extra headers go only to
 * the origin (scheme, host, port) of the target's address, the one they were given for, and the app's headers
 * always win: an extra one whose name the app sets or reserves (in any letter case) is left out.
 */
export function requestHeaders(
  target: ProviderTarget,
  url: string,
  own: Record<string, string>,
): Record<string, string> {
  const extra = target.extraHeaders ?? [];
  const origin = endpointOrigin(url);
  if (extra.length === 0 || origin === null || origin !== endpointOrigin(target.baseUrl)) return own;
  const taken = new Set(Object.keys(own).map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const { name, value } of extra)
    if (!taken.has(name.toLowerCase()) && !isReservedHeaderName(name)) headers[name] = value;
  return { ...headers, ...own };
}

/** The streamed chat POST every family sends: its own body, stream media type and auth headers, same envelope. */
export function streamedChatRequest(
  target: ProviderTarget,
  accept: string,
  auth: Record<string, string>,
  body: unknown,
): WireRequest {
  const url = resolveEndpoints(target).chat;
  return {
    url,
    headers: requestHeaders(target, url, { 'content-type': 'application/json', accept, ...auth }),
    body: JSON.stringify(body),
  };
}

/** The model-list GET every family sends (Anthropic adds a page size). */
export function modelListRequest(target: ProviderTarget, auth: Record<string, string>, query = ''): WireRequest {
  const url = `${resolveEndpoints(target).models}${query}`;
  return { url, headers: requestHeaders(target, url, { accept: 'application/json', ...auth }) };
}

/** What a provider's error body says, in the few fields classification needs. */
export interface ErrorInfo {
  readonly message: string | null;
  /** Machine code or type: invalid_api_key, model_not_found, not_found_error, DeploymentNotFound, NOT_FOUND … */
  readonly code: string | null;
  /** Google's ErrorInfo reason, e.g. API_KEY_INVALID. */
  readonly reason: string | null;
  /** How long the body (not a header) asks to wait: Google's RetryInfo retryDelay. */
  readonly retryAfterSeconds?: number | null;
}

export type StreamItem =
  | { readonly kind: 'text'; readonly text: string }
  /** Reasoning/thinking output: the model has started producing, but it is not the answer text. */
  | { readonly kind: 'reasoning'; readonly text: string }
  | { readonly kind: 'usage'; readonly outputTokens?: number | undefined; readonly inputTokens?: number | undefined }
  | {
      readonly kind: 'server-timing';
      readonly tokensPerSecond?: number | undefined;
      readonly loadMs?: number | undefined;
      readonly promptMs?: number | undefined;
    }
  /** Why the model stopped, in the server's words; the stream may still carry usage after it. */
  | { readonly kind: 'finish'; readonly reason: string }
  | { readonly kind: 'done'; readonly reason: string | null }
  | { readonly kind: 'error'; readonly info: ErrorInfo };

export interface ModelInfo {
  readonly id: string;
  readonly label?: string | undefined;
  readonly kind?: ModelKind | undefined;
  readonly contextLength?: number | undefined;
  readonly loaded?: boolean | undefined;
}

export interface Wire {
  readonly format: 'sse' | 'ndjson';
  chatRequest(target: ProviderTarget, chat: ChatRequest): WireRequest;
  /** One SSE event or NDJSON line. Throws MalformedPayload when it is not what the family sends. */
  interpret(event: { readonly event: string | null; readonly data: string }): StreamItem[];
  /** The first page of the model list, or the page after `cursor`. */
  modelsRequest(target: ProviderTarget, cursor?: string | null): WireRequest;
  parseModels(body: unknown): ModelInfo[];
  /** Where the next page starts, for lists that come in pages (Anthropic, Gemini); null on the last one. */
  nextCursor?(body: unknown): string | null;
  errorInfo(body: unknown): ErrorInfo;
  /** Whether a 404 means "no such model" (rather than "no such endpoint"). */
  isModelNotFound(info: ErrorInfo): boolean;
}

export class MalformedPayload extends Error {
  override readonly name = 'MalformedPayload';
}

export function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new MalformedPayload('not JSON');
  }
}

/** Plain-text bodies (Jan, mlx) and JSON bodies of the `{"error": "..."}` or `{"detail": "..."}` kind. */
export function looseErrorInfo(body: unknown): ErrorInfo {
  if (typeof body === 'string') return { message: body.trim().slice(0, 300) || null, code: null, reason: null };
  const record = asRecord(body);
  const error = record?.error;
  if (typeof error === 'string') return { message: error, code: null, reason: null };
  const nested = asRecord(error);
  if (nested) return { message: str(nested.message), code: str(nested.code) ?? str(nested.type), reason: null };
  return {
    message: str(record?.detail) ?? str(record?.message),
    code: str(record?.code) ?? str(record?.type),
    reason: null,
  };
}

export const MODEL_MISSING =
  /model.*(not found|does not exist|not exist|no such|not available|no running session)|(unknown|invalid) model|model_not_found/i;

/** The entries of the array a model list keeps under `field`; MalformedPayload when the body has none. */
export function listIn(body: unknown, field: string): Array<Record<string, unknown> | null> {
  const list = asRecord(body)?.[field];
  if (!Array.isArray(list)) throw new MalformedPayload(`no ${field}[]`);
  return list.map(asRecord);
}

/** Each id once (the first entry wins), empty ids dropped. */
export function uniqueModels(list: Iterable<ModelInfo>): ModelInfo[] {
  const seen = new Map<string, ModelInfo>();
  for (const model of list) if (model.id.length > 0 && !seen.has(model.id)) seen.set(model.id, model);
  return [...seen.values()];
}

/** What a bare id gives away: OpenAI's and Anthropic's lists say nothing else. */
export function kindFromId(id: string): ModelKind {
  if (/embed/i.test(id)) return 'embedding';
  if (/whisper|(^|[-_/])tts|transcribe|speech|audio/i.test(id)) return 'audio';
  if (/dall-e|gpt-image|imagen|stable-diffusion|sdxl|flux|(^|[-_/])image($|[-_])/i.test(id)) return 'image';
  return 'unknown';
}

/** A positive whole number of tokens, or undefined. */
export function tokens(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** System messages joined, and the rest: for APIs that take the system prompt as a separate field. */
export function splitSystem(messages: readonly ChatMessage[]): { system: string; rest: ChatMessage[] } {
  return {
    system: messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n'),
    rest: messages.filter((m) => m.role !== 'system'),
  };
}
