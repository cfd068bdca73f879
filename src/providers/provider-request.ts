// The one way a request reaches a model server: fetch through the Network port, never follow a redirect (its
// body is cancelled unread), read at most a small error body, and classify every failure — a redirect, an HTTP
// error with the provider's own body, or the network failing underneath — as a catalogued error. The chat
// stream and model listing go through providerAnswer; discovery, which wants the raw answers, uses requestOnce.
import type { HttpRequest, Network } from '../ports/network.port.js';
import { AppError } from '../errors/app-error.js';
import { errorInSuccess, httpError, malformed, networkError, type ErrorContext } from './provider-errors.js';
import { readAllCapped, readTextCapped } from './response-body.js';
import { asRecord } from '../system/json-shape.js';
import type { ErrorInfo, Wire } from './wire/wire.js';

const ERROR_BODY_MAX = 64 * 1024;

export type Answer =
  | { readonly kind: 'ok'; readonly response: Response }
  | { readonly kind: 'redirect'; readonly status: number; readonly headers: Headers }
  | { readonly kind: 'error'; readonly status: number; readonly headers: Headers; readonly text: string };

/** Cancels a body nobody will read, so its connection is freed at once. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** At most `limitBytes` of a body as text, never throwing (too large or broken: what arrived). */
async function readSome(response: Response, limitBytes: number): Promise<string> {
  let text = '';
  try {
    for await (const chunk of readTextCapped(response, limitBytes)) text += chunk;
  } catch {
    // classify on what arrived
  }
  return text;
}

/** One request, its answer sorted into ok / redirect / error. Network failures throw as they come. */
export async function requestOnce(network: Network, url: string, request: HttpRequest): Promise<Answer> {
  const response = await network.fetch(url, request);
  if (response.status >= 300 && response.status < 400) {
    await discardBody(response);
    return { kind: 'redirect', status: response.status, headers: response.headers };
  }
  if (!response.ok) {
    const text = await readSome(response, ERROR_BODY_MAX);
    await discardBody(response);
    return { kind: 'error', status: response.status, headers: response.headers, text };
  }
  return { kind: 'ok', response };
}

/** JSON when the text is JSON, else the text itself: the shape a wire's errorInfo reads. */
export function errorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The error a 2xx body carries instead of an answer ({"error": …} with a success status), or null when the body
 * is not an error. Only a body whose `error` is present counts: anything else is for the wire to read.
 */
export function errorInAnswer(text: string, wire: Wire): ErrorInfo | null {
  const body = errorBody(text);
  const record = asRecord(body);
  if (record === null || record.error === undefined || record.error === null) return null;
  return wire.errorInfo(body);
}

/** A request to a provider; a network failure throws as a catalogued error (or Cancelled). */
export async function providerAnswer(ctx: ErrorContext, network: Network, request: HttpRequest): Promise<Answer> {
  try {
    // The profile's way to its server; discovery's own requests (requestOnce) always go straight to loopback.
    const proxy = ctx.target.proxy;
    return await requestOnce(network, ctx.url, proxy ? { ...request, proxy } : request);
  } catch (error) {
    throw networkError(error, ctx, request.signal);
  }
}

/** The 2xx response of an answer; a redirect or an HTTP error throws as a catalogued error. */
export function okResponse(answer: Answer, ctx: ErrorContext): Response {
  switch (answer.kind) {
    case 'ok':
      return answer.response;
    case 'redirect':
      throw httpError(answer.status, ctx.wire.errorInfo(null), answer.headers, ctx);
    case 'error':
      throw httpError(answer.status, ctx.wire.errorInfo(errorBody(answer.text)), answer.headers, ctx);
  }
}

/** A request to a provider that resolves only with a 2xx response; everything else throws a catalogued error. */
export async function sendProviderRequest(
  ctx: ErrorContext,
  network: Network,
  request: HttpRequest,
): Promise<Response> {
  return okResponse(await providerAnswer(ctx, network, request), ctx);
}

/** A request whose 2xx answer is one JSON document of at most `limitBytes`; every other outcome is catalogued. */
export async function requestJson(
  ctx: ErrorContext,
  network: Network,
  signal: AbortSignal,
  limitBytes: number,
  request: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
): Promise<unknown> {
  const response = await sendProviderRequest(ctx, network, { ...request, signal });
  let text: string;
  try {
    text = await readAllCapped(response, limitBytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw networkError(error, ctx, signal);
  }
  const info = errorInAnswer(text, ctx.wire);
  if (info) throw errorInSuccess(info, ctx);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformed(ctx, error);
  }
}
