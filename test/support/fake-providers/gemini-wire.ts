// The Gemini generateContent wire (docs/providers.md §4): `?alt=sse` streams whole GenerateContentResponse objects with
// no terminator, errors are google.rpc Status bodies, and a bad key is a 400, not a 401.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import type { FakeContext } from './fake-llm-options.js';
import type { Problem } from './problems.js';
import { json, nextId, parseObject, promptTokens, send } from './respond.js';
import type { Reply } from './respond.js';
import { ssePadding, type StreamDialect } from './stream-dialect.js';
import { openStream, pauseUnlessClosed, sse, SSE_CONTENT_TYPE } from './stream-writer.js';

// Google's front end frames SSE with CRLF; a conforming SSE parser must accept it (WHATWG "end of line").
const CRLF = '\r\n';
const event = (data: unknown): string => sse(data, undefined, CRLF);

function status(code: number, statusName: string, message: string, details?: unknown[]): Reply {
  return json(
    code,
    { error: { code, message, status: statusName, ...(details ? { details } : {}) } },
    { 'content-type': 'application/json; charset=UTF-8' },
  );
}

export function geminiProblem(problem: Problem): Reply {
  switch (problem.code) {
    case 'unauthorized':
      return status(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
      ]);
    case 'no-route':
      return status(404, 'NOT_FOUND', 'Method not found.');
    case 'model-not-found':
      return status(
        404,
        'NOT_FOUND',
        `models/${problem.model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      );
    case 'bad-request':
      return status(400, 'INVALID_ARGUMENT', problem.message);
    case 'rate-limit':
      return status(
        429,
        'RESOURCE_EXHAUSTED',
        'You exceeded your current quota, please check your plan and billing details.',
        [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${problem.retryAfterSeconds}s` }],
      );
    case 'overloaded':
      return status(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    case 'server-error':
      return status(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
  }
}

interface Usage {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
}

function response(
  model: string,
  responseId: string,
  piece: string,
  usage: Usage | undefined,
  finished: boolean,
): Record<string, unknown> {
  return {
    candidates: [
      { content: { parts: [{ text: piece }], role: 'model' }, ...(finished ? { finishReason: 'STOP' } : {}), index: 0 },
    ],
    ...(usage ? { usageMetadata: usage } : {}),
    modelVersion: model,
    responseId,
  };
}

export function geminiDialect(model: string): StreamDialect {
  const id = nextId('resp');
  return {
    contentType: SSE_CONTENT_TYPE,
    prelude: () => [],
    delta: (piece) => event(response(model, id, piece, undefined, false)),
    midStreamError: () =>
      event({
        error: {
          code: 500,
          message:
            'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
          status: 'INTERNAL',
        },
      }),
    keepAlive: () => `: keep-alive${CRLF}${CRLF}`,
    malformed: () => [
      `data: {"candidates": [{"content": {"parts": [{"text": "Hel${CRLF}${CRLF}`,
      `data: not json${CRLF}${CRLF}`,
    ],
    hugeOpening: () => '',
    hugePadding: ssePadding,
  };
}

/** GET /v1beta/models?pageSize=&pageToken=: pages of pageSize (default 50, at most 1000), nextPageToken until the last. */
export function geminiModels(ctx: FakeContext, req: RecordedRequest): Reply {
  const query = new URL(req.path, 'http://x').searchParams;
  const size = Math.min(1000, Math.max(1, Number(query.get('pageSize') ?? 50) || 50));
  const token = query.get('pageToken');
  const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  const page = ctx.models.slice(start, start + size);
  const more = start + size < ctx.models.length;
  return json(200, {
    models: page.map((id) => {
      const embedding = ctx.modelInfo[id]?.kind === 'embedding';
      return {
        name: `models/${id}`,
        version: '001',
        displayName: id,
        inputTokenLimit: ctx.modelInfo[id]?.contextLength ?? 1_048_576,
        outputTokenLimit: embedding ? 1 : 65_536,
        supportedGenerationMethods: embedding
          ? ['embedContent', 'countTextTokens']
          : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
      };
    }),
    ...(more && { nextPageToken: Buffer.from(String(start + size)).toString('base64url') }),
  });
}

/** POST /v1beta/models/{model}:streamGenerateContent?alt=sse (or :generateContent for one JSON answer). */
export async function geminiGenerate(
  ctx: FakeContext,
  req: RecordedRequest,
  res: ServerResponse,
  model: string,
  streaming: boolean,
): Promise<void> {
  if (!ctx.models.includes(model)) return send(res, geminiProblem({ code: 'model-not-found', model }));
  const body = parseObject(req.body);
  if (body === undefined)
    return send(res, geminiProblem({ code: 'bad-request', message: 'Invalid JSON payload received.' }));
  if (streaming && new URL(req.path, 'http://x').searchParams.get('alt') !== 'sse') {
    // The real API would answer a streamed JSON array here; the fake only speaks SSE, so say so loudly.
    return send(res, geminiProblem({ code: 'bad-request', message: 'This fake only streams with ?alt=sse.' }));
  }
  const prompt = promptTokens(body.contents);
  const n = ctx.reply.length;
  const usageAfter = (k: number): Usage => ({
    promptTokenCount: prompt,
    candidatesTokenCount: k,
    totalTokenCount: prompt + k,
  });
  const id = nextId('resp');

  if (!streaming) {
    if (!(await pauseUnlessClosed(res, ctx.firstTokenDelayMs + ctx.tokenDelayMs * Math.max(0, n - 1)))) return;
    return send(res, json(200, response(model, id, ctx.reply.join(''), usageAfter(n), true)));
  }

  const stream = openStream(res, SSE_CONTENT_TYPE);
  if (!(await stream.pause(ctx.firstTokenDelayMs))) return;
  const pieces = n > 0 ? ctx.reply : [''];
  for (const [i, piece] of pieces.entries()) {
    if (i > 0 && !(await stream.pause(ctx.tokenDelayMs))) return;
    const last = i === pieces.length - 1;
    if (!(await stream.write(event(response(model, id, piece, usageAfter(Math.min(i + 1, n)), last))))) return;
  }
  stream.end();
}
