// Turns what went wrong talking to a model server into a catalogued error a learner can act on: HTTP status
// + the provider's own error body, or the network failure underneath fetch. Provider messages are scrubbed
// of secrets before they can reach a message or a log; the key itself is never part of any error.
import { AppError } from '../errors/app-error.js';
import { scrubText } from '../diagnostics/redaction.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { endpointHost } from '../../shared/endpoint.js';
import {
  certificateProblem,
  proxyProblem,
  elsewhereWords,
  keyHint,
  modelHint,
  pathHint,
  runHint,
  startHint,
  timeoutAdvice,
  waitWords,
} from '../../shared/errors/hints.js';
import { originOf } from '../../shared/origin.js';
import { PROFILE_LIMITS } from '../../shared/profile.contract.js';
import { providerLabel } from '../../shared/provider.contract.js';
import { errnoOf } from '../ports/errno.js';
import type { ProviderTarget } from './provider-target.js';
import type { ErrorInfo, Wire } from './wire/wire.js';

export interface ErrorContext {
  readonly target: ProviderTarget;
  readonly url: string;
  readonly wire: Wire;
  readonly secrets: SecretRegistry;
}

/** The learner stopped it: not an error to show, just the end. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

const DETAIL_MAX = 200;

/** Codes that, through a proxy of the profile's own, mean the proxy itself could not be reached. */
const PROXY_UNREACHABLE: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function detail(info: ErrorInfo, ctx: ErrorContext): string {
  const text = scrubText(info.message ?? info.code ?? 'no details given', ctx.secrets)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text;
}

/** How long the server asks to wait (retry-after in seconds or as an HTTP date, or retry-after-ms), if it says. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms'));
  let seconds = Number.isFinite(ms) && ms > 0 ? ms / 1000 : Number.NaN;
  const raw = headers.get('retry-after');
  if (Number.isNaN(seconds) && raw !== null) {
    seconds = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : (Date.parse(raw) - now) / 1000;
  }
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** Where a redirect pointed, as its origin, unless the address carries a secret: then only that it went elsewhere. */
function redirectTarget(headers: Headers, ctx: ErrorContext): string {
  const location = headers.get('location');
  if (!location) return elsewhereWords();
  try {
    // Only the origin is ever named (a path or query may carry anything), and only if it holds no live secret.
    const origin = originOf(new URL(location, ctx.url).href);
    return origin === null || ctx.secrets.contains(origin) ? elsewhereWords() : origin;
  } catch {
    return elsewhereWords();
  }
}

