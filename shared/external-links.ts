// The only web pages the app opens in the learner's browser: where to get a local server and where each provider
// and cloud service hands out API keys. Shared so the renderer renders links from this list and main opens nothing else.
import { PRESETS, PROVIDERS } from './provider.contract.js';

export const EXTERNAL_LINKS = Object.freeze({
  ollamaDownload: 'https://ollama.com/download',
  lmStudio: 'https://lmstudio.ai/',
  llamaCppServerDocs: 'https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md',
  jan: 'https://jan.ai/',
  openaiApiKeys: 'https://platform.openai.com/api-keys',
  anthropicApiKeys: 'https://console.anthropic.com/settings/keys',
  googleAiStudioApiKey: 'https://aistudio.google.com/apikey',
  azurePortal: 'https://portal.azure.com/',
} as const satisfies Record<string, `https://${string}`>);

/** Every "Get a key" page a provider or preset names. */
export const KEY_PAGES: readonly string[] = Object.freeze(
  [...Object.values(PROVIDERS), ...Object.values(PRESETS)].flatMap((info) => (info.keyPage ? [info.keyPage] : [])),
);

const LISTED = new Set<string>([...Object.values(EXTERNAL_LINKS), ...KEY_PAGES].map((url) => new URL(url).href));

/** Exactly a listed page: same scheme, host, path, query and fragment once normalised; no prefix matching. */
export function isListedExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && LISTED.has(parsed.href);
  } catch {
    return false;
  }
}
