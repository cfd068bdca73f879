// A signal that aborts when the caller cancels or when the time is up, whichever comes first, with the same
// TimeoutError reason as AbortSignal.timeout. Built from the Timers port (a fake clock drives it in tests)
// rather than AbortSignal.any(…, AbortSignal.timeout()), because Node 20 holds the inner timeout signal only
// weakly: under memory pressure it can be collected before it fires, and the deadline silently never comes.
// Call clear() when the work is over so the timer and the listener go away at once.
import type { Timers } from '../ports/timers.port.js';

export interface Deadline {
  readonly signal: AbortSignal;
  clear(): void;
}

export function timeoutReason(): DOMException {
  return new DOMException('The operation timed out.', 'TimeoutError');
}

export function deadline(timers: Timers, ms: number, cancel?: AbortSignal): Deadline {
  const controller = new AbortController();
  const onCancel = () => controller.abort(cancel?.reason);
  const timer = timers.setTimeout(() => controller.abort(timeoutReason()), ms);
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      timers.clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}

export interface SilenceLimit extends Deadline {
  /** Something arrived: the silence starts again. */
  touch(): void;
  /** Whether the silence, not the caller, ended the work. */
  readonly fired: boolean;
}

/** A signal that aborts after `ms` with nothing heard (touch() restarts the wait), or when the caller cancels. */
export function silenceLimit(timers: Timers, ms: number, cancel?: AbortSignal): SilenceLimit {
  const controller = new AbortController();
  let fired = false;
  const onCancel = () => controller.abort(cancel?.reason);
  const expire = () => {
    fired = true;
    controller.abort(timeoutReason());
  };
  let timer = timers.setTimeout(expire, ms);
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    get fired() {
      return fired;
    },
    touch: () => {
      if (controller.signal.aborted) return;
      timers.clearTimeout(timer);
      timer = timers.setTimeout(expire, ms);
    },
    clear: () => {
      timers.clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}
