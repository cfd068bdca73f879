// The advice part of an error that depends on the situation: how to start the server the profile points at,
// what is wrong with an address that answered "not found", where to find the right model, how long to wait. Words only; the
// core picks which, and the catalogue's remediation text carries them through its {startHint}, {pathHint}
// and {modelHint} placeholders.
import type { Preset, ProviderKind } from '../provider.contract.js';
import { providerLabel } from '../provider.contract.js';
import { formatErrorText } from './error-catalog.js';

/** How to start each server that runs on the learner's computer (cloud services have nothing to start). */
const START: Partial<{ readonly [P in Preset]: string }> = {
  lmstudio: 'Open LM Studio, go to the Developer tab and start the server (or run `lms server start`).',
  llamacpp: 'Start it with `llama-server -m <model.gguf> --port 8080`.',
  vllm: 'Start it with `vllm serve <model>`.',
  localai: 'Start it with `local-ai run` (or start its Docker container).',
  jan: 'In Jan, open Settings › Local API Server, set an API key and start the server.',
  koboldcpp: 'Start KoboldCpp and load a model; it listens on port 5001.',
  'textgen-webui': 'Start text-generation-webui with the `--api` flag.',
  'docker-model-runner': 'Enable it with `docker desktop enable model-runner --tcp 12434`.',
  other: 'Start the model server, then check that the address here matches the one it prints when it starts.',
};

/** How to get a model running on a server that knows it but has not loaded it. */
const RUN: Partial<{ readonly [P in Preset]: string }> = {
  jan: 'Start the model in Jan: open Jan, choose "{model}" and press Start (or send it one message), then try again.',
  lmstudio:
    'Load the model in LM Studio (Developer tab, "Select a model to load", or run `lms load {model}`), then try again.',
  llamacpp: 'Restart llama-server with this model (`llama-server -m <model.gguf>`), then try again.',
};

/** Where a key for each kind of server comes from. */
const KEY_FROM: Partial<{ readonly [P in Preset]: string }> = {
  jan: 'Copy the API key from Jan (Settings, Local API Server).',
  lmstudio: "Create an API token in LM Studio's Developer tab (Server settings).",
  llamacpp: 'Use the key llama-server was started with (its --api-key option).',
  vllm: 'Use the key vLLM was started with (its --api-key option).',
  'textgen-webui': 'Use the key text-generation-webui was started with (its --api-key option).',
};

const HINTS = {
  runGeneric: 'Load or start the model "{model}" in {provider}, then try again.',
  keyGeneric: 'Get an API key for this server (from its settings, or from whoever runs it).',
  startOllama: 'Start Ollama with `ollama serve` (or open the Ollama app).',
  startPreset: 'Start {server}: {how}',
  startUnknownServer: 'Start the model server and check the address and port.',
  startRemote: 'Check your internet connection and that the server address is right.',
  pathVersionTwice:
    "The address contains /v1 (or another version) twice. Remove the extra one so the app calls the server's real endpoint.",
  pathAddedVersion:
    'The app added /v1 to your address and called {url}. If your server uses a different path, type the full base path into the address (for example http://127.0.0.1:8080/v1).',
  pathOpenAiCompatible:
    'Check the path after the port: OpenAI-compatible servers usually expect the address to end in /v1, without /chat/completions.',
  pathOllama:
    "This address does not answer like Ollama's own API. If it is an OpenAI-compatible server (LM Studio, llama.cpp, …), choose that provider instead.",
  pathAzure:
    'Check the resource address (https://YOUR-RESOURCE.openai.azure.com), the deployment name and the API version.',
  pathRoot: 'Check the server address: it should be the base address of the API, with nothing after the host name.',
  modelOllama: 'Download it with `ollama pull {model}`, or pick one of the models already installed.',
  modelPick: 'Pick one of the models the server offers ("Load models" lists them), and check the spelling.',
  elsewhere: 'another address',
  timeoutRaise: 'Raise the time limit in the profile (it can be up to {max} seconds), or try a smaller, faster model.',
  timeoutAtMost:
    'The time limit is already at its most ({max} seconds): try a smaller, faster model, or close other programs so the computer has more memory free.',
  chatTotal: 'Ask for a shorter reply, or give the reply a longer time limit.',
  connectLocal:
    'Check that the server is running and not busy with another request; if it is loading a large model, wait until it is ready and test again.',
  connectRemote:
    'Check your internet connection; on a school or office network a proxy or firewall may be holding the connection (choose the network setting in the profile).',
  loadRaise:
    'Large models can take minutes to read from disk: raise "Time to load the model" in the profile (up to {max} minutes), or try a smaller model.',
  loadAtMost:
    'The load limit is already at its most ({max} minutes): try a smaller model, or close other programs so it fits in memory.',
  waitUnknown: 'a minute',
  waitSecond: 'a second',
  waitSeconds: '{n} seconds',
  waitMinutes: '{n} minutes',
} as const;

interface ServerChoice {
  readonly kind: ProviderKind;
  readonly preset?: Preset | null | undefined;
}

