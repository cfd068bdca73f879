// Provider kinds and OpenAI-compatible presets: the vocabulary both processes share, with the defaults a
// form pre-fills and the words used to tell a learner how to start each local server.
import { z } from 'zod';

export const PROVIDER_KINDS = ['openai', 'azure-openai', 'anthropic', 'gemini', 'ollama', 'openai-compatible'] as const;
export const ProviderKindSchema = z.enum(PROVIDER_KINDS, {
  error: `Choose a provider: one of ${PROVIDER_KINDS.join(', ')}.`,
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
  error: `Choose which server this is: one of ${OPENAI_COMPATIBLE_PRESETS.join(', ')}.`,
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
  /** How the learner starts this server; shown when a connection is refused. */
  readonly startHint: string;
  readonly keyUsually: 'required' | 'optional' | 'none';
}

export const PRESETS: { readonly [P in Preset]: PresetInfo } = {
  lmstudio: {
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    startHint: 'Open LM Studio, go to the Developer tab and start the server (or run `lms server start`).',
    keyUsually: 'optional',
  },
  llamacpp: {
    label: 'llama.cpp server',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    startHint: 'Start it with `llama-server -m <model.gguf> --port 8080`.',
    keyUsually: 'optional',
  },
  vllm: {
    label: 'vLLM',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    startHint: 'Start it with `vllm serve <model>`.',
    keyUsually: 'optional',
  },
  localai: {
    label: 'LocalAI',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    startHint: 'Start it with `local-ai run` (or start its Docker container).',
    keyUsually: 'optional',
  },
  jan: {
    label: 'Jan',
    defaultBaseUrl: 'http://127.0.0.1:1337/v1',
    startHint: 'In Jan, open Settings › Local API Server, set an API key and start the server.',
    keyUsually: 'required',
  },
  koboldcpp: {
    label: 'KoboldCpp',
    defaultBaseUrl: 'http://127.0.0.1:5001/v1',
    startHint: 'Start KoboldCpp and load a model; it listens on port 5001.',
    keyUsually: 'optional',
  },
  'textgen-webui': {
    label: 'text-generation-webui',
    defaultBaseUrl: 'http://127.0.0.1:5000/v1',
    startHint: 'Start text-generation-webui with the `--api` flag.',
    keyUsually: 'optional',
  },
  'docker-model-runner': {
    label: 'Docker Model Runner',
    defaultBaseUrl: 'http://127.0.0.1:12434/engines/v1',
    startHint: 'Enable it with `docker desktop enable model-runner --tcp 12434`.',
    keyUsually: 'none',
  },
  // Any other server that speaks OpenAI's API (SGLang, mlx_lm.server, Lemonade, GPT4All, TabbyAPI, GPUStack, …).
  other: {
    label: 'OpenAI-compatible server',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    startHint: 'Start the model server, then check that the address here matches the one it prints when it starts.',
    keyUsually: 'optional',
  },
};

export const OLLAMA_START_HINT = 'Start Ollama with `ollama serve` (or open the Ollama app).';

export function defaultBaseUrl(kind: ProviderKind, preset?: Preset | null): string {
  return kind === 'openai-compatible' && preset ? PRESETS[preset].defaultBaseUrl : PROVIDERS[kind].defaultBaseUrl;
}
