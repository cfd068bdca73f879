// The endpoints local servers answer besides /v1 (docs/providers.md §5.2–§5.10, §6): what discovery probes to tell them
// apart, including the impostors (KoboldCpp's and DMR's Ollama-looking /api/*). Public unless the server guards it.
import type { FakeContext, FakeKind } from './fake-llm-options.js';
import { lmStudioLoad, lmStudioV0Model, lmStudioV0Models, lmStudioV1Models } from './model-lists.js';
import { ollamaChat, ollamaTags } from './ollama-wire.js';
import { empty, json, send, text } from './respond.js';
import type { Reply } from './respond.js';
import { getRoute, type RouteEntry } from './route-table.js';

const loaded = (ctx: FakeContext): string => ctx.models[0] ?? '';

function llamaProps(ctx: FakeContext): Record<string, unknown> {
  return {
    default_generation_settings: {
      id: 0,
      n_ctx: ctx.modelInfo[loaded(ctx)]?.contextLength ?? 4096,
      speculative: false,
      is_processing: false,
      params: { temperature: 0.8, top_k: 40, top_p: 0.95, n_predict: -1, stream: true },
    },
    total_slots: 1,
    model_path: `/models/${loaded(ctx)}.gguf`,
    chat_template: '{% for message in messages %}{{ message.content }}{% endfor %}',
    modalities: { vision: false, audio: false },
    build_info: ctx.version,
    is_sleeping: false,
  };
}

function lemonadeHealth(ctx: FakeContext): Record<string, unknown> {
  return {
    status: 'ok',
    version: ctx.version,
    websocket_port: 9000,
    model_loaded: loaded(ctx),
    all_models_loaded: ctx.models.map((id) => ({
      model_name: id,
      checkpoint: `unsloth/${id}:Q4_K_M`,
      type: 'llm',
      device: 'gpu',
      recipe: 'llamacpp',
      loaded: true,
    })),
  };
}

/** A web UI page with the given title: what llama.cpp, KoboldCpp and Jan serve at `/`. */
const page = (title: string): string =>
  `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n<title>${title}</title>\n</head>\n<body>\n<div id="app"></div>\n</body>\n</html>\n`;
const html = (title: string) => (): Reply => text(200, page(title), 'text/html; charset=utf-8');

export function identityRoutes(kind: FakeKind): RouteEntry[] {
  switch (kind) {
    case 'lmstudio':
      return [
        getRoute('/api/v1/models', 'openai', true, lmStudioV1Models),
        getRoute('/api/v0/models', 'openai', true, lmStudioV0Models),
        {
          method: 'GET',
          path: /^\/api\/v0\/models\/(.+)$/,
          wire: 'openai',
          auth: true,
          run: (ctx, _req, res, params) => send(res, lmStudioV0Model(ctx, params[0] ?? '')),
        },
        { method: 'POST', path: '/api/v1/models/load', wire: 'openai', auth: true, run: lmStudioLoad },
      ];
    case 'llamacpp':
      return [
        getRoute('/', 'openai', false, html('llama.cpp - chat')),
        getRoute('/health', 'openai', false, () => json(200, { status: 'ok' })),
        getRoute('/v1/health', 'openai', false, () => json(200, { status: 'ok' })),
        getRoute('/props', 'openai', true, (ctx) => json(200, llamaProps(ctx))),
      ];
    case 'vllm':
      // vLLM's key guards only paths under /v1 (AuthenticationMiddleware).
      return [
        getRoute('/version', 'openai', false, (ctx) => json(200, { version: ctx.version })),
        getRoute('/health', 'openai', false, () => empty(200)),
      ];
    case 'localai':
      return [
        getRoute('/.well-known/localai.json', 'openai', false, (ctx) =>
          json(200, {
            version: ctx.version,
            endpoints: { models: '/v1/models', chat_completions: '/v1/chat/completions' },
          }),
        ),
        getRoute('/version', 'openai', true, (ctx) => json(200, { version: `${ctx.version} (abcdef)` })),
        getRoute('/healthz', 'openai', false, () => empty(200)),
        getRoute('/readyz', 'openai', false, () => empty(200)),
      ];
    case 'jan':
      return [
        getRoute('/openapi.json', 'openai', false, (ctx) =>
          json(200, { openapi: '3.0.0', info: { title: 'Jan API Server Endpoints', version: ctx.version }, paths: {} }),
        ),
        getRoute('/', 'openai', false, html('API Docs')),
      ];
    case 'koboldcpp':
      // The Ollama impostor: /api/tags exists, but `/` is the Kobold Lite UI and there is no /api/version.
      return [
        getRoute('/', 'openai', false, html('KoboldAI Lite')),
        getRoute('/api/extra/version', 'openai', false, (ctx) =>
          json(200, {
            result: 'KoboldCpp',
            version: ctx.version,
            protected: ctx.apiKey !== undefined,
            txt2img: false,
            vision: false,
            transcribe: false,
          }),
        ),
        getRoute('/api/v1/model', 'openai', false, (ctx) => json(200, { result: `koboldcpp/${loaded(ctx)}` })),
        getRoute('/api/tags', 'openai', false, (ctx) => ollamaTags(ctx.models, 'koboldcpp')),
      ];
    case 'textgen-webui':
      return [
        getRoute('/v1/internal/model/info', 'openai', true, (ctx) =>
          json(200, { model_name: loaded(ctx), lora_names: [], loader: 'llama.cpp' }),
        ),
        getRoute('/v1/internal/model/list', 'openai', true, (ctx) => json(200, { model_names: [...ctx.models] })),
        // Guarded like the rest of /v1/internal/* (modules/api/script.py declares it with check_key).
        getRoute('/v1/internal/health', 'openai', true, () => json(200, { status: 'ok' })),
      ];
    case 'docker-model-runner':
      return [
        getRoute('/', 'openai', false, () => text(200, 'Docker Model Runner is running')),
        getRoute('/version', 'openai', false, (ctx) => json(200, { version: ctx.version })),
        // Its Ollama emulation reports a fixed fake version (pkg/ollama/http_handler.go), whatever options.version says.
        getRoute('/api/version', 'ollama', false, () => json(200, { version: '0.1.0' })),
        getRoute('/api/tags', 'ollama', true, (ctx) => ollamaTags(ctx.models)),
        { method: 'POST', path: '/api/chat', wire: 'ollama', auth: true, chat: {}, run: ollamaChat },
      ];
    case 'mlx':
      // Python's json.dumps spacing, verbatim.
      return [getRoute('/health', 'openai', false, () => text(200, '{"status": "ok"}', 'application/json'))];
    case 'lemonade':
      return [
        ...['/api/v1/health', '/v1/health', '/api/v0/health', '/v0/health'].map((path) =>
          getRoute(path, 'openai', false, (ctx) => json(200, lemonadeHealth(ctx))),
        ),
        getRoute('/live', 'openai', false, () => empty(200)),
      ];
    case 'sglang':
      // Nothing identifying besides owned_by in /v1/models; /health answers empty (docs/providers.md §5 table).
      return [getRoute('/health', 'openai', false, () => empty(200))];
    case 'gpustack':
      return [
        getRoute('/version', 'openai', false, (ctx) => json(200, { version: ctx.version, git_commit: '47277d79' })),
        getRoute('/healthz', 'openai', false, () => text(200, 'ok')),
        getRoute('/readyz', 'openai', false, () => text(200, 'ok')),
      ];
    default:
      return [];
  }
}
