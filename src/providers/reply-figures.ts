// The figures of one streamed reply — time to first byte and token, total time, tokens and tokens/s — gathered from
// the exchange's events. The connection test and chat.stream report the same figures the same way: a server's own
// count or rate wins over what the app can measure, and each figure says which it is.
import type { TestMetrics } from '../../shared/provider-test.contract.js';
import type { ChatEvent } from './chat-stream.js';

export interface ReplyProgress {
  headersAt: number | null;
  firstTokenAt: number | null;
  doneAt: number | null;
  /** Text or reasoning pieces the server streamed. */
  deltas: number;
  outputTokens: number | null;
  inputTokens: number | null;
  serverTokensPerSecond: number | null;
  loadMs: number | null;
  promptMs: number | null;
  /** Why the model stopped, in the server's words (the last it said). */
  finish: string | null;
}

export function newReplyProgress(): ReplyProgress {
  return {
    headersAt: null,
    firstTokenAt: null,
    doneAt: null,
    deltas: 0,
    outputTokens: null,
    inputTokens: null,
    serverTokensPerSecond: null,
    loadMs: null,
    promptMs: null,
    finish: null,
  };
}

/** Notes what one event says about the reply; true when it is the first token. */
export function noteReplyEvent(p: ReplyProgress, event: ChatEvent | { readonly type: 'rest' }): boolean {
  switch (event.type) {
    case 'headers':
      p.headersAt = event.atMs;
      return false;
    case 'delta':
      p.deltas += 1;
      if (p.firstTokenAt !== null) return false;
      p.firstTokenAt = event.atMs;
      return true;
    case 'usage':
      if (event.outputTokens !== undefined) p.outputTokens = event.outputTokens;
      if (event.inputTokens !== undefined) p.inputTokens = event.inputTokens;
      return false;
    case 'server-timing':
      if (event.tokensPerSecond !== undefined) p.serverTokensPerSecond = event.tokensPerSecond;
      if (event.loadMs !== undefined) p.loadMs = event.loadMs;
      if (event.promptMs !== undefined) p.promptMs = event.promptMs;
      return false;
    case 'finish':
      p.finish = event.reason;
      return false;
    case 'done':
      if (p.doneAt === null) p.doneAt = event.atMs;
      if (event.reason !== null) p.finish = event.reason;
      return false;
    default:
      return false;
  }
}

/** Servers report what they like: keep only finite, non-negative figures (and whole token counts). */
function sane(n: number | null): number | null {
  return n !== null && Number.isFinite(n) && n >= 0 ? n : null;
}

export function saneCount(n: number | null): number | null {
  const value = sane(n);
  return value === null ? null : Math.round(value);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The figures once the reply is over (or failed after `totalMs`); null if the server never answered. */
export function replyFigures(p: ReplyProgress, totalMs: number): TestMetrics | null {
  if (p.headersAt === null) return null;
  const serverTokens = saneCount(p.outputTokens);
  const estimated = serverTokens === null && p.deltas > 0;
  const tokens = serverTokens ?? (p.deltas > 0 ? p.deltas : null);
  const serverRate = sane(p.serverTokensPerSecond);
  const streamingSeconds = p.firstTokenAt === null ? 0 : (totalMs - p.firstTokenAt) / 1000;
  const measured = tokens !== null && tokens > 1 && streamingSeconds > 0 ? (tokens - 1) / streamingSeconds : null;
  const loadMs = sane(p.loadMs);
  const promptMs = sane(p.promptMs);
  return {
    timeToFirstByteMs: round(p.headersAt),
    timeToFirstTokenMs: p.firstTokenAt === null ? null : round(p.firstTokenAt),
    totalMs: round(totalMs),
    outputTokens: tokens,
    outputTokensSource: tokens === null ? null : estimated ? 'estimated' : 'server',
    tokensPerSecond: serverRate !== null ? round(serverRate) : measured === null ? null : round(measured),
    tokensPerSecondSource: serverRate !== null ? 'server' : measured === null ? null : 'measured',
    serverLoadMs: loadMs === null ? null : round(loadMs),
    serverPromptMs: promptMs === null ? null : round(promptMs),
  };
}
