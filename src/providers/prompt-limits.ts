// The connection test's time limits once the model is in memory, and which one ran out. The whole test keeps the
// profile's ceiling (30 s at most); within it, a server known to be ready must answer at all (its response
// headers) within a few seconds — "connecting" — and the model must start its reply before the ceiling —
// "first token" — and finish it — "the whole answer". A local server that cannot say whether its model is loaded
// may be loading it inside the request, so it gets no separate connect limit.
import { CONNECT_TIMEOUT_MS, PROFILE_LIMITS } from '../../shared/profile.contract.js';
import { connectAdvice, timeoutAdvice } from '../../shared/errors/hints.js';
import { endpointHost } from '../../shared/endpoint.js';
import { AppError } from '../errors/app-error.js';
import type { TimerHandle, Timers } from '../ports/timers.port.js';
import { timeoutReason } from '../system/deadline.js';
import type { ProviderTarget } from './provider-target.js';

export type LimitName = 'connect' | 'first-token' | 'total';

export interface PromptLimits {
  readonly signal: AbortSignal;
  /** The server answered: the connect limit is over. */
  answered(): void;
  /** The model's first words arrived. */
  started(): void;
  /** Which limit ended the prompt, if one did. */
  readonly ranOut: LimitName | null;
  clear(): void;
}

export function promptLimits(
  timers: Timers,
  target: ProviderTarget,
  ready: boolean,
  cancel: AbortSignal | undefined,
): PromptLimits {
  const controller = new AbortController();
  const totalMs = Math.min(target.timeoutMs, PROFILE_LIMITS.timeoutMaxMs);
  let answered = false;
  let started = false;
  let ranOut: LimitName | null = null;
  const expire = (name: LimitName) => {
    if (controller.signal.aborted) return;
    ranOut = name;
    controller.abort(timeoutReason());
  };
  const total = timers.setTimeout(() => expire(!answered ? 'connect' : !started ? 'first-token' : 'total'), totalMs);
  let connect: TimerHandle | null =
    ready && CONNECT_TIMEOUT_MS < totalMs ? timers.setTimeout(() => expire('connect'), CONNECT_TIMEOUT_MS) : null;
  const onCancel = () => controller.abort(cancel?.reason);
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  const clearConnect = () => {
    if (connect !== null) timers.clearTimeout(connect);
    connect = null;
  };
  return {
    signal: controller.signal,
    answered: () => {
      answered = true;
      clearConnect();
    },
    started: () => {
      started = true;
    },
    get ranOut() {
      return ranOut;
    },
    clear: () => {
      clearConnect();
      timers.clearTimeout(total);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}

/** The catalogued error for the limit that ran out, in place of the plain timeout the stream reported. */
export function limitError(name: LimitName, target: ProviderTarget, ready: boolean, cause: unknown): AppError {
  const totalMs = Math.min(target.timeoutMs, PROFILE_LIMITS.timeoutMaxMs);
  const advice = timeoutAdvice(totalMs, PROFILE_LIMITS.timeoutMaxMs);
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  switch (name) {
    case 'connect': {
      const connectMs = ready ? Math.min(CONNECT_TIMEOUT_MS, totalMs) : totalMs;
      return new AppError('PROVIDER_CONNECT_TIMEOUT', {
        params: {
          host: endpointHost(target.baseUrl) ?? target.baseUrl,
          seconds: seconds(connectMs),
          advice: connectAdvice(target.remoteConsent != null),
        },
        cause,
      });
    }
    case 'first-token':
      return new AppError('PROVIDER_FIRST_TOKEN_TIMEOUT', { params: { seconds: seconds(totalMs), advice }, cause });
    case 'total':
      return new AppError('PROVIDER_TIMEOUT', { params: { seconds: seconds(totalMs), advice }, cause });
  }
}
