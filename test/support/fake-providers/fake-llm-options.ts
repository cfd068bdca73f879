// The public knobs of the fake model servers and the resolved context every wire module reads, with the
// per-kind defaults (versions, auth) in one place so the wire modules stay free of option handling.
import type { CloudKind } from './cloud-services.js';
import type { LoopbackHost } from './fake-http-server.js';

export type FakeKind =
  | 'openai'
  | 'azure-openai'
  | 'anthropic'
  | 'gemini'
  | 'ollama'
  // OpenAI-compatible servers: speak the OpenAI wire format at /v1 and answer their identity endpoints
  | 'lmstudio'
  | 'llamacpp'
  | 'vllm'
  | 'localai'
  | 'jan'
  | 'koboldcpp'
  | 'textgen-webui'
  | 'docker-model-runner'
  | 'mlx'
  | 'lemonade'
  | 'sglang'
  | 'gpustack'
  // OpenAI-compatible cloud services (cloud-services.ts)
  | CloudKind;

export type Fault =
  | { type: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { type: 'rate-limit'; retryAfterSeconds: number }
  | { type: 'overloaded' }
  | { type: 'server-error' }
  | { type: 'mid-stream-error' }
  | { type: 'malformed' }
  | { type: 'never-answer' }
  | { type: 'stall-after-headers' }
  | { type: 'huge-body'; bytes: number }
  | { type: 'endless-stream' }
  | { type: 'redirect'; status: 301 | 302 | 307 | 308; location: string }
  | { type: 'wrong-path' };

export interface FakeLlmOptions {
  kind: FakeKind;
  /** When set, every model/chat request must carry it in the family's auth header. */
  apiKey?: string;
  /** Default ['test-model']; chat with any other model gets the family's model-not-found error. */
  models?: string[];
  /** Text pieces streamed as deltas; default ['Hello', ' from', ' the', ' fake', '.']. */
  reply?: string[];
  /** Wait after the headers (and any role-only / message_start prelude) before the first text delta. */
  firstTokenDelayMs?: number;
  /** Wait between deltas. */
  tokenDelayMs?: number;
  fault?: Fault;
  host?: LoopbackHost;
  port?: number;
  tls?: { key: string; cert: string };
  /** Reported by version endpoints; see DEFAULT_VERSIONS. */
  version?: string;
  /** What the server's own detail endpoints say about a model (by id); unlisted models are loaded chat models. */
  modelInfo?: Record<string, FakeModelInfo>;
  /** How long loading a model that is not loaded takes (Ollama's empty /api/generate, LM Studio's load). */
  loadDelayMs?: number;
}

export interface FakeModelInfo {
  readonly kind?: 'chat' | 'embedding';
  readonly loaded?: boolean;
  readonly contextLength?: number;
}

/** The wire dialect of one endpoint: the ollama kind speaks both 'ollama' (/api/chat) and 'openai' (/v1). */
export type Wire = 'openai' | 'anthropic' | 'gemini' | 'ollama';

export interface FakeContext {
  readonly kind: FakeKind;
  /** Jan always requires a key, so it gets one even when the caller set none. */
  readonly apiKey: string | undefined;
  readonly models: readonly string[];
  readonly reply: readonly string[];
  readonly firstTokenDelayMs: number;
  readonly tokenDelayMs: number;
  readonly fault: Fault | undefined;
  readonly version: string;
  readonly modelInfo: Readonly<Record<string, FakeModelInfo>>;
  readonly loadDelayMs: number;
  /** Models loaded since the server started (by a load request): the one state a fake server keeps. */
  readonly loadedNow: Set<string>;
  /** Load requests that ended because the client went away before the model was ready. */
  readonly abandonedLoads: string[];
}

/**
 * Whether the model is in memory: loaded by a request, or said to be. Unlisted models are loaded; a listed one
 * without a word on it is loaded on LM Studio (which loads on demand) and not on Ollama (listed but cold).
 */
export function isLoaded(ctx: FakeContext, id: string): boolean {
  const info = ctx.modelInfo[id];
  if (ctx.loadedNow.has(id) || info === undefined) return true;
  return info.loaded ?? ctx.kind === 'lmstudio';
}

/** What each kind's version endpoint reports by default (kinds without one keep '' and never show it). */
export const DEFAULT_VERSIONS: Record<FakeKind, string> = {
  openai: '',
  'azure-openai': '',
  anthropic: '',
  gemini: '',
  ollama: '0.12.3',
  lmstudio: '',
  llamacpp: 'b6000-abcdef0',
  vllm: '0.11.0',
  localai: 'v3.5.0',
  jan: '0.6.10',
  koboldcpp: '1.98',
  'textgen-webui': '',
  'docker-model-runner': '0.1.42',
  mlx: '',
  lemonade: '10.0.0',
  sglang: '',
  gpustack: 'v2.0.1',
  openrouter: '',
  deepseek: '',
  groq: '',
  mistral: '',
  xai: '',
  together: '',
  fireworks: '',
  cerebras: '',
  perplexity: '',
  'github-models': '',
  'ollama-cloud': '',
};

export const JAN_DEFAULT_KEY = 'jan-key';

export function resolveContext(options: FakeLlmOptions): FakeContext {
  return {
    kind: options.kind,
    apiKey: options.apiKey ?? (options.kind === 'jan' ? JAN_DEFAULT_KEY : undefined),
    models: options.models ?? ['test-model'],
    reply: options.reply ?? ['Hello', ' from', ' the', ' fake', '.'],
    firstTokenDelayMs: options.firstTokenDelayMs ?? 0,
    tokenDelayMs: options.tokenDelayMs ?? 0,
    fault: options.fault,
    version: options.version ?? DEFAULT_VERSIONS[options.kind],
    modelInfo: options.modelInfo ?? {},
    loadDelayMs: options.loadDelayMs ?? 0,
    loadedNow: new Set(),
    abandonedLoads: [],
  };
}

/** A fixed creation time so model lists are byte-stable across runs. */
export const CREATED_UNIX = 1_735_689_600; // 2025-01-01T00:00:00Z
