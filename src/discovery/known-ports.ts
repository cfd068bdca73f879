// Where local model servers listen by default (docs/providers.md §6). Only these ports, only on the literal
// loopback addresses: discovery never looks beyond this computer and never resolves a name.
export const KNOWN_PORTS: readonly number[] = [
  11434, // Ollama
  1234, // LM Studio
  1337, // Jan
  4891, // GPT4All (its local API server, off by default)
  5000, // text-generation-webui (--api), TabbyAPI
  5001, // KoboldCpp
  8000, // vLLM, Lemonade (old), SGLang with --port
  8080, // llama.cpp, LocalAI, mlx_lm.server
  9931, // llama.cpp (announced new default)
  12434, // Docker Model Runner
  12435, // Docker Model Runner (cloud mode)
  13305, // Lemonade
  30000, // SGLang
  30080, // GPUStack's API server (its port 80 is left alone: too many unrelated servers sit there)
];

/** What each probe asks; all are GETs with no credentials. */
export const PROBE_PATHS = [
  '/',
  '/api/version',
  '/api/tags',
  '/.well-known/localai.json',
  '/props',
  '/version',
  '/openapi.json',
  '/api/extra/version',
  '/api/v1/models',
  '/v1/internal/model/info',
  '/v1/models',
  '/health',
  '/v1/health',
] as const;
export type ProbePath = (typeof PROBE_PATHS)[number];
