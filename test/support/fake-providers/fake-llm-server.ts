// startFakeLlm: a loopback model server of any kind in docs/providers.md, with optional key, delays and one fault.
// Order per request: redirect fault, route, key, Anthropic's version header, chat fault, then the real answer.
import type { ServerResponse } from 'node:http';
import { recordTestSecret } from '../suite-diagnostics.js';
import { anthropicDialect, anthropicHeaderProblem } from './anthropic-wire.js';
import { authProblem } from './auth.js';
import { startFakeHttpServer, type FakeServer, type RecordedRequest } from './fake-http-server.js';
import { resolveContext, type FakeContext, type FakeKind, type FakeLlmOptions, type Wire } from './fake-llm-options.js';
import { applyFault } from './faults.js';
import { geminiDialect } from './gemini-wire.js';
import { ollamaDialect } from './ollama-wire.js';
import { openAiDialect } from './openai-wire.js';
import { problemReply } from './problems.js';
import { parseObject, send } from './respond.js';
import { matchRoute, type RouteEntry, type RouteHit } from './route-table.js';
import { primaryWire, routesFor } from './routes.js';
import type { StreamDialect } from './stream-dialect.js';

export type { FakeKind, FakeLlmOptions } from './fake-llm-options.js';

function dialectFor(wire: Wire, ctx: FakeContext, model: string): StreamDialect {
  switch (wire) {
    case 'anthropic':
      return anthropicDialect(model);
    case 'gemini':
      return geminiDialect(model);
    case 'ollama':
      return ollamaDialect(model);
    case 'openai':
      return openAiDialect(ctx, model);
  }
}

/** The model a faulted chat request is about: from the path, else the body, else the first configured one. */
function faultModel(ctx: FakeContext, hit: RouteHit, req: RecordedRequest): string {
  const fromPath = hit.entry.chat?.modelFromPath?.(hit.params);
  const fromBody = parseObject(req.body)?.model;
  return fromPath ?? (typeof fromBody === 'string' ? fromBody : (ctx.models[0] ?? 'test-model'));
}

async function handle(
  ctx: FakeContext,
  table: readonly RouteEntry[],
  req: RecordedRequest,
  res: ServerResponse,
): Promise<void> {
  const fault = ctx.fault;
  if (fault?.type === 'redirect') {
    send(res, { status: fault.status, headers: { location: fault.location }, body: '' });
    return;
  }
  const url = new URL(req.path, 'http://fake.invalid');
  const hit = matchRoute(table, req.method, url.pathname);
  const wire = hit?.entry.wire ?? primaryWire(ctx.kind);
  // Jan answers 401 before 404: its proxy checks the key on every path but /openapi.json and /.
  const guarded = hit ? hit.entry.auth : ctx.kind === 'jan';
  const denied = guarded ? authProblem(ctx, req, url) : undefined;
  if (denied) return send(res, problemReply(wire, ctx.kind, denied));
  if (!hit)
    return send(res, problemReply(wire, ctx.kind, { code: 'no-route', method: req.method, pathname: url.pathname }));
  const badHeaders = wire === 'anthropic' ? anthropicHeaderProblem(req) : undefined;
  if (badHeaders) return send(res, problemReply(wire, ctx.kind, badHeaders));
  if (hit.entry.chat && fault) {
    return applyFault(fault, wire, ctx, dialectFor(wire, ctx, faultModel(ctx, hit, req)), req, res, url.pathname);
  }
  await hit.entry.run(ctx, req, res, hit.params);
}

/**
 * A server that answers each request as a fake built for that request alone: `optionsFor` sees the request (its
 * headers included) first. The echo servers of the key-scrub tests build their answers from the key they were sent.
 */
export async function startRequestShapedLlm(optionsFor: (req: RecordedRequest) => FakeLlmOptions): Promise<FakeServer> {
  return startFakeHttpServer((req, res) => {
    const ctx = resolveContext(optionsFor(req));
    return handle(ctx, routesFor(ctx.kind), req, res);
  });
}

export async function startFakeLlm(
  options: FakeLlmOptions,
): Promise<FakeServer & { readonly kind: FakeKind; readonly abandonedLoads: readonly string[] }> {
  if (options.apiKey) recordTestSecret(options.apiKey); // the suite's log scan looks for it
  const ctx = resolveContext(options);
  const table = routesFor(ctx.kind);
  const server = await startFakeHttpServer((req, res) => handle(ctx, table, req, res), {
    host: options.host,
    port: options.port,
    tls: options.tls,
  });
  return { ...server, kind: ctx.kind, abandonedLoads: ctx.abandonedLoads };
}
