// Getting the model into memory before anything is asked of it. A cold model on a learner's computer can take
// minutes to read from disk — far past the prompt's 30 s — and Ollama gives up loading the moment the client
// disconnects, so a test that waited for the load inside its prompt could never pass. So the load is its own
// phase with its own limit (the profile's, 5 minutes by default, at most 15), cancellable, and the prompt's limits
// start only once the model is warm. "Load model" (profiles.loadModel) is the same step without a prompt.
import { PROFILE_LIMITS, DEFAULT_LOAD_TIMEOUT_MS, CONNECT_TIMEOUT_MS } from '../../shared/profile.contract.js';
import {
  ProfileLoadModelInputSchema,
  type LoadModelResult,
  type ProfileLoadModelInput,
  type TestEvent,
} from '../../shared/provider-test.contract.js';
import { loadAdvice, waitWords } from '../../shared/errors/hints.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { Network } from '../ports/network.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import { deadline } from '../system/deadline.js';
import { Cancelled } from './provider-errors.js';
import { canTellLoaded, loadModel, loadState } from './model-loading.js';
import { noteRemoteUse, targetForProfile } from './provider-access.js';
import type { ProviderTarget } from './provider-target.js';

export interface WarmupDeps {
  readonly network: Network;
  readonly secrets: SecretRegistry;
  readonly timers: Timers;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly profiles: ProfileService;
}

/** ready: the model is known to be in memory (false: the server cannot say, it may load inside the request). */
export type WarmOutcome =
  | { readonly outcome: 'ready'; readonly ready: boolean }
  | { readonly outcome: 'failed'; readonly ready: false; readonly error: AppError }
  | { readonly outcome: 'cancelled'; readonly ready: false };

/** LM Studio before 0.4 has no load endpoint and says so in these ways; it then loads on the first request. */
const NO_LOAD_ENDPOINT = new Set([
  'PROVIDER_ENDPOINT_NOT_FOUND',
  'PROVIDER_BAD_REQUEST',
  'PROVIDER_MALFORMED_RESPONSE',
]);

/** Servers that serve only the model they were started with: it is in memory whenever they answer. */
function alwaysLoaded(target: ProviderTarget): boolean {
  return target.kind === 'openai-compatible' && (target.preset === 'llamacpp' || target.preset === 'vllm');
}

export class ModelWarmup {
  constructor(private readonly deps: WarmupDeps) {}

  /** Before the test's prompt: finds out whether the model is loaded and loads it if not, yielding the phase. */
  async *beforePrompt(
    target: ProviderTarget,
    cancel: AbortSignal | undefined,
    loadingPhase: (sizeBytes: number | null) => TestEvent,
  ): AsyncGenerator<TestEvent, WarmOutcome> {
    // Cloud services keep their models loaded; llama.cpp and vLLM serve the one they started with.
    if (target.remoteConsent != null || alwaysLoaded(target)) return { outcome: 'ready', ready: true };
    if (!canTellLoaded(target)) return { outcome: 'ready', ready: false };
    const probe = deadline(this.deps.timers, CONNECT_TIMEOUT_MS, cancel);
    let state;
    try {
      state = await loadState(target, this.deps, probe.signal);
    } catch {
      // The probe's own limit: the server is slow to answer even this; the prompt will say more.
      if (cancel?.aborted) return { outcome: 'cancelled', ready: false };
      return { outcome: 'ready', ready: false };
    } finally {
      probe.clear();
    }
    if (state.loaded !== false) return { outcome: 'ready', ready: state.loaded === true };
    yield loadingPhase(state.sizeBytes);
    return this.load(target, cancel);
  }

  /** profiles.loadModel: the same step without a prompt, for a saved profile. */
  async loadProfile(input: ProfileLoadModelInput, cancel: AbortSignal | undefined): Promise<LoadModelResult> {
    const { id } = parseInput(ProfileLoadModelInputSchema, input);
    const { target } = targetForProfile(this.deps.profiles, id);
    noteRemoteUse(this.deps.logger, target, 'test');
    const base = { model: target.model, loadMs: null };
    if (!canTellLoaded(target)) return { ...base, supported: false, alreadyLoaded: alwaysLoaded(target) };
    const probe = deadline(this.deps.timers, CONNECT_TIMEOUT_MS, cancel);
    const state = await loadState(target, this.deps, probe.signal)
      .catch((error: unknown) => {
        throw cancel?.aborted ? new Cancelled('cancelled', { cause: error }) : error;
      })
      .finally(() => probe.clear());
    if (state.loaded === true) return { ...base, supported: true, alreadyLoaded: true };
    const started = this.deps.clock.monotonicMs();
    const outcome = await this.load(target, cancel);
    if (outcome.outcome === 'failed') throw outcome.error;
    if (outcome.outcome === 'cancelled') throw new Cancelled('cancelled');
    const loadMs = Math.round(this.deps.clock.monotonicMs() - started);
    return { ...base, supported: outcome.ready, alreadyLoaded: false, loadMs: outcome.ready ? loadMs : null };
  }

  private async load(target: ProviderTarget, cancel: AbortSignal | undefined): Promise<WarmOutcome> {
    const limitMs = Math.min(target.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS, PROFILE_LIMITS.loadTimeoutMaxMs);
    const limit = deadline(this.deps.timers, limitMs, cancel);
    const started = this.deps.clock.monotonicMs();
    const { logger } = this.deps;
    logger.log('info', 'model.loading', { kind: target.kind, preset: target.preset ?? null, limitMs });
    try {
      await loadModel(target, this.deps, limit.signal);
      logger.log('info', 'model.loaded', { loadMs: Math.round(this.deps.clock.monotonicMs() - started) });
      return { outcome: 'ready', ready: true };
    } catch (error) {
      if (cancel?.aborted || error instanceof Cancelled) {
        logger.log('info', 'model.load_cancelled', { afterMs: Math.round(this.deps.clock.monotonicMs() - started) });
        return { outcome: 'cancelled', ready: false };
      }
      if (limit.signal.aborted) {
        const advice = loadAdvice(limitMs, PROFILE_LIMITS.loadTimeoutMaxMs);
        const timedOut = new AppError('PROVIDER_LOAD_TIMEOUT', {
          params: { model: target.model, limit: waitWords(limitMs / 1000), advice },
          cause: error,
        });
        return { outcome: 'failed', ready: false, error: timedOut };
      }
      const failure = error instanceof AppError ? error : new AppError('INTERNAL', { cause: error });
      if (target.preset === 'lmstudio' && NO_LOAD_ENDPOINT.has(failure.code)) return { outcome: 'ready', ready: false };
      return { outcome: 'failed', ready: false, error: failure };
    } finally {
      limit.clear();
    }
  }
}
