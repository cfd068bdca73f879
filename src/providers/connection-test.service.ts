// profiles.test: sends a short fixed prompt through the same streaming client a chat uses, reports each
// phase as it happens, then one result with time to first byte/token, total time, tokens and tokens/s
// (server-reported when the server gives them). Bounded by the profile's time limit (30 s at most) and
// cancellable by the learner; the summary is saved on the profile unless the vault refuses.
import {
  ProfileTestInputSchema,
  type ProfileTestInput,
  type TestEvent,
  type TestMetrics,
  type TestPhase,
  type TestResult,
} from '../../shared/provider-test.contract.js';
import { PROFILE_LIMITS } from '../../shared/profile.contract.js';
import { scrubText } from '../diagnostics/redaction.js';
import { currentRequestContext } from '../diagnostics/request-context.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { Logger } from '../ports/logger.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import { toAppErrorData } from '../errors/app-error-data.js';
import { Cancelled, streamChat, type ChatEvent, type StreamDeps } from './chat-stream.js';
import { noteRemoteUse, targetForProfile } from './provider-access.js';
import type { ChatRequest } from './wire/wire.js';
import { deadline } from '../system/deadline.js';

export const TEST_PROMPT: ChatRequest = {
  messages: [{ role: 'user', content: 'Reply with one short friendly sentence to confirm you are working.' }],
  maxTokens: 48,
  temperature: 0,
};

const PREVIEW_CHARS = 160;
/** Enough to hold any key in any encoded form after the part that is shown. */
const PREVIEW_SCAN_CHARS = PREVIEW_CHARS + 6 * PROFILE_LIMITS.apiKeyMax;
const TEST_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface ConnectionTestDeps extends StreamDeps {
  readonly profiles: ProfileService;
  readonly logger: Logger;
  readonly timers: Timers;
  readonly maxResponseBytes?: number;
}

interface Progress {
  phase: TestPhase | null;
  headersAt: number | null;
  firstTokenAt: number | null;
  doneAt: number | null;
  deltas: number;
  preview: string;
  outputTokens: number | null;
  serverTokensPerSecond: number | null;
  loadMs: number | null;
  promptMs: number | null;
}

/** Servers report what they like: keep only finite, non-negative figures (and whole token counts). */
function sane(n: number | null): number | null {
  return n !== null && Number.isFinite(n) && n >= 0 ? n : null;
}

function saneCount(n: number | null): number | null {
  const value = sane(n);
  return value === null ? null : Math.round(value);
}

function metricsOf(p: Progress, totalMs: number): TestMetrics | null {
  if (p.headersAt === null) return null;
  const serverTokens = saneCount(p.outputTokens);
  const estimated = serverTokens === null && p.deltas > 0;
  const tokens = serverTokens ?? (p.deltas > 0 ? p.deltas : null);
  const serverRate = sane(p.serverTokensPerSecond);
  const streamingSeconds = p.firstTokenAt === null ? 0 : (totalMs - p.firstTokenAt) / 1000;
  const measured = tokens !== null && tokens > 1 && streamingSeconds > 0 ? (tokens - 1) / streamingSeconds : null;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    timeToFirstByteMs: round(p.headersAt),
    timeToFirstTokenMs: p.firstTokenAt === null ? null : round(p.firstTokenAt),
    totalMs: round(totalMs),
    outputTokens: tokens,
    outputTokensSource: tokens === null ? null : estimated ? 'estimated' : 'server',
    tokensPerSecond: serverRate !== null ? round(serverRate) : measured === null ? null : round(measured),
    tokensPerSecondSource: serverRate !== null ? 'server' : measured === null ? null : 'measured',
    serverLoadMs: sane(p.loadMs) === null ? null : round(p.loadMs!),
    serverPromptMs: sane(p.promptMs) === null ? null : round(p.promptMs!),
  };
}

export class ConnectionTestService {
  constructor(private readonly deps: ConnectionTestDeps) {}

