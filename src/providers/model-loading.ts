// Whether the model is in memory, and reading it in when it is not, for the local servers that can tell: Ollama
// (/api/ps lists what is loaded; an empty /api/generate loads a model and answers once it is ready) and LM Studio
// (its native /api/v0/models/<id> says `state`; /api/v1/models/load, from LM Studio 0.4, loads and answers once
// ready). llama.cpp and vLLM serve the one model they started with, so it is always loaded; other servers cannot
// tell, and load (if they do) inside the chat request itself. See docs/providers.md, "Loading a model".
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import type { Network } from '../ports/network.port.js';
import { asRecord, num, str } from '../system/json-shape.js';
import { resolveEndpoints } from '../../shared/endpoint-resolution.js';
import { loadsModelsOnRequest } from '../../shared/provider.contract.js';
import type { ErrorContext } from './provider-errors.js';
import { requestJson } from './provider-request.js';
import type { ProviderTarget } from './provider-target.js';
import { wireFor } from './wire/index.js';

export interface LoadState {
  /** null: the server could not say. */
  readonly loaded: boolean | null;
  /** How big the model is on disk, where the server says (what loading reads into memory). */
  readonly sizeBytes: number | null;
}

interface LoadingDeps {
  readonly network: Network;
  readonly secrets: SecretRegistry;
}

const ANSWER_MAX_BYTES = 1024 * 1024;
const UNKNOWN: LoadState = { loaded: null, sizeBytes: null };
/** How long Ollama keeps a model it loaded for the app in memory, so the test that follows finds it warm. */
const OLLAMA_KEEP_ALIVE = '10m';

/** The servers with a way to ask and to load. */
export const canTellLoaded = (target: ProviderTarget): boolean => loadsModelsOnRequest(target);

function call(
  target: ProviderTarget,
  deps: LoadingDeps,
  signal: AbortSignal,
  url: string,
  body?: unknown,
): Promise<unknown> {
  const wire = wireFor(target.kind);
  // The list request's headers: the key and the learner's extra headers, for this origin only.
  const { headers } = wire.modelsRequest(target);
  const ctx: ErrorContext = { target, url, wire, secrets: deps.secrets };
  return requestJson(ctx, deps.network, signal, ANSWER_MAX_BYTES, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

/** Ollama names a model "llama3.2" or "llama3.2:latest" alike. */
function sameOllamaModel(a: string, b: string): boolean {
  const full = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return full(a) === full(b);
}

function ollamaBase(target: ProviderTarget): string {
  return resolveEndpoints(target).base;
}

function lmStudioOrigin(target: ProviderTarget): string {
  return new URL(resolveEndpoints(target).base).origin;
}

/** Whether the model is in memory now. Any failure but the learner's cancel is "cannot tell". */
export async function loadState(target: ProviderTarget, deps: LoadingDeps, signal: AbortSignal): Promise<LoadState> {
  try {
    if (target.kind === 'ollama') {
      const base = ollamaBase(target);
      const running = asRecord(await call(target, deps, signal, `${base}/api/ps`))?.models;
      if (!Array.isArray(running)) return UNKNOWN;
      const names = running.map((m) => str(asRecord(m)?.name) ?? str(asRecord(m)?.model) ?? '');
      if (names.some((name) => sameOllamaModel(name, target.model))) return { loaded: true, sizeBytes: null };
      const tags = asRecord(await call(target, deps, signal, `${base}/api/tags`).catch(() => null))?.models;
      const entry = Array.isArray(tags)
        ? tags.map(asRecord).find((m) => sameOllamaModel(str(m?.name) ?? str(m?.model) ?? '', target.model))
        : undefined;
      return { loaded: false, sizeBytes: num(entry?.size) ?? null };
    }
    if (target.kind === 'openai-compatible' && target.preset === 'lmstudio') {
      const url = `${lmStudioOrigin(target)}/api/v0/models/${encodeURIComponent(target.model)}`;
      const state = str(asRecord(await call(target, deps, signal, url))?.state);
      return state === 'loaded'
        ? { loaded: true, sizeBytes: null }
        : state === 'not-loaded'
          ? { loaded: false, sizeBytes: null }
          : UNKNOWN;
    }
  } catch (error) {
    if (signal.aborted) throw error;
  }
  return UNKNOWN;
}

/**
 * Reads the model into memory; resolves once the server says it is ready, or throws the catalogued error (a model
 * the server does not have, a key refused, …). Aborting the signal closes the request, which makes Ollama stop.
 */
export async function loadModel(target: ProviderTarget, deps: LoadingDeps, signal: AbortSignal): Promise<void> {
  if (target.kind === 'ollama') {
    await call(target, deps, signal, `${ollamaBase(target)}/api/generate`, {
      model: target.model,
      prompt: '',
      stream: false,
      keep_alive: OLLAMA_KEEP_ALIVE,
    });
    return;
  }
  if (target.kind === 'openai-compatible' && target.preset === 'lmstudio') {
    await call(target, deps, signal, `${lmStudioOrigin(target)}/api/v1/models/load`, { model: target.model });
  }
}
