// discovery.scan: finds model servers on this computer. Only the literal loopback addresses, only the known
// ports, no names resolved, no redirects followed, no credentials sent. A TCP check first (closed ports cost
// nothing), then every probe of an open port in parallel with a short timeout, so even ports that accept and
// never answer cannot stretch the scan past its bound. Streams progress; cancellable.
import { setMaxListeners } from 'node:events';
import { loopbackPort } from '../../shared/endpoint.js';
import {
  DiscoveryScanInputSchema,
  type DiscoverableServer,
  type DiscoveryScanInput,
  type DiscoveredServer,
  type LoopbackHost,
  type DiscoveryEvent,
} from '../../shared/discovery.contract.js';
import { PRESETS, PROVIDERS, type Preset } from '../../shared/provider.contract.js';
import { scrubText } from '../diagnostics/redaction.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { parseInput } from '../errors/validation.js';
import { isPlainText } from '../../shared/text-rules.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import type { Network } from '../ports/network.port.js';
import { requestOnce } from '../providers/provider-request.js';
import { readAllCapped } from '../providers/response-body.js';
import { identify, type Identification, type ProbeAnswer, type ProbeAnswers } from './identify.js';
import { KNOWN_PORTS, PROBE_PATHS } from './known-ports.js';
import { deadline } from '../system/deadline.js';
import { PushQueue } from '../system/push-queue.js';

export interface DiscoveryOptions {
  readonly ports?: readonly number[];
  readonly hosts?: readonly LoopbackHost[];
  readonly connectTimeoutMs?: number;
  readonly probeTimeoutMs?: number;
}

const PROBE_BODY_MAX = 256 * 1024;

/** Servers the app has no preset of their own for: saved with the 'other' preset, named here. */
const WITHOUT_PRESET = {
  mlx: 'mlx_lm.server',
  lemonade: 'Lemonade',
  sglang: 'SGLang',
  gpustack: 'GPUStack',
  'openai-compatible': 'OpenAI-compatible server',
} as const satisfies Partial<Record<DiscoverableServer, string>>;

/** The preset a found server is saved with: its own, or 'other'. */
function presetOf(server: Exclude<DiscoverableServer, 'ollama'>): Preset {
  return server in WITHOUT_PRESET ? 'other' : (server as Preset);
}

function labelOf(server: DiscoverableServer): string {
  if (server === 'ollama') return PROVIDERS.ollama.label;
  return server in WITHOUT_PRESET
    ? WITHOUT_PRESET[server as keyof typeof WITHOUT_PRESET]
    : PRESETS[presetOf(server)].label;
}

function hostInUrl(host: LoopbackHost): string {
  return host === '::1' ? '[::1]' : host;
}

function suggestionFor(found: Identification, host: LoopbackHost, port: number): DiscoveredServer['suggestion'] {
  const origin = `http://${hostInUrl(host)}:${port}`;
  const model = found.models[0] ?? null;
  if (found.server === 'ollama')
    return { kind: 'ollama', preset: null, baseUrl: origin, model, name: `${PROVIDERS.ollama.label} (${port})` };
  const preset = presetOf(found.server);
  const path = new URL(PRESETS[preset].defaultBaseUrl).pathname;
  return {
    kind: 'openai-compatible',
    preset,
    baseUrl: `${origin}${path}`,
    model,
    name: `${labelOf(found.server)} (${port})`,
  };
}

