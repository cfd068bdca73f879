import { describe, expect, it } from 'vitest';
import { describeError } from '../../../shared/errors/error-catalog.js';
import { pathHint, waitWords } from '../../../shared/errors/hints.js';
import { SecretRegistry } from '../../../src/diagnostics/secret-registry.js';
import type { AppError } from '../../../src/errors/app-error.js';
import { httpError, networkError, retryAfterSeconds, streamError } from '../../../src/providers/provider-errors.js';
import type { ProviderTarget } from '../../../src/providers/provider-target.js';
import { wireFor } from '../../../src/providers/wire/index.js';

const target = (over: Partial<ProviderTarget> = {}): ProviderTarget => ({
  kind: 'openai-compatible',
  preset: 'lmstudio',
  baseUrl: 'http://127.0.0.1:1234',
  model: 'qwen',
  apiKey: 'sk-secret-abcdef-123456',
  timeoutMs: 30_000,
  ...over,
});
const ctx = (t = target()) => {
  const secrets = new SecretRegistry();
  if (t.apiKey) secrets.hold(t.apiKey);
  return { target: t, url: 'http://127.0.0.1:1234/v1/chat/completions', wire: wireFor(t.kind), secrets };
};
const info = (message: string | null, code: string | null = null, reason: string | null = null) => ({
  message,
  code,
  reason,
});

