// profiles.test: one call of chat's exchange (ChatService.exchange) with a short fixed prompt, reporting each
// phase as it happens, then one result with time to first byte/token, total time, tokens and tokens/s
// (server-reported when the server gives them). Bounded by the profile's time limit (30 s at most) and
// cancellable by the learner; the summary is saved on the profile unless the vault refuses.
import {
  LOADING_PHASE,
  ProfileTestInputSchema,
  type ProfileTestInput,
  type TestEvent,
  type TestPhase,
  type TestResult,
} from '../../shared/provider-test.contract.js';
import { DEFAULT_LOAD_TIMEOUT_MS, PROFILE_LIMITS } from '../../shared/profile.contract.js';
import type { TestDraft } from '../../shared/models.contract.js';
import { scrubText } from '../diagnostics/redaction.js';
import { currentRequestContext } from '../diagnostics/request-context.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import { toAppErrorData } from '../errors/app-error-data.js';
import { Cancelled } from './chat-stream.js';
import type { ChatService, ExchangeEvent } from './chat.service.js';
import { newReplyProgress, noteReplyEvent, replyFigures, type ReplyProgress } from './reply-figures.js';
import { noteRemoteUse, targetForDraft, targetForProfile } from './provider-access.js';
import type { ProviderTarget } from './provider-target.js';
import type { ChatRequest } from './wire/wire.js';
import type { ModelWarmup } from './model-warmup.service.js';
import { limitError, promptLimits } from './prompt-limits.js';

export const TEST_PROMPT: ChatRequest = {
  messages: [{ role: 'user', content: 'Reply with one short friendly sentence to confirm you are working.' }],
  maxTokens: 48,
  temperature: 0,
};

const PREVIEW_CHARS = 160;
/** Enough to hold any key in any encoded form after the part that is shown. */
const PREVIEW_SCAN_CHARS = PREVIEW_CHARS + 6 * PROFILE_LIMITS.apiKeyMax;
const TEST_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface ConnectionTestDeps {
  readonly chat: ChatService;
  readonly profiles: ProfileService;
  readonly clock: Clock;
  readonly secrets: SecretRegistry;
  readonly logger: Logger;
  readonly timers: Timers;
  readonly warmup: ModelWarmup;
  readonly maxResponseBytes?: number;
}

interface TestProgress extends ReplyProgress {
  phase: TestPhase | null;
  preview: string;
}

export class ConnectionTestService {
  constructor(private readonly deps: ConnectionTestDeps) {}

  /** Validation, consent and key problems throw before anything is sent; provider failures end as a failed result. */
  async *run(input: ProfileTestInput, cancel: AbortSignal | undefined): AsyncGenerator<TestEvent> {
    const parsed = parseInput(ProfileTestInputSchema, input);
    const { draft } = parsed;
    // A draft's key, header values and proxy password are live (and scrubbed) only while its test runs.
    const releases = [draft?.apiKey, draft?.proxyPassword, ...(draft?.headers ?? []).map((h) => h.value)].flatMap(
      (secret) => (secret ? [this.deps.secrets.hold(secret)] : []),
    );
    try {
      yield* this.runFor(parsed.id ?? null, draft, cancel);
    } finally {
      for (const release of releases) release();
    }
  }