  /** Validation, consent and key problems throw before anything is sent; provider failures end as a failed result. */
  async *run(input: ProfileTestInput, cancel: AbortSignal | undefined): AsyncGenerator<TestEvent> {
    const { id } = parseInput(ProfileTestInputSchema, input);
    const { target } = targetForProfile(this.deps.profiles, id);
    noteRemoteUse(this.deps.logger, target, 'test');
    const { clock } = this.deps;
    const started = clock.monotonicMs();
    const elapsed = () => Math.round((clock.monotonicMs() - started) * 100) / 100;
    const limit = deadline(this.deps.timers, Math.min(target.timeoutMs, PROFILE_LIMITS.timeoutMaxMs), cancel);
    const { signal } = limit;
    const p: Progress = {
      phase: null,
      headersAt: null,
      firstTokenAt: null,
      doneAt: null,
      deltas: 0,
      preview: '',
      outputTokens: null,
      serverTokensPerSecond: null,
      loadMs: null,
      promptMs: null,
    };
    let resolvedEndpoint = '';
    let failure: AppError | null = null;
    const phase = (name: TestPhase): TestEvent => {
      p.phase = name;
      return { type: 'phase', phase: name, elapsedMs: elapsed() };
    };

    try {
      for await (const event of streamChat(target, TEST_PROMPT, this.deps, {
        signal,
        maxResponseBytes: this.deps.maxResponseBytes ?? TEST_MAX_RESPONSE_BYTES,
      })) {
        const out = this.apply(event, p, phase);
        if (event.type === 'request') resolvedEndpoint = event.url;
        for (const e of out) yield e;
      }
    } catch (error) {
      if (error instanceof Cancelled || cancel?.aborted) {
        this.deps.logger.log('info', 'profile.test_cancelled', { profileId: id, phaseReached: p.phase });
        return;
      }
      failure = error instanceof AppError ? error : new AppError('INTERNAL', { cause: error });
    } finally {
      limit.clear();
    }
    // A stream that ended without a single delta is not a working model, however politely it ended.
    if (failure === null && p.deltas === 0) failure = new AppError('PROVIDER_EMPTY_REPLY', { params: {} });

    const totalMs = p.doneAt ?? elapsed();
    const correlationId = currentRequestContext()?.correlationId ?? 'unknown';
    const at = clock.now().toISOString();
    const metrics = metricsOf(p, totalMs);
    const error = failure ? toAppErrorData(failure, correlationId) : null;
    const notSaved = await this.deps.profiles.recordTestResult(id, {
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
      saved: notSaved === null,
      notSaved: notSaved ? toAppErrorData(notSaved, correlationId) : null,
    };
    this.deps.logger.log(failure ? 'warn' : 'info', 'profile.tested', {
      profileId: id,
      ok: result.ok,
      errorCode: error?.code ?? null,
      phaseReached: p.phase,
      timeToFirstTokenMs: metrics?.timeToFirstTokenMs ?? null,
      totalMs: metrics?.totalMs ?? null,
      saved: result.saved,
    });
    yield { type: 'result', result };
  }

  private apply(event: ChatEvent, p: Progress, phase: (name: TestPhase) => TestEvent): TestEvent[] {
    switch (event.type) {
      case 'request':
        return [phase('connecting')];
      case 'headers':
        p.headersAt = event.atMs;
        return event.status >= 200 && event.status < 300 ? [phase('authenticated')] : [];
      case 'first-event':
        return [phase('model-found')];
      case 'delta': {
        p.deltas += 1;
        // Kept whole (up to a bound) until the end, so the scrub sees every secret before it is cut short.
        if (!event.reasoning && p.preview.length < PREVIEW_SCAN_CHARS)
          p.preview = (p.preview + event.text).slice(0, PREVIEW_SCAN_CHARS);
        if (p.firstTokenAt !== null) return [];
        p.firstTokenAt = event.atMs;
        return [phase('first-token')];
      }
      case 'usage':
        if (event.outputTokens !== undefined) p.outputTokens = event.outputTokens;
        return [];
      case 'server-timing':
        if (event.tokensPerSecond !== undefined) p.serverTokensPerSecond = event.tokensPerSecond;
        if (event.loadMs !== undefined) p.loadMs = event.loadMs;
        if (event.promptMs !== undefined) p.promptMs = event.promptMs;
        return [];
      case 'done':
        if (p.doneAt !== null) return [];
        p.doneAt = event.atMs;
        return [phase('done')];
    }
  }
}
