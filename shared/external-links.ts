// The only web pages the app opens in the learner's browser: where to get a local server and where each provider
// hands out API keys. Shared so the renderer renders links from this list and main opens nothing else.
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

const LISTED = new Set<string>(Object.values(EXTERNAL_LINKS).map((url) => new URL(url).href));

/** Exactly a listed page: same scheme, host, path, query and fragment once normalised; no prefix matching. */
export function isListedExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && LISTED.has(parsed.href);
  } catch {
    return false;
  }
}
