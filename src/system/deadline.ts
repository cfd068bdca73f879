// A signal that aborts when the caller cancels or when the time is up, whichever comes first, with the same
// TimeoutError reason as AbortSignal.timeout. Built from a plain timer rather than AbortSignal.any(…,
// AbortSignal.timeout()) because Node 20 holds the inner timeout signal only weakly: under memory pressure it
// can be collected before it fires, and the deadline silently never comes (a discovery probe hung that way).
// Call clear() when the work is over so the timer and the listener go away at once.
export interface Deadline {
  readonly signal: AbortSignal;
  clear(): void;
}

export function deadline(ms: number, cancel?: AbortSignal): Deadline {
  const controller = new AbortController();
  const onCancel = () => controller.abort(cancel?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}