/** The path of the address as the learner typed it, without a trailing slash. */
function typedPath(target: ProviderTarget): string {
  try {
    return new URL(target.baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** A server that knows the model but has not started it: Jan, LM Studio with just-in-time loading off, … */
const MODEL_NOT_RUNNING =
  /no running session|model (is )?not (running|loaded)|not currently loaded|no models? (are |is )?loaded/i;
/** A server still reading the model into memory (llama.cpp answers 503 "Loading model" until it is ready). */
const MODEL_LOADING = /loading model|model is (still )?loading|still loading/i;

function waitFor(headers: Headers, info: ErrorInfo): string {
  return waitWords(retryAfterSeconds(headers) ?? info.retryAfterSeconds ?? null);
}

export function httpError(status: number, info: ErrorInfo, headers: Headers, ctx: ErrorContext): AppError {
  const { target } = ctx;
  const provider = providerLabel(target.kind, target.preset);
  const cause = { status, code: info.code, reason: info.reason };
  const message = info.message ?? '';
  if (status >= 300 && status < 400) {
    return new AppError('PROVIDER_REDIRECT_BLOCKED', { params: { location: redirectTarget(headers, ctx) }, cause });
  }
  if (
    status === 401 ||
    status === 403 ||
    // xAI answers a wrong key with 400 and a plain `error` string.
    (status === 400 && /(incorrect|invalid|wrong) api key/i.test(message)) ||
    info.reason === 'API_KEY_INVALID' ||
    info.code === 'authentication_error' ||
    info.code === 'invalid_api_key'
  ) {
    // Nothing was refused when nothing was sent: the server wants a key the profile does not have.
    return target.apiKey
      ? new AppError('PROVIDER_AUTH_FAILED', { params: { provider }, cause })
      : new AppError('PROVIDER_KEY_NEEDED', { params: { provider, keyHint: keyHint(target) }, cause });
  }
  if ((status === 400 || status === 404) && MODEL_NOT_RUNNING.test(message)) {
    return new AppError('PROVIDER_MODEL_NOT_RUNNING', {
      params: { provider, model: target.model, runHint: runHint(target, target.model) },
      cause,
    });
  }
  if (status === 404 && info.code === 'DeploymentNotFound') {
    return new AppError('PROVIDER_DEPLOYMENT_NOT_FOUND', {
      params: { deployment: target.azureDeployment ?? target.model },
      cause,
    });
  }
  if (status === 404) {
    return ctx.wire.isModelNotFound(info)
      ? new AppError('PROVIDER_MODEL_NOT_FOUND', {
          params: { model: ctx.target.model, modelHint: modelHint(ctx.target, ctx.target.model) },
          cause,
        })
      : new AppError('PROVIDER_ENDPOINT_NOT_FOUND', {
          params: { url: ctx.url, pathHint: pathHint(ctx.target, typedPath(ctx.target), ctx.url) },
          cause,
        });
  }
  if (status === 429) {
    return info.code === 'insufficient_quota'
      ? new AppError('PROVIDER_QUOTA_EXCEEDED', { params: { provider }, cause })
      : new AppError('PROVIDER_RATE_LIMITED', { params: { provider, retryAfter: waitFor(headers, info) }, cause });
  }
  if (status === 503 && (MODEL_LOADING.test(message) || info.code === 'unavailable_error'))
    return new AppError('PROVIDER_MODEL_LOADING', { params: { provider, retryAfter: waitFor(headers, info) }, cause });
  if (status === 503 || status === 529 || info.code === 'overloaded_error')
    return new AppError('PROVIDER_OVERLOADED', { params: { provider }, cause });
  if (status >= 500) return new AppError('PROVIDER_SERVER_ERROR', { params: { provider, status }, cause });
  return new AppError('PROVIDER_BAD_REQUEST', { params: { provider, status, detail: detail(info, ctx) }, cause });
}

/** A failure the server reported inside a stream that had started fine. */
export function streamError(info: ErrorInfo, ctx: ErrorContext): AppError {
  const provider = providerLabel(ctx.target.kind, ctx.target.preset);
  if (info.code === 'overloaded_error' || /overloaded/i.test(info.message ?? ''))
    return new AppError('PROVIDER_OVERLOADED', { params: { provider } });
  if (info.code === 'rate_limit_error')
    return new AppError('PROVIDER_RATE_LIMITED', { params: { provider, retryAfter: waitWords(null) } });
  return new AppError('PROVIDER_STREAM_ERROR', { params: { provider, detail: detail(info, ctx) } });
}

/**
 * A success status whose body is an error (LM Studio answers paths it lacks this way): the server's own error,
 * read like one, never "not the provider you chose".
 */
export function errorInSuccess(info: ErrorInfo, ctx: ErrorContext): AppError {
  if (/unexpected endpoint or method/i.test(info.message ?? '')) return httpError(404, info, new Headers(), ctx);
  if (MODEL_NOT_RUNNING.test(info.message ?? '')) return httpError(400, info, new Headers(), ctx);
  return streamError(info, ctx);
}

export function malformed(ctx: ErrorContext, cause?: unknown): AppError {
  return new AppError('PROVIDER_MALFORMED_RESPONSE', {
    params: { provider: providerLabel(ctx.target.kind, ctx.target.preset) },
    cause,
  });
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ALTNAME|EPROTO/;

/** fetch or body-read failure → typed error; an abort becomes Cancelled or PROVIDER_TIMEOUT by its reason. */
export function networkError(error: unknown, ctx: ErrorContext, signal: AbortSignal): AppError | Cancelled {
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError'
      ? new AppError('PROVIDER_TIMEOUT', {
          params: {
            seconds: Math.round(ctx.target.timeoutMs / 100) / 10,
            advice: timeoutAdvice(ctx.target.timeoutMs, PROFILE_LIMITS.timeoutMaxMs),
          },
          cause: error,
        })
      : new Cancelled('cancelled');
  }
  const host = endpointHost(ctx.url) ?? ctx.url;
  // Where nothing answered, the port matters as much as the host (a server on another port is the usual cause).
  const hostAndPort = URL.parse(ctx.url)?.host ?? host;
  const code = errnoOf(error) ?? 'unknown';
  const { proxy } = ctx.target;
  // Through a proxy of the profile's own, the connection is to the proxy: failing to reach it, or its refusal,
  // is the proxy's problem, not the server's.
  if (proxy?.mode === 'fixed' && (code.startsWith('EPROXY_') || PROXY_UNREACHABLE.has(code)))
    return new AppError('PROVIDER_PROXY_FAILED', {
      params: { proxy: URL.parse(proxy.url)?.host ?? proxy.url, proxyProblem: proxyProblem(code) },
      cause: error,
    });
  if (code === 'ECONNREFUSED')
    return new AppError('PROVIDER_CONNECTION_REFUSED', {
      params: { host: hostAndPort, startHint: startHint(ctx.target) },
      cause: error,
    });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return new AppError('PROVIDER_DNS_FAILED', { params: { host }, cause: error });
  if (TLS_CODE.test(code))
    return new AppError('PROVIDER_TLS_FAILED', {
      params: { host, tlsCode: code, certProblem: certificateProblem(code) },
      cause: error,
    });
  return new AppError('PROVIDER_CONNECTION_FAILED', { params: { host: hostAndPort, errno: code }, cause: error });
}
