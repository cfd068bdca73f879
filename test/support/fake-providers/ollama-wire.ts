// Ollama's native wire (docs/providers.md §5.1, §0.3): NDJSON chat with a final line of nanosecond durations, a final
// {"error"} line for mid-stream failures, and {"error":"…"} bodies. Also spoken by the /api/* emulations of DMR.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import type { FakeContext, FakeKind } from './fake-llm-options.js';
import type { Problem } from './problems.js';
import { json, parseObject, promptTokens, send, text } from './respond.js';
import type { Reply } from './respond.js';
import type { StreamDialect } from './stream-dialect.js';
import { NDJSON_CONTENT_TYPE, openStream, pauseUnlessClosed } from './stream-writer.js';

export function ollamaProblem(kind: FakeKind, problem: Problem): Reply {
  switch (problem.code) {
    case 'unauthorized':
      return json(401, { error: 'unauthorized' });
    case 'no-route':
      // Ollama is gin (no newline); DMR's emulation is net/http (with one).
      return text(404, kind === 'docker-model-runner' ? '404 page not found\n' : '404 page not found');
    case 'model-not-found':
      return json(404, { error: `model '${problem.model}' not found` });
    case 'bad-request':
      return json(400, { error: problem.message });
    case 'rate-limit':
      return json(429, { error: 'too many requests, please retry later' });
    case 'overloaded':
      return json(503, { error: 'server busy, please try again.  maximum pending requests exceeded' });
    case 'server-error':
      return json(500, { error: 'llama runner process has terminated: exit status 2' });
  }
}

/** Ollama treats `name` and `name:latest` as the same model. */
export function resolveOllamaModel(models: readonly string[], requested: string): string | undefined {
  const withTag = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return models.find((m) => m === requested || withTag(m) === withTag(requested));
}

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
const now = (): string => new Date().toISOString();
const message = (model: string, content: string): Record<string, unknown> => ({
  model,
  created_at: now(),
  message: { role: 'assistant', content },
  done: false,
});

export function ollamaDialect(model: string): StreamDialect {
  return {
    contentType: NDJSON_CONTENT_TYPE,
    prelude: () => [],
    delta: (piece) => line(message(model, piece)),
    midStreamError: () => line({ error: 'an error was encountered while running the model: unexpected EOF' }),
    keepAlive: () => line(message(model, '')),
    malformed: () => [
      `{"model":"${model}","created_at":"2025-10-26T17:15:24.097767Z","message":{"role":"assis\n`,
      'this is not json\n',
    ],
    hugeOpening: () => `{"model":"${model}","created_at":"${now()}","message":{"role":"assistant","content":"`,
    hugePadding: (size) => 'x'.repeat(size),
  };
}

export function ollamaTags(models: readonly string[], family = 'llama'): Reply {
  return json(200, {
    models: models.map((name) => ({
      name,
      model: name,
      modified_at: '2025-01-01T00:00:00.000000000Z',
      size: 2_019_393_189,
      digest: createHash('sha256').update(name).digest('hex'),
      details: {
        parent_model: '',
        format: 'gguf',
        family,
        families: [family],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    })),
  });
}

const NS_PER_MS = 1_000_000;
const ns = (ms: number): number => Math.round(ms * NS_PER_MS);

/** POST /api/chat: NDJSON by default, one JSON object with "stream": false. */
export async function ollamaChat(ctx: FakeContext, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const body = parseObject(req.body);
  if (body === undefined)
    return send(res, ollamaProblem(ctx.kind, { code: 'bad-request', message: 'invalid character in request body' }));
  if (typeof body.model !== 'string')
    return send(res, ollamaProblem(ctx.kind, { code: 'bad-request', message: 'model is required' }));
  const model = resolveOllamaModel(ctx.models, body.model);
  if (model === undefined) return send(res, ollamaProblem(ctx.kind, { code: 'model-not-found', model: body.model }));
  const promptCount = promptTokens(body.messages);
  const n = ctx.reply.length;
  const started = performance.now();
  // Durations are nanoseconds and never shorter than 1 ms per piece, so rates computed from them stay finite.
  const final = (promptMs: number, evalMs: number): Record<string, unknown> => {
    const loadNs = NS_PER_MS;
    const promptNs = Math.max(ns(promptMs), NS_PER_MS);
    const evalNs = Math.max(ns(evalMs), n * NS_PER_MS);
    return {
      done_reason: 'stop',
      total_duration: Math.max(ns(performance.now() - started), loadNs + promptNs + evalNs),
      load_duration: loadNs,
      prompt_eval_count: promptCount,
      prompt_eval_duration: promptNs,
      eval_count: n,
      eval_duration: evalNs,
    };
  };

  if (body.stream === false) {
    if (!(await pauseUnlessClosed(res, ctx.firstTokenDelayMs + ctx.tokenDelayMs * Math.max(0, n - 1)))) return;
    const promptMs = ctx.firstTokenDelayMs;
    const answer = {
      model,
      created_at: now(),
      message: { role: 'assistant', content: ctx.reply.join('') },
      done: true,
      ...final(promptMs, performance.now() - started - promptMs),
    };
    return send(res, json(200, answer));
  }

  const stream = openStream(res, NDJSON_CONTENT_TYPE);
  if (!(await stream.pause(ctx.firstTokenDelayMs))) return;
  const firstAt = performance.now();
  for (const [i, piece] of ctx.reply.entries()) {
    if (i > 0 && !(await stream.pause(ctx.tokenDelayMs))) return;
    if (!(await stream.write(line(message(model, piece))))) return;
  }
  const done = { ...message(model, ''), done: true, ...final(firstAt - started, performance.now() - firstAt) };
  if (!(await stream.write(line(done)))) return;
  stream.end();
}
