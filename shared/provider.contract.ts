// Provider kinds and OpenAI-compatible presets: the vocabulary both processes share, with the defaults a
// form pre-fills and the words used to tell a learner how to start each local server.
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';

export const PROVIDER_KINDS = ['openai', 'azure-openai', 'anthropic', 'gemini', 'ollama', 'openai-compatible'] as const;
export const ProviderKindSchema = z.enum(PROVIDER_KINDS, {
  error: fieldMessage('providerChoose', { choices: PROVIDER_KINDS.join(', ') }),
});
export type ProviderKind = z.infer<typeof ProviderKindSchema>;

export const OPENAI_COMPATIBLE_PRESETS = [
  // On the learner's own computer
  'lmstudio',
  'llamacpp',
  'vllm',
  'localai',
  'jan',
  'koboldcpp',
  'textgen-webui',
  'docker-model-runner',
  // Cloud services that speak OpenAI's API
  'openrouter',
  'deepseek',
  'groq',
  'mistral',
  'xai',
  'together',
  'fireworks',
  'cerebras',
  'perplexity',
  'github-models',
  'ollama-cloud',
  'other',
] as const;
export const PresetSchema = z.enum(OPENAI_COMPATIBLE_PRESETS, {
  error: fieldMessage('presetChoose', { choices: OPENAI_COMPATIBLE_PRESETS.join(', ') }),
});
export type Preset = z.infer<typeof PresetSchema>;

export interface ProviderInfo {
  readonly label: string;
  readonly defaultBaseUrl: string;
  /** Whether a profile of this kind cannot work without an API key. */
  readonly keyRequired: boolean;
  /** True when the server normally runs on the learner's own computer. */
  readonly local: boolean;
  /** Where the provider hands out API keys (also on the app's list of pages it may open). */
  readonly keyPage?: `https://${string}`;
}

export const PROVIDERS: { readonly [K in ProviderKind]: ProviderInfo } = {
  openai: {
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    keyRequired: true,
    local: false,
    keyPage: 'https://platform.openai.com/api-keys',
  },
  'azure-openai': {
    label: 'Azure OpenAI',
    defaultBaseUrl: 'https://YOUR-RESOURCE.openai.azure.com',
    keyRequired: true,
    local: false,
    keyPage: 'https://portal.azure.com/',
  },
  anthropic: {
    label: 'Anthropic',
    defaultBaseUrl: 'https://api.anthropic.com',
    keyRequired: true,
    local: false,
    keyPage: 'https://console.anthropic.com/settings/keys',
  },
  gemini: {
    label: 'Google Gemini',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    keyRequired: true,
    local: false,
    keyPage: 'https://aistudio.google.com/apikey',
  },
  ollama: { label: 'Ollama', defaultBaseUrl: 'http://127.0.0.1:11434', keyRequired: false, local: true },
  'openai-compatible': {
    label: 'OpenAI-compatible server',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    keyRequired: false,
    local: true,
  },
};

export interface PresetInfo {
  readonly label: string;
  readonly defaultBaseUrl: string;
  /** 'required' on a cloud service means a profile cannot be saved without one. */
  readonly keyUsually: 'required' | 'optional' | 'none';
  /** True when the server normally runs on the learner's own computer. */
  readonly local: boolean;
  /** Whether the server accepts stream_options.include_usage (else tokens are counted from the deltas). */
  readonly streamUsage: boolean;
  /** The address is the API's base as documented: never add /v1 to it (Perplexity, DeepSeek, GitHub Models). */
  readonly baseAsIs?: boolean;
  /** Where the model list is, when it is not base + /models: a path on the base's own origin (GitHub's catalog). */
  readonly modelsPath?: `/${string}`;
  /** Where the service hands out API keys (also on the app's list of pages it may open). */
  readonly keyPage?: `https://${string}`;
  /** One line on what it is, for the form. */
  readonly summary?: string;
}

const local = (label: string, defaultBaseUrl: string, keyUsually: PresetInfo['keyUsually'], streamUsage = true) =>
  ({ label, defaultBaseUrl, keyUsually, local: true, streamUsage }) as const;

const cloud = (
  label: string,
  defaultBaseUrl: `https://${string}`,
  keyPage: `https://${string}`,
  summary: string,
  extra: Partial<PresetInfo> & { streamUsage: boolean },
): PresetInfo => ({ label, defaultBaseUrl, keyUsually: 'required', local: false, keyPage, summary, ...extra });