/** What to tell a learner when nothing answers at the address. */
export function startHint({ kind, preset }: ServerChoice): string {
  if (kind === 'ollama') return HINTS.startOllama;
  if (kind === 'openai-compatible' && preset === 'other') return START.other!;
  const how = kind === 'openai-compatible' && preset ? START[preset] : undefined;
  if (how) return formatErrorText(HINTS.startPreset, { server: providerLabel(kind, preset), how });
  if (kind === 'openai-compatible' && !preset) return HINTS.startUnknownServer;
  return HINTS.startRemote;
}

/** Why an address answered "not found", from the path the learner typed and the URL the app called. */
export function pathHint({ kind }: ServerChoice, typedPath: string, calledUrl: string): string {
  switch (kind) {
    case 'openai':
    case 'openai-compatible':
      if ((typedPath.match(/\/v\d+[a-z0-9]*(?=\/|$)/g) ?? []).length > 1) return HINTS.pathVersionTwice;
      if (!/\/v\d/.test(typedPath)) return formatErrorText(HINTS.pathAddedVersion, { url: calledUrl });
      return HINTS.pathOpenAiCompatible;
    case 'ollama':
      return HINTS.pathOllama;
    case 'azure-openai':
      return HINTS.pathAzure;
    case 'anthropic':
    case 'gemini':
      return HINTS.pathRoot;
  }
}

/** Where to find the model a server said it does not have. */
export function modelHint({ kind }: ServerChoice, model: string): string {
  return kind === 'ollama' ? formatErrorText(HINTS.modelOllama, { model }) : HINTS.modelPick;
}

/** How to get a known but stopped model running. */
export function runHint({ kind, preset }: ServerChoice, model: string): string {
  const how = kind === 'openai-compatible' && preset ? RUN[preset] : undefined;
  return formatErrorText(how ?? HINTS.runGeneric, { model, provider: providerLabel(kind, preset) });
}

/** Where to get the key a server asked for when the profile had none. */
export function keyHint({ kind, preset }: ServerChoice): string {
  return (kind === 'openai-compatible' && preset ? KEY_FROM[preset] : undefined) ?? HINTS.keyGeneric;
}

/** How long to wait, in words, from the seconds a server asked for (null when it did not say). */
export function waitWords(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return HINTS.waitUnknown;
  if (seconds < 2) return HINTS.waitSecond;
  if (seconds < 90) return formatErrorText(HINTS.waitSeconds, { n: Math.ceil(seconds) });
  return formatErrorText(HINTS.waitMinutes, { n: Math.ceil(seconds / 60) });
}

/** What to do when a reply took longer than the profile's limit: raise it only if it is not already at its most. */
export function timeoutAdvice(limitMs: number, maxMs: number): string {
  const max = Math.round(maxMs / 1000);
  return formatErrorText(limitMs < maxMs ? HINTS.timeoutRaise : HINTS.timeoutAtMost, { max });
}

/** What to do when a chat reply ran past the time limit its caller gave it. */
export function chatTimeAdvice(): string {
  return HINTS.chatTotal;
}

/** What to do when the server did not answer at all in time. */
export function connectAdvice(remote: boolean): string {
  return remote ? HINTS.connectRemote : HINTS.connectLocal;
}

/** What to do when loading the model took longer than the profile's load limit. */
export function loadAdvice(limitMs: number, maxMs: number): string {
  const max = Math.round(maxMs / 60_000);
  return formatErrorText(limitMs < maxMs ? HINTS.loadRaise : HINTS.loadAtMost, { max });
}

/** What was wrong with a certificate, in words, from Node's or Chromium's code for it. */
const CERT_PROBLEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_AUTHORITY_INVALID|CERT_UNTRUSTED/,
    'its certificate was issued by an authority this computer does not trust (a network that inspects secure connections does this)',
  ],
  [/DEPTH_ZERO_SELF_SIGNED_CERT/, 'its certificate is self-signed'],
  [
    /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_DATE_INVALID/,
    'its certificate is out of date (or the clock of this computer is wrong)',
  ],
  [/ALTNAME|HOSTNAME_MISMATCH|COMMON_NAME_INVALID/, 'its certificate was issued for another name'],
  [/CERT_REVOKED/, 'its certificate was revoked'],
];

export function certificateProblem(code: string): string {
  return CERT_PROBLEMS.find(([pattern]) => pattern.test(code))?.[1] ?? 'the secure connection could not be set up';
}

/** What went wrong with a profile's own proxy, in words, from the code the network adapter gave. */
export function proxyProblem(code: string): string {
  if (code === 'EPROXY_407')
    return 'it asked for a user name and password and did not accept the ones saved (or none are)';
  if (code === 'EPROXY_403') return 'it does not allow connections to this server';
  if (code.startsWith('EPROXY_')) return `it could not open the way to the server (it answered ${code.slice(7)})`;
  if (code === 'ECONNREFUSED') return 'nothing answers at its address';
  return 'its name could not be found';
}

/** Where a redirect went, when the app will not say (it carried a secret, or could not be read). */
export function elsewhereWords(): string {
  return HINTS.elsewhere;
}