  private async *runFor(
    savedId: string | null,
    draft: TestDraft | undefined,
    cancel: AbortSignal | undefined,
  ): AsyncGenerator<TestEvent> {
    // The profile the result belongs to: none for a draft, whose result is never stored.
    const id = draft ? null : savedId!;
    const target: ProviderTarget = draft
      ? {
          ...targetForDraft(this.deps.profiles, draft, savedId ?? undefined),
          model: draft.model,
          loadTimeoutMs: Math.min(draft.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS, PROFILE_LIMITS.loadTimeoutMaxMs),
        }
      : targetForProfile(this.deps.profiles, savedId!).target;
    noteRemoteUse(this.deps.logger, target, 'test');
    const { clock } = this.deps;
    const started = clock.monotonicMs();
    const elapsed = () => Math.round((clock.monotonicMs() - started) * 100) / 100;
    const p: TestProgress = { ...newReplyProgress(), phase: null, preview: '' };
    let resolvedEndpoint = '';
    let failure: AppError | null = null;
    const phase = (name: TestPhase, sizeBytes?: number | null): TestEvent => {
      p.phase = name;
      return { type: 'phase', phase: name, elapsedMs: elapsed(), ...(sizeBytes !== undefined && { sizeBytes }) };
    };

    // First the model into memory, under its own limit, so the prompt's limit starts on a warm model.
    const warm = yield* this.deps.warmup.beforePrompt(target, cancel, (sizeBytes) => phase(LOADING_PHASE, sizeBytes));
    if (warm.outcome === 'cancelled') {
      this.deps.logger.log('info', 'profile.test_cancelled', { profileId: id, phaseReached: p.phase });
      return;
    }
    if (warm.outcome === 'failed') failure = warm.error;
    const promptStarted = clock.monotonicMs();

    if (failure === null) {
      const limits = promptLimits(this.deps.timers, target, warm.ready, cancel);
      try {
        for await (const event of this.deps.chat.exchange(target, TEST_PROMPT, {
          signal: limits.signal,
          maxResponseBytes: this.deps.maxResponseBytes ?? TEST_MAX_RESPONSE_BYTES,
        })) {
          if (event.type === 'headers') limits.answered();
          if (event.type === 'delta') limits.started();
          const out = this.apply(event, p, phase);
          if (event.type === 'request') resolvedEndpoint = event.url;
          for (const e of out) yield e;
        }
      } catch (error) {
        if (error instanceof Cancelled || cancel?.aborted) {
          this.deps.logger.log('info', 'profile.test_cancelled', { profileId: id, phaseReached: p.phase });
          return;
        }
        const ranOut = limits.ranOut;
        failure =
          ranOut !== null
            ? limitError(ranOut, target, warm.ready, error)
            : error instanceof AppError
              ? error
              : new AppError('INTERNAL', { cause: error });
      } finally {
        limits.clear();
      }
      // A stream that ended without a single delta is not a working model, however politely it ended.
      if (failure === null && p.deltas === 0) failure = new AppError('PROVIDER_EMPTY_REPLY', { params: {} });
    }

    const totalMs = p.doneAt ?? Math.round((clock.monotonicMs() - promptStarted) * 100) / 100;
    const correlationId = currentRequestContext()?.correlationId ?? 'unknown';
    const at = clock.now().toISOString();
    const metrics = replyFigures(p, totalMs);
    const error = failure ? toAppErrorData(failure, correlationId) : null;
    const notSaved =
      id === null
        ? null
        : await this.deps.profiles.recordTestResult(id, {
            at,
            ok: failure === null,
            errorCode: error?.code ?? null,
            model: target.model,
            timeToFirstTokenMs: metrics?.timeToFirstTokenMs ?? null,
            totalMs: metrics?.totalMs ?? null,
            outputTokens: metrics?.outputTokens ?? null,
            tokensPerSecond: metrics?.tokensPerSecond ?? null,
          });
    const result: TestResult = {
      ok: failure === null,
      profileId: id,
      model: target.model,
      resolvedEndpoint,
      at,
      phaseReached: p.phase,
      metrics,
      preview: scrubText(p.preview, this.deps.secrets).slice(0, PREVIEW_CHARS),
      error,
      saved: id !== null && notSaved === null,
      notSaved: notSaved ? toAppErrorData(notSaved, correlationId) : null,
    };
    this.deps.logger.log(failure ? 'warn' : 'info', 'profile.tested', {
      profileId: id,
      draft: draft !== undefined,
      ok: result.ok,
      errorCode: error?.code ?? null,
      phaseReached: p.phase,
      timeToFirstTokenMs: metrics?.timeToFirstTokenMs ?? null,
      totalMs: metrics?.totalMs ?? null,
      saved: result.saved,
    });
    yield { type: 'result', result };
  }

  private apply(event: ExchangeEvent, p: TestProgress, phase: (name: TestPhase) => TestEvent): TestEvent[] {
    const firstToken = noteReplyEvent(p, event);
    // Kept whole (up to a bound) until the end, so the scrub sees every secret before it is cut short.
    if ((event.type === 'delta' || event.type === 'rest') && !event.reasoning && p.preview.length < PREVIEW_SCAN_CHARS)
      p.preview = (p.preview + event.text).slice(0, PREVIEW_SCAN_CHARS);
    switch (event.type) {
      case 'request':
        return [phase('connecting')];
      case 'headers':
        return event.status >= 200 && event.status < 300 ? [phase('authenticated')] : [];
      case 'first-event':
        return [phase('model-found')];
      case 'delta':
        return firstToken ? [phase('first-token')] : [];
      case 'done':
        return p.phase === 'done' ? [] : [phase('done')];
      default:
        return [];
    }
  }
}