// What each service documents is written down, with sources, in docs/providers.md (§8).
export const PRESETS: { readonly [P in Preset]: PresetInfo } = {
  lmstudio: local('LM Studio', 'http://127.0.0.1:1234/v1', 'optional'),
  llamacpp: local('llama.cpp server', 'http://127.0.0.1:8080/v1', 'optional'),
  vllm: local('vLLM', 'http://127.0.0.1:8000/v1', 'optional'),
  localai: local('LocalAI', 'http://127.0.0.1:8080/v1', 'optional'),
  jan: local('Jan', 'http://127.0.0.1:1337/v1', 'required'),
  // KoboldCpp's and text-generation-webui's request validation may reject unknown fields such as stream_options.
  koboldcpp: local('KoboldCpp', 'http://127.0.0.1:5001/v1', 'optional', false),
  'textgen-webui': local('text-generation-webui', 'http://127.0.0.1:5000/v1', 'optional', false),
  'docker-model-runner': local('Docker Model Runner', 'http://127.0.0.1:12434/engines/v1', 'none'),
  openrouter: cloud(
    'OpenRouter',
    'https://openrouter.ai/api/v1',
    'https://openrouter.ai/keys',
    'One key for hundreds of models from many companies, paid per use.',
    { streamUsage: true },
  ),
  deepseek: cloud(
    'DeepSeek',
    'https://api.deepseek.com',
    'https://platform.deepseek.com/api_keys',
    "DeepSeek's own chat and reasoning models.",
    { streamUsage: true, baseAsIs: true },
  ),
  groq: cloud(
    'Groq',
    'https://api.groq.com/openai/v1',
    'https://console.groq.com/keys',
    "Open models answered very fast on Groq's own chips.",
    { streamUsage: true },
  ),
  mistral: cloud(
    'Mistral AI',
    'https://api.mistral.ai/v1',
    'https://console.mistral.ai/api-keys',
    "Mistral's own models; its API refuses fields it does not know.",
    { streamUsage: false },
  ),
  xai: cloud(
    'xAI (Grok)',
    'https://api.x.ai/v1',
    'https://console.x.ai/team/default/api-keys',
    'The Grok models from xAI.',
    { streamUsage: false },
  ),
  together: cloud(
    'Together AI',
    'https://api.together.ai/v1',
    'https://api.together.ai/settings/api-keys',
    'Many open-weight models hosted in the cloud.',
    { streamUsage: false },
  ),
  fireworks: cloud(
    'Fireworks AI',
    'https://api.fireworks.ai/inference/v1',
    'https://app.fireworks.ai/settings/users/api-keys',
    'Fast hosting for open models.',
    { streamUsage: false },
  ),
  cerebras: cloud(
    'Cerebras',
    'https://api.cerebras.ai/v1',
    'https://cloud.cerebras.ai/',
    'Open models answered very fast on Cerebras hardware.',
    { streamUsage: true },
  ),
  perplexity: cloud(
    'Perplexity',
    'https://api.perplexity.ai',
    'https://console.perplexity.ai/',
    'Sonar models that search the web and cite their sources.',
    { streamUsage: false, baseAsIs: true, modelsPath: '/v1/models' },
  ),
  'github-models': cloud(
    'GitHub Models',
    'https://models.github.ai/inference',
    'https://github.com/settings/tokens',
    'Models from many companies with a GitHub token (needs the "models" permission); free within limits.',
    { streamUsage: true, baseAsIs: true, modelsPath: '/catalog/models' },
  ),
  'ollama-cloud': cloud(
    'Ollama Cloud',
    'https://ollama.com/v1',
    'https://ollama.com/settings/keys',
    "Large open models run on Ollama's servers, with an ollama.com key.",
    { streamUsage: true },
  ),
  // Any other server that speaks OpenAI's API (SGLang, mlx_lm.server, Lemonade, GPT4All, TabbyAPI, GPUStack, …):
  // one we cannot name may not accept stream_options, so tokens are then estimated from the streamed deltas.
  other: local('OpenAI-compatible server', 'http://127.0.0.1:8000/v1', 'optional', false),
};

/** Whether a profile of this kind (and preset) cannot be saved without an API key. */
export function keyRequiredFor(kind: ProviderKind, preset?: Preset | null): boolean {
  if (PROVIDERS[kind].keyRequired) return true;
  return (
    kind === 'openai-compatible' && !!preset && !PRESETS[preset].local && PRESETS[preset].keyUsually === 'required'
  );
}

/** Where to get a key for this kind (and preset), if the app knows. */
export function keyPageFor(kind: ProviderKind, preset?: Preset | null): string | null {
  return (kind === 'openai-compatible' && preset ? PRESETS[preset].keyPage : PROVIDERS[kind].keyPage) ?? null;
}

/** The name a learner knows the server by: the preset's for an OpenAI-compatible server, else the provider's. */
export function providerLabel(kind: ProviderKind, preset?: Preset | null): string {
  return kind === 'openai-compatible' && preset ? PRESETS[preset].label : PROVIDERS[kind].label;
}

export function defaultBaseUrl(kind: ProviderKind, preset?: Preset | null): string {
  return kind === 'openai-compatible' && preset ? PRESETS[preset].defaultBaseUrl : PROVIDERS[kind].defaultBaseUrl;
}

/**
 * Servers that load a model into memory on request and can say whether it is loaded (Ollama, LM Studio): the
 * connection test loads a cold model first, under the profile's load limit, and "Load model" applies to them.
 */
export function loadsModelsOnRequest(server: {
  readonly kind: ProviderKind;
  readonly preset?: Preset | '' | null | undefined;
}): boolean {
  return server.kind === 'ollama' || (server.kind === 'openai-compatible' && server.preset === 'lmstudio');
}