/** Plain text (Ollama's root, Jan's 401) parses to nothing. */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class DiscoveryService {
  constructor(
    private readonly deps: {
      network: Network;
      clock: Clock;
      timers: Timers;
      logger: Logger;
      secrets: SecretRegistry;
      profiles: ProfileService;
      defaults?: DiscoveryOptions;
    },
  ) {}

  /** The procedure's entry: the input takes no options (where to look is not the renderer's choice). */
  scanRequest(input: DiscoveryScanInput, cancel: AbortSignal | undefined): AsyncGenerator<DiscoveryEvent> {
    parseInput(DiscoveryScanInputSchema, input);
    return this.scan(cancel);
  }

  async *scan(cancel: AbortSignal | undefined, options: DiscoveryOptions = {}): AsyncGenerator<DiscoveryEvent> {
    const opts = { ...this.deps.defaults, ...options };
    const ports = opts.ports ?? KNOWN_PORTS;
    const hosts = opts.hosts ?? (['127.0.0.1', '::1'] as const);
    const targets = hosts.flatMap((host) => ports.map((port) => ({ host, port })));
    const started = this.deps.clock.monotonicMs();
    const signal = cancel ?? new AbortController().signal;
    // Every probe listens on the scan's signal; dozens of listeners here are expected, not a leak.
    setMaxListeners(Math.max(100, targets.length * 4), signal);
    yield { type: 'started', targets };

    const queue = new PushQueue<DiscoveryEvent>({ signal });
    const push = (event: DiscoveryEvent) => queue.push(event);
    const found: DiscoveredServer[] = [];
    const all = Promise.all(
      targets.map(async ({ host, port }) => {
        // A probe that fails unexpectedly must not stop the summary from coming: it found nothing.
        const server = await this.probeTarget(host, port, signal, opts, push).catch((error: unknown) => {
          this.deps.logger.log('warn', 'discovery.probe_failed', {
            host,
            port,
            error: error instanceof Error ? error.message : String(error),
          });
          return null;
        });
        if (server) {
          found.push(server);
          push({ type: 'found', server });
        }
      }),
    ).then(() => queue.end());

    try {
      yield* queue;
      if (signal.aborted) return;
      const servers = this.dedupe(found);
      const durationMs = Math.round((this.deps.clock.monotonicMs() - started) * 100) / 100;
      this.deps.logger.log('info', 'discovery.finished', {
        probed: targets.length,
        found: servers.map((s) => `${s.server}@${s.port}`),
        durationMs,
      });
      yield { type: 'done', servers, durationMs, probed: targets.length };
    } finally {
      await all.catch(() => undefined);
    }
  }

  private async probeTarget(
    host: LoopbackHost,
    port: number,
    signal: AbortSignal,
    opts: DiscoveryOptions,
    push: (e: DiscoveryEvent) => void,
  ): Promise<DiscoveredServer | null> {
    const connectLimit = deadline(this.deps.timers, opts.connectTimeoutMs ?? 250, signal);
    const open = await this.deps.network
      .canConnect(host, port, connectLimit.signal)
      .finally(() => connectLimit.clear());
    if (!open || signal.aborted) {
      push({ type: 'probe', host, port, state: 'closed' });
      return null;
    }
    push({ type: 'probe', host, port, state: 'open' });
    const answers = await this.probeAll(`http://${hostInUrl(host)}:${port}`, signal, opts.probeTimeoutMs ?? 500);
    const answered = Object.keys(answers).length > 0;
    const identified = answered ? identify(answers) : null;
    push({ type: 'probe', host, port, state: identified ? 'identified' : answered ? 'unidentified' : 'no-answer' });
    if (!identified) return null;
    return {
      server: identified.server,
      label: labelOf(identified.server),
      host,
      port,
      // What a server says about itself reaches the window only scrubbed, like every answer from outside.
      version: identified.version === null ? null : scrubText(identified.version, this.deps.secrets),
      requiresKey: identified.requiresKey,
      models: identified.models.filter((m) => isPlainText(m) && !this.deps.secrets.contains(m)).slice(0, 200),
      evidence: scrubText(identified.evidence, this.deps.secrets),
      suggestion: suggestionFor(identified, host, port),
      savedProfileIds: this.savedProfilesAt(port),
    };
  }

  private async probeAll(origin: string, scanSignal: AbortSignal, timeoutMs: number): Promise<ProbeAnswers> {
    const limit = deadline(this.deps.timers, timeoutMs, scanSignal);
    const answers: ProbeAnswers = {};
    try {
      await Promise.all(
        PROBE_PATHS.map(async (path) => {
          const answer = await this.probe(`${origin}${path}`, limit.signal);
          if (answer) answers[path] = answer;
        }),
      );
    } finally {
      limit.clear();
    }
    return answers;
  }

  private async probe(url: string, signal: AbortSignal): Promise<ProbeAnswer | null> {
    try {
      const answer = await requestOnce(this.deps.network, url, {
        method: 'GET',
        headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.1' },
        signal,
      });
      if (answer.kind === 'redirect') return { status: answer.status, text: '', json: null };
      const text = answer.kind === 'ok' ? await readAllCapped(answer.response, PROBE_BODY_MAX) : answer.text;
      return { status: answer.kind === 'ok' ? answer.response.status : answer.status, text, json: jsonOrNull(text) };
    } catch {
      return null; // refused, reset, timed out or too large: this probe says nothing
    }
  }

  private savedProfilesAt(port: number): string[] {
    return this.deps.profiles
      .list()
      .profiles.filter((p) => loopbackPort(p.baseUrl) === port)
      .map((p) => p.id);
  }

  /** A dual-stack server answers on 127.0.0.1 and ::1: report it once. */
  private dedupe(found: DiscoveredServer[]): DiscoveredServer[] {
    const byKey = new Map<string, DiscoveredServer>();
    for (const server of [...found].sort(
      (a, b) => (a.host === '127.0.0.1' ? -1 : 1) - (b.host === '127.0.0.1' ? -1 : 1),
    )) {
      const key = `${server.server}:${server.port}`;
      if (!byKey.has(key)) byKey.set(key, server);
    }
    return [...byKey.values()].sort((a, b) => a.port - b.port);
  }
}