describe('provider error classification', () => {
  it.each([
    [401, info('bad key'), 'PROVIDER_AUTH_FAILED'],
    [403, info('forbidden'), 'PROVIDER_AUTH_FAILED'],
    [400, info('API key not valid', 'INVALID_ARGUMENT', 'API_KEY_INVALID'), 'PROVIDER_AUTH_FAILED'],
    [404, info('The model `x` does not exist.', 'model_not_found'), 'PROVIDER_MODEL_NOT_FOUND'],
    [404, info("model 'llama9' not found"), 'PROVIDER_MODEL_NOT_FOUND'],
    [404, info('File Not Found'), 'PROVIDER_ENDPOINT_NOT_FOUND'],
    [404, info("No running session found for model 'qwen'"), 'PROVIDER_MODEL_NOT_RUNNING'],
    [400, info('No models loaded. Please load a model in the developer page.'), 'PROVIDER_MODEL_NOT_RUNNING'],
    [
      404,
      info('The API deployment for this resource does not exist.', 'DeploymentNotFound'),
      'PROVIDER_DEPLOYMENT_NOT_FOUND',
    ],
    [503, info('Loading model', 'unavailable_error'), 'PROVIDER_MODEL_LOADING'],
    [404, info(null), 'PROVIDER_ENDPOINT_NOT_FOUND'],
    [429, info('slow down', 'rate_limit_exceeded'), 'PROVIDER_RATE_LIMITED'],
    [429, info('You exceeded your current quota', 'insufficient_quota'), 'PROVIDER_QUOTA_EXCEEDED'],
    [503, info('busy'), 'PROVIDER_OVERLOADED'],
    [529, info('Overloaded', 'overloaded_error'), 'PROVIDER_OVERLOADED'],
    [500, info('boom'), 'PROVIDER_SERVER_ERROR'],
    [502, info('bad gateway'), 'PROVIDER_SERVER_ERROR'],
    [400, info('max_tokens is required'), 'PROVIDER_BAD_REQUEST'],
    [302, info(null), 'PROVIDER_REDIRECT_BLOCKED'],
  ])('HTTP %i %j → %s', (status, errorInfo, code) => {
    expect(httpError(status, errorInfo, new Headers({ location: 'http://127.0.0.1:9/x' }), ctx()).code).toBe(code);
  });

  it('a 401 or 403 when no key was sent means the server needs one', () => {
    for (const status of [401, 403]) {
      const error = httpError(status, info('Unauthorized'), new Headers(), ctx(target({ apiKey: null })));
      expect(error.code).toBe('PROVIDER_KEY_NEEDED');
      expect(describeError(error.code, error.params).remediation).toContain("LM Studio's Developer tab");
    }
  });

  it("a wait asked for in Google's RetryInfo is used when no header says how long", () => {
    const gemini = target({ kind: 'gemini', preset: null });
    const body = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'quota',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '42.5s' }],
      },
    };
    const error = httpError(429, wireFor('gemini').errorInfo(body), new Headers(), ctx(gemini));
    expect(error.params).toMatchObject({ retryAfter: '43 seconds' });
    const header = httpError(429, wireFor('gemini').errorInfo(body), new Headers({ 'retry-after': '3' }), ctx(gemini));
    expect(header.params).toMatchObject({ retryAfter: '3 seconds' });
  });

  it('never lets the key into a message, even when the provider echoes it', () => {
    const error = httpError(
      400,
      info('Incorrect API key provided: sk-secret-abcdef-123456, please check'),
      new Headers(),
      ctx(),
    );
    expect(error.message).not.toContain('sk-secret-abcdef-123456');
    const words = describeError(error.code, error.params);
    expect(JSON.stringify(words)).not.toContain('abcdef');
    const stream = streamError(info('upstream failed for key sk-secret-abcdef-123456'), ctx());
    expect(stream.message).not.toContain('abcdef');
  });

  it('reads retry-after as seconds, a date, or retry-after-ms', () => {
    expect(waitWords(retryAfterSeconds(new Headers({ 'retry-after': '20' })))).toBe('20 seconds');
    expect(waitWords(retryAfterSeconds(new Headers({ 'retry-after-ms': '1500' })))).toBe('a second');
    expect(
      waitWords(retryAfterSeconds(new Headers({ 'retry-after': new Date(Date.now() + 180_000).toUTCString() }))),
    ).toMatch(/^3 minutes|^2 minutes/);
    expect(waitWords(retryAfterSeconds(new Headers()))).toBe('a minute');
  });

  it('gives a /v1 hint when it was missing or doubled', () => {
    expect(
      pathHint(target({ baseUrl: 'http://127.0.0.1:1234' }), '', 'http://127.0.0.1:1234/v1/chat/completions'),
    ).toContain('added /v1');
    expect(pathHint(target(), '/v1/api/v1', 'u')).toContain('twice');
    expect(pathHint(target({ kind: 'ollama', preset: undefined }), '', 'u')).toContain('OpenAI-compatible');
  });

  it('maps network failures, keeping the TLS code', () => {
    const plain = new AbortController().signal;
    const wrap = (code: string) =>
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    expect((networkError(wrap('ECONNREFUSED'), ctx(), plain) as AppError).code).toBe('PROVIDER_CONNECTION_REFUSED');
    expect((networkError(wrap('ECONNREFUSED'), ctx(), plain) as AppError).params.startHint).toContain('LM Studio');
    expect((networkError(wrap('ENOTFOUND'), ctx(), plain) as AppError).code).toBe('PROVIDER_DNS_FAILED');
    const tls = networkError(wrap('DEPTH_ZERO_SELF_SIGNED_CERT'), ctx(), plain) as AppError;
    expect([tls.code, tls.params.tlsCode]).toEqual(['PROVIDER_TLS_FAILED', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
    expect((networkError(wrap('ECONNRESET'), ctx(), plain) as AppError).code).toBe('PROVIDER_CONNECTION_FAILED');
    const aggregate = Object.assign(new TypeError('fetch failed'), {
      cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    });
    expect((networkError(aggregate, ctx(), plain) as AppError).code).toBe('PROVIDER_CONNECTION_REFUSED');
  });

  it('tells a timeout from a cancel by the abort reason', () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('t', 'TimeoutError'));
    expect((networkError(new Error('aborted'), ctx(), timedOut.signal) as AppError).code).toBe('PROVIDER_TIMEOUT');
    const cancelled = new AbortController();
    cancelled.abort();
    expect(networkError(new Error('aborted'), ctx(), cancelled.signal).name).toBe('Cancelled');
  });

  it('every provider code formats without leftover placeholders when given its params', () => {
    const samples: AppError[] = [
      httpError(404, info('model gone'), new Headers(), ctx()),
      httpError(404, info(null), new Headers(), ctx()),
      httpError(429, info(null), new Headers({ 'retry-after': '5' }), ctx()),
      httpError(500, info(null), new Headers(), ctx()),
      httpError(400, info('bad'), new Headers(), ctx()),
      httpError(301, info(null), new Headers({ location: 'https://elsewhere.example/x' }), ctx()),
      networkError(
        Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
        ctx(),
        new AbortController().signal,
      ) as AppError,
    ];
    for (const e of samples) {
      const words = describeError(e.code, e.params);
      expect(`${words.message} ${words.remediation}`).not.toMatch(/[{}]/);
    }
  });
});
