// Which endpoints each kind answers (docs/providers.md §1–§5): the hosted APIs and Ollama here, the local servers'
// identity endpoints in identity-endpoints.ts. Anything not listed answers the kind's own 404.
import { anthropicMessages, anthropicModels } from './anthropic-wire.js';
import type { FakeKind, Wire } from './fake-llm-options.js';
import { geminiGenerate, geminiModels } from './gemini-wire.js';
import { identityRoutes } from './identity-endpoints.js';
import { openAiModelList } from './model-lists.js';
import { ollamaChat, ollamaLoad, ollamaPs, ollamaShow, ollamaTags } from './ollama-wire.js';
import { openAiProblem } from './openai-errors.js';
import { openAiChat } from './openai-wire.js';
import { CLOUD_SERVICES, isCloudKind, streamOptionsRefused, type CloudKind } from './cloud-services.js';
import { json, parseObject, send, text } from './respond.js';
import { getRoute, type RouteEntry } from './route-table.js';

/** Chat and model list under each prefix (e.g. '/v1'), both behind the key. */
export function openAiRoutes(prefixes: readonly string[]): RouteEntry[] {
  return prefixes.flatMap((prefix): RouteEntry[] => [
    {
      method: 'POST',
      path: `${prefix}/chat/completions`,
      wire: 'openai',
      auth: true,
      chat: {},
      run: (ctx, req, res) => openAiChat(ctx, req, res),
    },
    getRoute(`${prefix}/models`, 'openai', true, (ctx) => openAiModelList(ctx)),
  ]);
}

/** Azure's dated paths need ?api-version; without it Azure answers 404 "Resource not found". */
const hasApiVersion = (path: string): boolean => new URL(path, 'http://x').searchParams.has('api-version');
const pathnameOf = (path: string): string => new URL(path, 'http://x').pathname;

const azureRoutes: RouteEntry[] = [
  {
    method: 'POST',
    path: /^\/openai\/deployments\/([^/]+)\/chat\/completions$/,
    wire: 'openai',
    auth: true,
    chat: { modelFromPath: (params) => params[0] ?? '' },
    run: (ctx, req, res, params) =>
      hasApiVersion(req.path)
        ? openAiChat(ctx, req, res, params[0])
        : send(res, openAiProblem(ctx.kind, { code: 'no-route', method: req.method, pathname: pathnameOf(req.path) })),
  },
  ...openAiRoutes(['/openai/v1']),
  getRoute('/openai/models', 'openai', true, (ctx, req) =>
    hasApiVersion(req.path)
      ? openAiModelList(ctx)
      : openAiProblem(ctx.kind, { code: 'no-route', method: req.method, pathname: pathnameOf(req.path) }),
  ),
];

const anthropicRoutes: RouteEntry[] = [
  { method: 'POST', path: '/v1/messages', wire: 'anthropic', auth: true, chat: {}, run: anthropicMessages },
  getRoute('/v1/models', 'anthropic', true, anthropicModels),
];

const geminiRoutes: RouteEntry[] = [
  {
    method: 'POST',
    path: /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/,
    wire: 'gemini',
    auth: true,
    chat: { modelFromPath: (params) => params[0] ?? '' },
    run: (ctx, req, res, params) =>
      geminiGenerate(ctx, req, res, params[0] ?? '', params[1] === 'streamGenerateContent'),
  },
  getRoute('/v1beta/models', 'gemini', true, geminiModels),
];

const OLLAMA_BANNER = 'Ollama is running';

const ollamaRoutes: RouteEntry[] = [
  getRoute('/', 'ollama', false, () => text(200, OLLAMA_BANNER)),
  getRoute('/', 'ollama', false, () => text(200, OLLAMA_BANNER), 'HEAD'),
  getRoute('/api/version', 'ollama', false, (ctx) => json(200, { version: ctx.version })),
  getRoute('/api/tags', 'ollama', true, (ctx) => ollamaTags(ctx.models)),
  getRoute('/api/ps', 'ollama', true, ollamaPs),
  {
    method: 'POST',
    path: '/api/show',
    wire: 'ollama',
    auth: true,
    run: (ctx, req, res) => send(res, ollamaShow(ctx, req)),
  },
  { method: 'POST', path: '/api/chat', wire: 'ollama', auth: true, chat: {}, run: ollamaChat },
  { method: 'POST', path: '/api/generate', wire: 'ollama', auth: true, run: ollamaLoad },
  ...openAiRoutes(['/v1']),
];

function cloudRoutes(kind: CloudKind): RouteEntry[] {
  const service = CLOUD_SERVICES[kind];
  return [
    {
      method: 'POST',
      path: `${service.basePath}/chat/completions`,
      wire: 'openai',
      auth: true,
      chat: {},
      run: (ctx, req, res) =>
        !service.streamOptions && parseObject(req.body)?.stream_options !== undefined
          ? send(res, streamOptionsRefused(kind))
          : openAiChat(ctx, req, res),
    },
    getRoute(service.modelsPath, 'openai', true, (ctx) => service.list(ctx)),
  ];
}

export function routesFor(kind: FakeKind): RouteEntry[] {
  if (isCloudKind(kind)) return cloudRoutes(kind);
  switch (kind) {
    case 'openai':
      return openAiRoutes(['/v1']);
    case 'azure-openai':
      return azureRoutes;
    case 'anthropic':
      return anthropicRoutes;
    case 'gemini':
      return geminiRoutes;
    case 'ollama':
      return ollamaRoutes;
    case 'docker-model-runner':
      return [...openAiRoutes(['/engines/v1', '/engines/llama.cpp/v1', '/v1']), ...identityRoutes(kind)];
    case 'lemonade':
      return [...openAiRoutes(['/api/v1', '/v1']), ...identityRoutes(kind)];
    default:
      return [...openAiRoutes(['/v1']), ...identityRoutes(kind)];
  }
}

/** The wire that shapes a kind's answers on paths it does not know. */
export function primaryWire(kind: FakeKind): Wire {
  return kind === 'anthropic' || kind === 'gemini' || kind === 'ollama' ? kind : 'openai';
}
