// chat.stream, the API the learning app's features use to talk to the learner's model, and the one exchange every
// streamed reply goes through — the connection test is a call of exchange() with a fixed prompt. The gate is the
// test's (the profile exists, consent covers its origin, the key and header values are readable and bound to that
// origin), and so are the redirect refusal, the response cap, cancellation and the catalogued errors. Text from
// the server is scrubbed of every live secret before it leaves, even a secret split across two pieces.
import {
  CHAT_LIMITS,
  ChatStreamInputSchema,
  DEFAULT_CHAT_MAX_TOKENS,
  DEFAULT_CHAT_TEMPERATURE,
  type ChatStreamEvent,
  type ChatStreamInput,
} from '../../shared/chat.contract.js';
import { StreamScrubber } from '../diagnostics/stream-scrub.js';
import { scrubText } from '../diagnostics/redaction.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { Logger } from '../ports/logger.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import { deadline, silenceLimit } from '../system/deadline.js';
import { chatTimeAdvice } from '../../shared/errors/hints.js';
import { Cancelled, streamChat, type ChatEvent, type StreamDeps } from './chat-stream.js';
import { finishReasonOf } from './finish-reason.js';
import { noteRemoteUse, targetForProfile } from './provider-access.js';
import type { ProviderTarget } from './provider-target.js';
import { newReplyProgress, noteReplyEvent, replyFigures, saneCount } from './reply-figures.js';
import type { ChatRequest } from './wire/wire.js';

export interface ChatServiceDeps extends StreamDeps {
  readonly profiles: ProfileService;
  readonly logger: Logger;
  readonly timers: Timers;
  /** Response cap per reply (tests lower it). */
  readonly maxResponseBytes?: number;
  /** How long a reply may stay silent (tests shorten it). */
  readonly silenceMs?: number;
}

export interface ExchangeOptions {
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
}

/**
 * What exchange() yields: the stream's own events, with every delta's text scrubbed (it may be '' while the end of
 * a piece is held back because it could begin a secret), and `rest` for what was held back when the reply ended.
 */
export type ExchangeEvent = ChatEvent | { readonly type: 'rest'; readonly text: string; readonly reasoning: boolean };

const SERVER_REASON_MAX = 64;

export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  /** One streamed reply from `target`; ends with 'done' or throws a catalogued error (or Cancelled). */
  async *exchange(target: ProviderTarget, chat: ChatRequest, options: ExchangeOptions): AsyncGenerator<ExchangeEvent> {
    const answer = new StreamScrubber(this.deps.secrets);
    const thinking = new StreamScrubber(this.deps.secrets);
    for await (const event of streamChat(target, chat, this.deps, options)) {
      if (event.type === 'delta') {
        yield { ...event, text: (event.reasoning ? thinking : answer).push(event.text) };
        continue;
      }
      if (event.type === 'done') {
        const heldThinking = thinking.end();
        if (heldThinking) yield { type: 'rest', text: heldThinking, reasoning: true };
        const heldAnswer = answer.end();
        if (heldAnswer) yield { type: 'rest', text: heldAnswer, reasoning: false };
      }
      yield event;
    }
  }

  /** chat.stream: the reply for the given profile, or the active one, as deltas then one end event. */
  async *stream(input: ChatStreamInput, cancel: AbortSignal | undefined): AsyncGenerator<ChatStreamEvent> {
    const parsed = parseInput(ChatStreamInputSchema, input);
    const { profiles, logger, clock } = this.deps;
    const id = parsed.profileId ?? profiles.activeProfileId();
    if (id === null) throw new AppError('PROFILE_NONE_ACTIVE');
    const { target } = targetForProfile(profiles, id);
    noteRemoteUse(logger, target, 'chat');
    logger.log('info', 'chat.started', {
      profileId: id,
      messages: parsed.messages.length,
      characters: parsed.messages.reduce((sum, m) => sum + m.content.length, 0),
    });
    const chat: ChatRequest = {
      messages: parsed.messages,
      maxTokens: parsed.maxTokens ?? DEFAULT_CHAT_MAX_TOKENS,
      temperature: parsed.temperature ?? DEFAULT_CHAT_TEMPERATURE,
    };
    const silenceMs = parsed.limits?.silenceMs ?? this.deps.silenceMs ?? CHAT_LIMITS.idleDefaultMs;
    const totalMs = parsed.limits?.totalMs ?? null;
    const whole = totalMs === null ? null : deadline(this.deps.timers, totalMs, cancel);
    const silence = silenceLimit(this.deps.timers, silenceMs, whole?.signal ?? cancel);
    const started = clock.monotonicMs();
    const progress = newReplyProgress();
    try {
      for await (const event of this.exchange(target, chat, {
        signal: silence.signal,
        maxResponseBytes: this.deps.maxResponseBytes ?? CHAT_LIMITS.responseBytesMax,
      })) {
        silence.touch();
        noteReplyEvent(progress, event);
        if (event.type === 'request') yield { type: 'start', profileId: id, model: target.model, endpoint: event.url };
        if ((event.type === 'delta' || event.type === 'rest') && event.text !== '')
          yield { type: 'delta', text: event.text, reasoning: event.reasoning };
      }
    } catch (error) {
      if (error instanceof Cancelled || cancel?.aborted) {
        logger.log('info', 'chat.cancelled', { profileId: id, deltas: progress.deltas });
        return;
      }
      if (silence.fired) throw new AppError('PROVIDER_SILENT', { params: { seconds: silenceMs / 1000 }, cause: error });
      if (whole?.signal.aborted && totalMs !== null)
        throw new AppError('PROVIDER_TIMEOUT', {
          params: { seconds: totalMs / 1000, advice: chatTimeAdvice() },
          cause: error,
        });
      throw error instanceof AppError ? error : new AppError('INTERNAL', { cause: error });
    } finally {
      silence.clear();
      whole?.clear();
    }
    // A stream that ended without a single piece of text is not an answer, however politely it ended.
    if (progress.deltas === 0) throw new AppError('PROVIDER_EMPTY_REPLY', { params: {} });
    const figures = replyFigures(progress, progress.doneAt ?? clock.monotonicMs() - started);
    const serverReason =
      progress.finish === null ? null : scrubText(progress.finish, this.deps.secrets).slice(0, SERVER_REASON_MAX);
    const finishReason = finishReasonOf(progress.finish);
    logger.log('info', 'chat.finished', {
      profileId: id,
      finishReason,
      timeToFirstTokenMs: figures?.timeToFirstTokenMs ?? null,
      totalMs: figures?.totalMs ?? null,
      outputTokens: figures?.outputTokens ?? null,
    });
    // Headers always come before a delta, so the figures exist here.
    if (figures === null) throw new AppError('INTERNAL', { cause: new Error('a reply without response headers') });
    yield { type: 'end', finishReason, serverReason, inputTokens: saneCount(progress.inputTokens), figures };
  }
}
