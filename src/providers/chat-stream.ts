// Streams one chat reply from any provider family, with the timestamps the connection test reports, all
// measured from just before the request is written: headers (time to first byte), first parsed event, and
// every text delta. Real chat uses the same generator, so a passing test means chat works. Every failure is a
// typed AppError; leaving the loop early cancels the request.
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { Network } from '../ports/network.port.js';
import {
  Cancelled,
  errorInSuccess,
  malformed,
  networkError,
  streamError,
  type ErrorContext,
} from './provider-errors.js';
import type { ProviderTarget } from './provider-target.js';
import { discardBody, errorInAnswer, okResponse, providerAnswer } from './provider-request.js';
import { readTextCapped } from './response-body.js';
import { NdjsonParser, SseParser } from './stream-parsers.js';
import { wireFor } from './wire/index.js';
import { MalformedPayload, type ChatRequest, type StreamItem } from './wire/wire.js';

export interface StreamDeps {
  readonly network: Network;
  readonly clock: Clock;
  readonly secrets: SecretRegistry;
}

export interface StreamOptions {
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
}

export type ChatEvent =
  | { readonly type: 'request'; readonly url: string }
  | { readonly type: 'headers'; readonly atMs: number; readonly status: number }
  | { readonly type: 'first-event'; readonly atMs: number }
  | { readonly type: 'delta'; readonly atMs: number; readonly text: string; readonly reasoning: boolean }
  | ({ readonly type: 'usage' } & Omit<Extract<StreamItem, { kind: 'usage' }>, 'kind'>)
  | ({ readonly type: 'server-timing' } & Omit<Extract<StreamItem, { kind: 'server-timing' }>, 'kind'>)
  | { readonly type: 'finish'; readonly reason: string }
  | { readonly type: 'done'; readonly atMs: number; readonly reason: string | null };

export { Cancelled };

const ANSWER_HEAD_MAX = 64 * 1024;

export async function* streamChat(
  target: ProviderTarget,
  chat: ChatRequest,
  deps: StreamDeps,
  options: StreamOptions,
): AsyncGenerator<ChatEvent> {
  const wire = wireFor(target.kind);
  const request = wire.chatRequest(target, chat);
  const ctx: ErrorContext = { target, url: request.url, wire, secrets: deps.secrets };
  const { signal } = options;
  yield { type: 'request', url: request.url };

  const started = deps.clock.monotonicMs();
  const since = () => deps.clock.monotonicMs() - started;
  const answer = await providerAnswer(ctx, deps.network, {
    method: 'POST',
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    signal,
  });
  // Even a refusal says how quickly the server answered.
  yield { type: 'headers', atMs: since(), status: answer.kind === 'ok' ? answer.response.status : answer.status };
  const response = okResponse(answer, ctx);
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    await discardBody(response);
    throw malformed(ctx);
  }

  const parser = wire.format === 'sse' ? new SseParser() : new NdjsonParser();
  let sawEvent = false;
  let sawContent = false;
  // Until the first event, what arrived is kept (a little of it): a 2xx whose body is an error has no events.
  let head = '';
  const translate = function* (items: StreamItem[]): Generator<ChatEvent> {
    for (const item of items) {
      switch (item.kind) {
        case 'text':
        case 'reasoning':
          sawContent = true;
          yield { type: 'delta', atMs: since(), text: item.text, reasoning: item.kind === 'reasoning' };
          break;
        case 'usage':
          yield { type: 'usage', outputTokens: item.outputTokens, inputTokens: item.inputTokens };
          break;
        case 'server-timing':
          yield {
            type: 'server-timing',
            tokensPerSecond: item.tokensPerSecond,
            loadMs: item.loadMs,
            promptMs: item.promptMs,
          };
          break;
        case 'finish':
          yield { type: 'finish', reason: item.reason };
          break;
        case 'error':
          throw streamError(item.info, ctx);
        case 'done':
          yield { type: 'done', atMs: since(), reason: item.reason };
          break;
      }
    }
  };

  try {
    for await (const text of readTextCapped(response, options.maxResponseBytes)) {
      if (!sawEvent && head.length < ANSWER_HEAD_MAX) head += text.slice(0, ANSWER_HEAD_MAX - head.length);
      for (const event of parser.push(text)) {
        if (!sawEvent) {
          sawEvent = true;
          yield { type: 'first-event', atMs: since() };
        }
        const items = wire.interpret(event);
        for (const out of translate(items)) {
          yield out;
          if (out.type === 'done') return; // the server said it is finished: stop reading now
        }
      }
    }
    for (const event of parser.end()) {
      for (const out of translate(wire.interpret(event))) {
        yield out;
        if (out.type === 'done') return;
      }
    }
  } catch (error) {
    if (error instanceof MalformedPayload) throw malformed(ctx, error);
    if (error instanceof AppError) throw error;
    throw networkError(error, ctx, signal);
  }
  if (!sawEvent && !sawContent) {
    const info = errorInAnswer(head, wire);
    throw info ? errorInSuccess(info, ctx) : malformed(ctx);
  }
  yield { type: 'done', atMs: since(), reason: null };
}
