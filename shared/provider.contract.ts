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
  'lmstudio',
  'llamacpp',
  'vllm',
  'localai',
  'jan',
  'koboldcpp',
  'textgen-webui',
  'docker-model-runner',
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
}

export const PROVIDERS: { readonly [K in ProviderKind]: ProviderInfo } = {
  openai: { label: 'OpenAI', defaultBaseUrl: 'https://api.openai.com/v1', keyRequired: true, local: false },
  'azure-openai': {
    label: 'Azure OpenAI',
    defaultBaseUrl: 'https://YOUR-RESOURCE.openai.azure.com',
    keyRequired: true,
    local: false,
  },
  anthropic: { label: 'Anthropic', defaultBaseUrl: 'https://api.anthropic.com', keyRequired: true, local: false },
  gemini: {
    label: 'Google Gemini',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    keyRequired: true,
    local: false,
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
  readonly keyUsually: 'required' | 'optional' | 'none';
}

export const PRESETS: { readonly [P in Preset]: PresetInfo } = {
  lmstudio: {
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    keyUsually: 'optional',
  },
  llamacpp: {
    label: 'llama.cpp server',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    keyUsually: 'optional',
  },
  vllm: {
    label: 'vLLM',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    keyUsually: 'optional',
  },
  localai: {
    label: 'LocalAI',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    keyUsually: 'optional',
  },
  jan: {
    label: 'Jan',
    defaultBaseUrl: 'http://127.0.0.1:1337/v1',
    keyUsually: 'required',
  },
  koboldcpp: {
    label: 'KoboldCpp',
    defaultBaseUrl: 'http://127.0.0.1:5001/v1',
    keyUsually: 'optional',
  },
  'textgen-webui': {
    label: 'text-generation-webui',
    defaultBaseUrl: 'http://127.0.0.1:5000/v1',
    keyUsually: 'optional',
  },
  'docker-model-runner': {
    label: 'Docker Model Runner',
    defaultBaseUrl: 'http://127.0.0.1:12434/engines/v1',
    keyUsually: 'none',
  },
  // Any other server that speaks OpenAI's API (SGLang, mlx_lm.server, Lemonade, GPT4All, TabbyAPI, GPUStack, …).
  other: {
    label: 'OpenAI-compatible server',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    keyUsually: 'optional',
  },
};

/** The name a learner knows the server by: the preset's for an OpenAI-compatible server, else the provider's. */
export function providerLabel(kind: ProviderKind, preset?: Preset | null): string {
  return kind === 'openai-compatible' && preset ? PRESETS[preset].label : PROVIDERS[kind].label;
}

export function defaultBaseUrl(kind: ProviderKind, preset?: Preset | null): string {
  return kind === 'openai-compatible' && preset ? PRESETS[preset].defaultBaseUrl : PROVIDERS[kind].defaultBaseUrl;
}
