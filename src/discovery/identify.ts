// Which server answered, from what its public endpoints said (docs/providers.md §6), most specific fingerprint
// first so impostors are caught: Docker Model Runner and KoboldCpp emulate Ollama's /api/*, and llama.cpp,
// LocalAI and mlx_lm all like port 8080. Pure: probe answers in, identification out.
import type { DiscoverableServer } from '../../shared/discovery.contract.js';
import { asRecord, stringOnly } from '../system/json-shape.js';
import type { ProbePath } from './known-ports.js';

export interface ProbeAnswer {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

export type ProbeAnswers = Partial<Record<ProbePath, ProbeAnswer>>;

export interface Identification {
  readonly server: DiscoverableServer;
  readonly version: string | null;
  readonly requiresKey: boolean;
  readonly models: string[];
  readonly evidence: string;
}

function ok(a: ProbeAnswer | undefined): a is ProbeAnswer {
  return a !== undefined && a.status >= 200 && a.status < 300;
}

function refused(a: ProbeAnswer | undefined): boolean {
  return a !== undefined && (a.status === 401 || a.status === 403);
}

/** ids from an OpenAI-style /v1/models list, plus the owned_by values seen ('' when the key is absent). */
function openAiModels(a: ProbeAnswer | undefined): { ids: string[]; ownedBy: Set<string> } | null {
  const data = asRecord(a?.json)?.data;
  if (!ok(a) || !Array.isArray(data)) return null;
  const entries = data.map(asRecord).filter((e): e is Record<string, unknown> => e !== null);
  return {
    ids: entries.map((e) => stringOnly(e.id)).filter((id): id is string => id !== null),
    ownedBy: new Set(entries.map((e) => ('owned_by' in e ? String(e.owned_by) : ''))),
  };
}

function ollamaTags(a: ProbeAnswer | undefined): string[] {
  const list = asRecord(a?.json)?.models;
  return ok(a) && Array.isArray(list)
    ? list
        .map((m) => stringOnly(asRecord(m)?.name) ?? stringOnly(asRecord(m)?.model))
        .filter((n): n is string => n !== null)
    : [];
}

/**
 * LM Studio's answer to any path it lacks: a success status with an error body. It names LM Studio (nothing else
 * words it this way), and it is why no rule may take a 2xx alone as proof of anything.
 */
function lmStudioUnknownPath(a: ProbeAnswer | undefined): boolean {
  const error = ok(a) ? asRecord(a.json)?.error : undefined;
  return typeof error === 'string' && error.startsWith('Unexpected endpoint or method.');
}

/** A 2xx JSON object whose body is an answer, not an error wearing a success status. */
function answered(a: ProbeAnswer | undefined): Record<string, unknown> | null {
  const body = ok(a) ? asRecord(a.json) : null;
  return body && !('error' in body) ? body : null;
}

function healthOk(a: ProbeAnswer | undefined): boolean {
  return stringOnly(answered(a)?.status) === 'ok';
}

function version(a: ProbeAnswer | undefined): string | null {
  return ok(a) ? stringOnly(asRecord(a.json)?.version) : null;
}

const OWNED_BY: Readonly<Record<string, DiscoverableServer>> = {
  llamacpp: 'llamacpp',
  vllm: 'vllm',
  docker: 'docker-model-runner',
  koboldcpp: 'koboldcpp',
  lemonade: 'lemonade',
  sglang: 'sglang',
  gpustack: 'gpustack',
  organization_owner: 'lmstudio',
  library: 'ollama',
};

export function identify(answers: ProbeAnswers): Identification | null {
  const root = answers['/'];
  const v1 = openAiModels(answers['/v1/models']);
  const v1Ids = v1?.ids ?? [];
  const keyNeeded = refused(answers['/v1/models']) || refused(answers['/api/tags']);
  const id = (server: DiscoverableServer, evidence: string, extra: Partial<Identification> = {}): Identification => ({
    server,
    evidence,
    version: null,
    requiresKey: keyNeeded,
    models: v1Ids,
    ...extra,
  });

  if (ok(root) && root.text.trim() === 'Docker Model Runner is running') {
    return id('docker-model-runner', 'GET / says "Docker Model Runner is running"', {
      version: version(answers['/version']),
      models: v1Ids.length ? v1Ids : ollamaTags(answers['/api/tags']),
    });
  }
  if (
    ok(answers['/api/extra/version']) &&
    stringOnly(asRecord(answers['/api/extra/version'].json)?.result) === 'KoboldCpp'
  ) {
    const info = asRecord(answers['/api/extra/version'].json);
    return id('koboldcpp', 'GET /api/extra/version says result "KoboldCpp"', {
      version: stringOnly(info?.version),
      requiresKey: keyNeeded || info?.protected === true,
    });
  }
  const lmModels = asRecord(answers['/api/v1/models']?.json)?.models;
  if (
    ok(answers['/api/v1/models']) &&
    Array.isArray(lmModels) &&
    lmModels.some((m) => asRecord(m) !== null && 'loaded_instances' in (asRecord(m) ?? {}))
  ) {
    // Embedding models go last, so the one a new profile is offered is a model that can chat.
    const entries = lmModels
      .map(asRecord)
      .sort((a, b) => Number(a?.type === 'embedding') - Number(b?.type === 'embedding'));
    const keys = entries.map((m) => stringOnly(m?.key)).filter((k): k is string => k !== null);
    return id('lmstudio', 'GET /api/v1/models lists models with loaded_instances', {
      models: keys.length ? keys : v1Ids,
    });
  }
  if (Object.values(answers).some(lmStudioUnknownPath)) {
    return id('lmstudio', 'answers paths it lacks with 200 "Unexpected endpoint or method."', {
      requiresKey: keyNeeded || refused(answers['/api/v1/models']),
    });
  }
  const localAi = answered(answers['/.well-known/localai.json']);
  if (localAi && (asRecord(localAi.endpoints) !== null || stringOnly(localAi.version) !== null)) {
    return id('localai', 'GET /.well-known/localai.json lists its endpoints', {
      version: stringOnly(localAi.version) ?? version(answers['/version']),
    });
  }
  const props = asRecord(answers['/props']?.json);
  if (ok(answers['/props']) && props && ('build_info' in props || 'default_generation_settings' in props)) {
    return id('llamacpp', 'GET /props has build_info', { version: stringOnly(props.build_info) });
  }
  // llama.cpp with --api-key keeps /health public and guards /props; mlx_lm.server has no key and no /props.
  if (healthOk(answers['/health']) && refused(answers['/props'])) {
    return id('llamacpp', 'GET /health is ok and /props asks for an API key', { requiresKey: true });
  }
  if (
    ok(answers['/openapi.json']) &&
    stringOnly(asRecord(asRecord(answers['/openapi.json'].json)?.info)?.title) === 'Jan API Server Endpoints'
  ) {
    return id('jan', 'GET /openapi.json is titled "Jan API Server Endpoints"', {
      version: stringOnly(asRecord(asRecord(answers['/openapi.json'].json)?.info)?.version),
      requiresKey: true,
    });
  }
  const lemonade = asRecord(answers['/v1/health']?.json);
  if (ok(answers['/v1/health']) && lemonade && 'model_loaded' in lemonade) {
    return id('lemonade', 'GET /v1/health reports model_loaded', { version: stringOnly(lemonade.version) });
  }
  const ooba = asRecord(answers['/v1/internal/model/info']?.json);
  if (ok(answers['/v1/internal/model/info']) && ooba && 'model_name' in ooba) {
    const loaded = stringOnly(ooba.model_name);
    return id('textgen-webui', 'GET /v1/internal/model/info answered', {
      models: v1Ids.length ? v1Ids : loaded ? [loaded] : [],
    });
  }
  if (ok(root) && root.text.trim() === 'Ollama is running') {
    return id('ollama', 'GET / says "Ollama is running"', {
      version: version(answers['/api/version']),
      models: ollamaTags(answers['/api/tags']),
    });
  }
  const versionInfo = asRecord(answers['/version']?.json);
  if (ok(answers['/version']) && versionInfo && 'git_commit' in versionInfo && 'version' in versionInfo) {
    return id('gpustack', 'GET /version has version and git_commit', { version: stringOnly(versionInfo.version) });
  }
  if (
    v1?.ownedBy.has('vllm') ||
    (version(answers['/version']) !== null && v1 !== null && [...v1.ownedBy].every((o) => o === 'vllm'))
  ) {
    return id('vllm', 'GET /v1/models is owned_by "vllm"', { version: version(answers['/version']) });
  }
  // vLLM's key guards only /v1/*: its /version stays public.
  if (version(answers['/version']) !== null && refused(answers['/v1/models'])) {
    return id('vllm', 'GET /version answered and /v1/models asks for an API key', {
      version: version(answers['/version']),
    });
  }
  if (
    ok(answers['/health']) &&
    healthOk(answers['/health']) &&
    !ok(answers['/props']) &&
    v1 !== null &&
    v1.ownedBy.has('')
  ) {
    return id('mlx', 'GET /health is ok, /props is missing and models have no owned_by');
  }
  if (v1) {
    for (const owner of v1.ownedBy) {
      const server = OWNED_BY[owner];
      if (server) return id(server, `GET /v1/models is owned_by "${owner}"`);
    }
    return id('openai-compatible', 'GET /v1/models answered like OpenAI');
  }
  if (keyNeeded) return id('openai-compatible', 'GET /v1/models asks for an API key', { requiresKey: true });
  return null;
}
