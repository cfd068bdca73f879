// The Anthropic Messages wire (docs/providers.md §3): named SSE events with pings before and between deltas, cumulative
// output_tokens, `event: error` mid-stream, and the {"type":"error",…,"request_id"} error envelope.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import { CREATED_UNIX, type FakeContext } from './fake-llm-options.js';
import type { Problem } from './problems.js';
import { json, nextId, parseObject, promptTokens, send } from './respond.js';
import type { Reply } from './respond.js';
import { ssePadding, type StreamDialect } from './stream-dialect.js';
import { openStream, pauseUnlessClosed, sse, SSE_CONTENT_TYPE } from './stream-writer.js';

function anthropicError(status: number, type: string, message: string): Reply {
  const requestId = nextId('req_fake');
  return json(status, { type: 'error', error: { type, message }, request_id: requestId }, { 'request-id': requestId });
}

export function anthropicProblem(problem: Problem): Reply {
  switch (problem.code) {
    case 'unauthorized':
      return anthropicError(
        401,
        'authentication_error',
        problem.presented === undefined ? 'x-api-key header is required' : 'invalid x-api-key',
      );
    case 'no-route':
      return anthropicError(404, 'not_found_error', 'Not Found');
    case 'model-not-found':
      return anthropicError(404, 'not_found_error', `model: ${problem.model}`);
    case 'bad-request':
      return anthropicError(400, 'invalid_request_error', problem.message);
    case 'rate-limit':
      return anthropicError(
        429,
        'rate_limit_error',
        'Number of requests has exceeded your rate limit. Please try again later.',
      );
    case 'overloaded':
      return anthropicError(529, 'overloaded_error', 'Overloaded');
    case 'server-error':
      return anthropicError(500, 'api_error', 'Internal server error');
  }
}

const PING = sse({ type: 'ping' }, 'ping');

function messageStart(model: string, inputTokens: number): string {
  const message = {
    id: nextId('msg_fake'),
    type: 'message',
    role: 'assistant',
    content: [],
    model,
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: 1 },
  };
  return sse({ type: 'message_start', message }, 'message_start');
}

const blockStart = sse(
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  'content_block_start',
);
const textDelta = (piece: string): string =>
  sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }, 'content_block_delta');

export function anthropicDialect(model: string): StreamDialect {
  return {
    contentType: SSE_CONTENT_TYPE,
    prelude: () => [messageStart(model, 1), blockStart, PING],
    delta: textDelta,
    midStreamError: () => sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'),
    keepAlive: () => PING,
    malformed: () => [
      'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_de\n\n',
      'event: ping\ndata: not json\n\n',
    ],
    hugeOpening: () => '',
    hugePadding: ssePadding,
  };
}

/** The key may be wrong (401) and the version header may be missing (400) on every /v1 request. */
export function anthropicHeaderProblem(req: RecordedRequest): Problem | undefined {
  if (req.headers['anthropic-version'] === undefined)
    return { code: 'bad-request', message: 'anthropic-version: header is required' };
  return undefined;
}

/** GET /v1/models?limit=&after_id=: pages of `limit` (1–1000, default 20) after the given id. */
export function anthropicModels(ctx: FakeContext, req: RecordedRequest): Reply {
  const createdAt = new Date(CREATED_UNIX * 1000).toISOString().replace('.000Z', 'Z');
  const query = new URL(req.path, 'http://x').searchParams;
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const after = query.get('after_id');
  const start = after === null ? 0 : ctx.models.indexOf(after) + 1;
  const page = ctx.models.slice(start, start + limit);
  const data = page.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt }));
  return json(200, {
    data,
    has_more: start + limit < ctx.models.length,
    first_id: page[0] ?? null,
    last_id: page.at(-1) ?? null,
  });
}

/** POST /v1/messages */
export async function anthropicMessages(ctx: FakeContext, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const body = parseObject(req.body);
  if (body === undefined)
    return send(res, anthropicProblem({ code: 'bad-request', message: 'The request body is not valid JSON.' }));
  if (typeof body.model !== 'string')
    return send(res, anthropicProblem({ code: 'bad-request', message: 'model: Field required' }));
  if (typeof body.max_tokens !== 'number')
    return send(res, anthropicProblem({ code: 'bad-request', message: 'max_tokens: Field required' }));
  const model = body.model;
  if (!ctx.models.includes(model)) return send(res, anthropicProblem({ code: 'model-not-found', model }));
  const inputTokens = promptTokens({ system: body.system, messages: body.messages });
  const n = ctx.reply.length;

  if (body.stream !== true) {
    if (!(await pauseUnlessClosed(res, ctx.firstTokenDelayMs + ctx.tokenDelayMs * Math.max(0, n - 1)))) return;
    return send(
      res,
      json(200, {
        id: nextId('msg_fake'),
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: ctx.reply.join('') }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: n },
      }),
    );
  }

  const stream = openStream(res, SSE_CONTENT_TYPE, 200, { 'request-id': nextId('req_fake') });
  for (const event of [messageStart(model, inputTokens), blockStart, PING]) if (!(await stream.write(event))) return;
  if (!(await stream.pause(ctx.firstTokenDelayMs))) return;
  for (const [i, piece] of ctx.reply.entries()) {
    if (i > 0) {
      if (!(await stream.write(PING))) return;
      if (!(await stream.pause(ctx.tokenDelayMs))) return;
    }
    if (!(await stream.write(textDelta(piece)))) return;
  }
  const tail = [
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    sse(
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: n } },
      'message_delta',
    ),
    sse({ type: 'message_stop' }, 'message_stop'),
  ];
  for (const event of tail) if (!(await stream.write(event))) return;
  stream.end();
}
