// The OpenAI chat wire (docs/providers.md §1, §0.2): role-only chunk, one chunk per piece, finish chunk, optional usage
// chunk, `data: [DONE]`. Shared by OpenAI, Azure, Ollama's /v1 shim and every OpenAI-compatible local server.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import type { FakeContext } from './fake-llm-options.js';
import { openAiProblem } from './openai-errors.js';
import { nextId, parseObject, promptTokens, send, asRecord, json } from './respond.js';
import { ssePadding, type StreamDialect } from './stream-dialect.js';
import { openStream, pauseUnlessClosed, sse, SSE_CONTENT_TYPE } from './stream-writer.js';

type Chunker = (
  delta: Record<string, unknown>,
  finish: 'stop' | null,
  extra?: Record<string, unknown>,
) => Record<string, unknown>;

function chunker(ctx: FakeContext, model: string, usageRequested: boolean): Chunker {
  const id = nextId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  // Only the hosted APIs stamp a system fingerprint; local servers leave it out.
  const fingerprint =
    ctx.kind === 'openai' || ctx.kind === 'azure-openai' ? { system_fingerprint: 'fp_fake00001' } : {};
  return (delta, finish, extra = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    ...fingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    // "All other chunks carry usage: null" once the usage chunk was asked for (openapi.yaml ChatCompletionStreamOptions).
    ...(usageRequested ? { usage: null } : {}),
    ...extra,
  });
}

export function openAiDialect(ctx: FakeContext, model: string): StreamDialect {
  const chunk = chunker(ctx, model, false);
  return {
    contentType: SSE_CONTENT_TYPE,
    prelude: () => [sse(chunk({ role: 'assistant', content: '' }, null))],
    delta: (piece) => sse(chunk({ content: piece }, null)),
    midStreamError: () =>
      sse({
        error: {
          message: 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
          param: null,
          code: null,
        },
      }),
    keepAlive: () => ': keep-alive\n\n',
    malformed: () => [
      'data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"Hel\n\n',
      'data: this is not json\n\n',
      'data: <html><body>502 Bad Gateway</body></html>\n\n',
    ],
    hugeOpening: () => '',
    hugePadding: ssePadding,
  };
}

/** vLLM turns usage on as soon as stream_options is present (docs/providers.md §5.4); everyone else needs include_usage:true. */
function wantsUsage(ctx: FakeContext, body: Record<string, unknown>): boolean {
  const options = asRecord(body.stream_options);
  if (options === undefined) return false;
  return ctx.kind === 'vllm' ? options.include_usage !== false : options.include_usage === true;
}

/** llama.cpp's `timings` on the last chunk (README "Timings and context usage"), from the real pacing. */
function llamaTimings(
  promptN: number,
  promptMs: number,
  predictedN: number,
  predictedMs: number,
): Record<string, unknown> {
  const pMs = Math.max(promptMs, 1);
  const gMs = Math.max(predictedMs, predictedN);
  return {
    cache_n: 0,
    prompt_n: promptN,
    prompt_ms: pMs,
    prompt_per_token_ms: pMs / promptN,
    prompt_per_second: (promptN * 1000) / pMs,
    predicted_n: predictedN,
    predicted_ms: gMs,
    predicted_per_token_ms: predictedN > 0 ? gMs / predictedN : 0,
    predicted_per_second: (predictedN * 1000) / gMs,
  };
}

function usage(prompt: number, completion: number): Record<string, number> {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

async function answerOnce(ctx: FakeContext, res: ServerResponse, model: string, prompt: number): Promise<void> {
  const pacing = ctx.firstTokenDelayMs + ctx.tokenDelayMs * Math.max(0, ctx.reply.length - 1);
  if (!(await pauseUnlessClosed(res, pacing))) return;
  send(
    res,
    json(200, {
      id: nextId('chatcmpl-'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: ctx.reply.join('') },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: usage(prompt, ctx.reply.length),
    }),
  );
}

/** POST …/chat/completions. `deployment` comes from Azure's classic path and overrides the body's model. */
export async function openAiChat(
  ctx: FakeContext,
  req: RecordedRequest,
  res: ServerResponse,
  deployment?: string,
): Promise<void> {
  const body = parseObject(req.body);
  if (body === undefined) {
    send(
      res,
      openAiProblem(ctx.kind, { code: 'bad-request', message: 'We could not parse the JSON body of your request.' }),
    );
    return;
  }
  const model = deployment ?? (typeof body.model === 'string' ? body.model : undefined);
  if (model === undefined) {
    send(res, openAiProblem(ctx.kind, { code: 'bad-request', message: 'you must provide a model parameter' }));
    return;
  }
  if (!ctx.models.includes(model)) {
    send(res, openAiProblem(ctx.kind, { code: 'model-not-found', model }));
    return;
  }
  const prompt = promptTokens(body.messages);
  if (body.stream !== true) return answerOnce(ctx, res, model, prompt);

  const includeUsage = wantsUsage(ctx, body);
  const chunk = chunker(ctx, model, includeUsage);
  const stream = openStream(res, SSE_CONTENT_TYPE);
  const started = performance.now();
  if (!(await stream.write(sse(chunk({ role: 'assistant', content: '' }, null))))) return;
  if (!(await stream.pause(ctx.firstTokenDelayMs))) return;
  const firstAt = performance.now();
  for (const [i, piece] of ctx.reply.entries()) {
    if (i > 0 && !(await stream.pause(ctx.tokenDelayMs))) return;
    if (!(await stream.write(sse(chunk({ content: piece }, null))))) return;
  }
  const n = ctx.reply.length;
  const timings =
    ctx.kind === 'llamacpp' ? { timings: llamaTimings(prompt, firstAt - started, n, performance.now() - firstAt) } : {};
  if (!(await stream.write(sse(chunk({}, 'stop', timings))))) return;
  if (includeUsage && !(await stream.write(sse({ ...chunk({}, null), choices: [], usage: usage(prompt, n) })))) return;
  if (!(await stream.write('data: [DONE]\n\n'))) return;
  stream.end();
}
