// Turns what a learner typed as "server address" into the exact URLs the app will call. Accepts a base URL
// with or without /v1, with a trailing slash, or a full …/chat/completions URL, and always lands on the
// right endpoint. Pure string logic shared by the core (to call) and the form (to show what will be called).
// A profile may opt out of the guessing: its address used exactly as typed, its model list at an address of its
// own (on the same origin as the base, which is where the key is allowed to go).
import { endpointOrigin } from './origin.js';
import { PRESETS, type Preset, type ProviderKind } from './provider.contract.js';

export interface EndpointTarget {
  readonly kind: ProviderKind;
  readonly preset?: Preset | null | undefined;
  readonly baseUrl: string;
  readonly model: string;
  readonly azureDeployment?: string | null | undefined;
  readonly azureApiVersion?: string | null | undefined;
  /** OpenAI kinds: the base is the address as typed (pasted endpoint suffixes aside): no /v1 added, none collapsed. */
  readonly exactAddress?: boolean | null | undefined;
  /** OpenAI kinds: the full URL of the model list, instead of base + /models; on the base's own origin only. */
  readonly modelsUrl?: string | null | undefined;
}

export interface ResolvedEndpoints {
  /** Where a chat (and the connection test) is sent. */
  readonly chat: string;
  /** Where the list of models comes from. */
  readonly models: string;
  /** The normalised base the two are built on. */
  readonly base: string;
}

/** Endpoint suffixes a learner may paste; stripped before the right one is added back. */
const PASTED_SUFFIXES = [
  /\/chat\/completions$/,
  /\/completions$/,
  /\/models$/,
  /\/messages$/,
  /\/api\/chat$/,
  /\/api\/generate$/,
  /\/api\/tags$/,
  /:streamGenerateContent$/,
  /:generateContent$/,
];

function splitUrl(raw: string): { origin: string; path: string } {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not an http(s) address');
  let path = url.pathname.replace(/\/+$/, '');
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of PASTED_SUFFIXES) {
      if (suffix.test(path)) {
        path = path.replace(suffix, '');
        changed = true;
      }
    }
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed !== path) {
      path = trimmed;
      changed = true;
    }
  }
  return { origin: `${url.protocol}//${url.host}`, path };
}

/** "/v1/v1" (a base that already had /v1, plus one more) collapses to one. */
function collapseRepeatedVersion(path: string): string {
  return path.replace(/(\/v\d+[a-z0-9]*)(\1)+(?=\/|$)/g, '$1');
}

function hasVersionSegment(path: string): boolean {
  return /\/v\d+[a-z0-9]*(\/|$)/.test(path);
}

function openAiBase(origin: string, path: string): string {
  const collapsed = collapseRepeatedVersion(path);
  return `${origin}${hasVersionSegment(collapsed) ? collapsed : `${collapsed}/v1`}`;
}

/**
 * The learner's own model list address, normalised as fetch will send it. Refused (thrown) on any other origin
 * than the base's: the key and extra headers are bound to that origin, and the list is sent the key. The schemas
 * refuse such a profile first; this keeps the guarantee for any caller.
 */
function ownModelsUrl(raw: string, baseUrl: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not an http(s) address');
  if (endpointOrigin(url.href) !== endpointOrigin(baseUrl)) throw new TypeError('model list on another origin');
  return url.href;
}

function openAiEndpoints(target: EndpointTarget, origin: string, path: string): ResolvedEndpoints {
  const preset = target.kind === 'openai-compatible' && target.preset ? PRESETS[target.preset] : null;
  // Services documented without /v1 (Perplexity, DeepSeek, GitHub Models) get their address as typed, repeated
  // versions collapsed; a profile that asks for its exact address gets it untouched.
  const base = target.exactAddress
    ? `${origin}${path}`
    : preset?.baseAsIs
      ? `${origin}${collapseRepeatedVersion(path)}`
      : openAiBase(origin, path);
  const models = target.modelsUrl
    ? ownModelsUrl(target.modelsUrl, target.baseUrl)
    : preset?.modelsPath
      ? `${origin}${preset.modelsPath}`
      : `${base}/models`;
  return { base, chat: `${base}/chat/completions`, models };
}

function stripModelPath(path: string): string {
  // Gemini URLs may carry /v1beta/models/<model>; Anthropic and Ollama bases are the server root.
  return path.replace(/\/v\d+[a-z0-9]*(\/models(\/[^/]+)?)?$/, '').replace(/\/api$/, '');
}

export function resolveEndpoints(target: EndpointTarget): ResolvedEndpoints {
  const { origin, path } = splitUrl(target.baseUrl);
  switch (target.kind) {
    case 'openai':
    case 'openai-compatible':
      return openAiEndpoints(target, origin, path);
    case 'azure-openai': {
      const root = `${origin}${path.replace(/\/openai(\/.*)?$/, '')}`;
      const version = target.azureApiVersion ?? 'v1';
      if (version === 'v1') {
        const base = `${root}/openai/v1`;
        return { base, chat: `${base}/chat/completions`, models: `${base}/models` };
      }
      const deployment = encodeURIComponent(target.azureDeployment ?? '');
      const query = `api-version=${encodeURIComponent(version)}`;
      return {
        base: `${root}/openai`,
        chat: `${root}/openai/deployments/${deployment}/chat/completions?${query}`,
        models: `${root}/openai/models?${query}`,
      };
    }
    case 'anthropic': {
      const base = `${origin}${stripModelPath(path)}`;
      return { base, chat: `${base}/v1/messages`, models: `${base}/v1/models` };
    }
    case 'gemini': {
      const base = `${origin}${stripModelPath(path)}`;
      const model = encodeURIComponent(target.model.replace(/^models\//, ''));
      return {
        base,
        chat: `${base}/v1beta/models/${model}:streamGenerateContent?alt=sse`,
        models: `${base}/v1beta/models?pageSize=1000`,
      };
    }
    case 'ollama': {
      const base = `${origin}${collapseRepeatedVersion(path)
        .replace(/\/v\d+$/, '')
        .replace(/\/api$/, '')}`;
      return { base, chat: `${base}/api/chat`, models: `${base}/api/tags` };
    }
  }
}

/** Like resolveEndpoints, but null instead of throwing on an address that is not a URL yet (forms). */
export function tryResolveEndpoints(target: EndpointTarget): ResolvedEndpoints | null {
  try {
    return resolveEndpoints(target);
  } catch {
    return null;
  }
}
