// What local servers say about their models beyond the list itself: Ollama's /api/show (capabilities, context
// length) and /api/ps (what is in memory), LM Studio's native /api/v0/models (type, state, context), llama.cpp's
// /props (the context it runs with). Same origin, same headers and request path as the list; best effort — a
// detail that fails to come is simply not shown, it never fails the listing.
import { resolveEndpoints } from '../../shared/endpoint-resolution.js';
import { asRecord, num, str } from '../system/json-shape.js';
import type { ProviderTarget } from './provider-target.js';
import type { ModelInfo } from './wire/wire.js';
import { tokens } from './wire/wire.js';
import { openAiWire } from './wire/openai.wire.js';

/** One JSON request to the list's own origin; null when it fails in any way but cancellation. */
export type DetailFetch = (url: string, body?: unknown) => Promise<unknown>;

/** Ollama's /api/show is one request per model: enough for a learner's library, bounded for a big one. */
const OLLAMA_SHOW_MAX = 50;
const OLLAMA_SHOW_PARALLEL = 4;

function merge(models: readonly ModelInfo[], details: ReadonlyMap<string, Partial<ModelInfo>>): ModelInfo[] {
  return models.map((m) => {
    const extra = details.get(m.id);
    if (!extra) return m;
    const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    return { ...m, ...defined, id: m.id };
  });
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** model_info keys are per architecture: "llama.context_length", "qwen3.context_length", … */
function ollamaContext(info: unknown): number | undefined {
  const record = asRecord(info);
  if (!record) return undefined;
  for (const [key, value] of Object.entries(record)) if (key.endsWith('.context_length')) return tokens(value);
  return undefined;
}

async function ollamaDetails(base: string, models: readonly ModelInfo[], get: DetailFetch): Promise<ModelInfo[]> {
  const details = new Map<string, Partial<ModelInfo>>();
  const running = asRecord(await get(`${base}/api/ps`))?.models;
  const inMemory = new Map<string, number | undefined>();
  if (Array.isArray(running)) {
    for (const entry of running.map(asRecord)) {
      const name = str(entry?.name) ?? str(entry?.model);
      if (name) inMemory.set(name, tokens(entry?.context_length));
    }
  }
  await inBatches(models.slice(0, OLLAMA_SHOW_MAX), OLLAMA_SHOW_PARALLEL, async (m) => {
    const shown = asRecord(await get(`${base}/api/show`, { model: m.id }));
    const capabilities = Array.isArray(shown?.capabilities) ? shown.capabilities : null;
    details.set(m.id, {
      ...(capabilities && {
        kind: capabilities.includes('completion')
          ? 'chat'
          : capabilities.includes('embedding')
            ? 'embedding'
            : 'unknown',
      }),
      contextLength: ollamaContext(shown?.model_info),
    });
  });
  // /api/ps only answers when it answered at all: otherwise "loaded" stays unknown.
  if (Array.isArray(running)) {
    for (const m of models) {
      const runtime = inMemory.get(m.id);
      details.set(m.id, {
        ...details.get(m.id),
        loaded: inMemory.has(m.id),
        ...(runtime !== undefined && { contextLength: runtime }),
      });
    }
  }
  return merge(models, details);
}

async function lmStudioDetails(origin: string, models: readonly ModelInfo[], get: DetailFetch): Promise<ModelInfo[]> {
  const body = await get(`${origin}/api/v0/models`);
  let native: ModelInfo[];
  try {
    native = openAiWire.parseModels(body);
  } catch {
    return [...models];
  }
  return merge(models, new Map(native.map((m) => [m.id, m])));
}

async function llamaCppDetails(origin: string, models: readonly ModelInfo[], get: DetailFetch): Promise<ModelInfo[]> {
  const props = asRecord(await get(`${origin}/props`));
  const nCtx = tokens(num(asRecord(props?.default_generation_settings)?.n_ctx)) ?? tokens(num(props?.n_ctx));
  // One model per server (outside router mode): the context it runs with is the one /props reports.
  if (models.length !== 1 || nCtx === undefined) return [...models];
  return merge(models, new Map([[models[0]!.id, { contextLength: nCtx, loaded: true, kind: 'chat' as const }]]));
}

export async function withDetails(
  target: ProviderTarget,
  models: readonly ModelInfo[],
  get: DetailFetch,
): Promise<ModelInfo[]> {
  const { base } = resolveEndpoints(target);
  const origin = new URL(base).origin;
  if (target.kind === 'ollama') return ollamaDetails(base, models, get);
  if (target.kind !== 'openai-compatible') return [...models];
  if (target.preset === 'lmstudio') return lmStudioDetails(origin, models, get);
  if (target.preset === 'llamacpp') return llamaCppDetails(origin, models, get);
  return [...models];
}
