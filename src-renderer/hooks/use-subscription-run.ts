// One owner for a tRPC subscription a component starts and stops (a connection test, a discovery scan, live
// updates): at most one run is live, a restart or stop ends the previous run at once, unmounting ends it too, and
// React's development double-mount (StrictMode) ends and reopens a run instead of losing or duplicating it.
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { AppErrorData } from '../../shared/errors/app-error-data.contract.js';

export interface Unsubscribable {
  unsubscribe(): void;
}

export interface StartOptions {
  /** Open the run only after this long (a retry after an error); ending it before then opens nothing. */
  readonly delayMs?: number;
}

/** Plain functions rather than methods, so they can be destructured and passed as callbacks. */
export interface SubscriptionRun {
  /** Ends the current run, if any, and opens a new one. */
  readonly start: (options?: StartOptions) => void;
  /** Ends the current run, if any. Safe to call when nothing runs. */
  readonly stop: () => void;
}

/**
 * Opens one run, now or after `delayMs`, and returns the function that ends it (idempotent). Kept outside React
 * so the never-leak rules can be tested without rendering.
 */
export function openRun(subscribe: () => Unsubscribable, delayMs = 0): () => void {
  let ended = false;
  let subscription: Unsubscribable | null = null;
  const open = () => {
    subscription = subscribe();
    // The subscription's own handlers may have stopped the run while it was being opened.
    if (ended) subscription.unsubscribe();
  };
  const timer = delayMs > 0 ? setTimeout(open, delayMs) : null;
  if (timer === null) open();
  return () => {
    if (ended) return;
    ended = true;
    if (timer !== null) clearTimeout(timer);
    subscription?.unsubscribe();
    subscription = null;
  };
}

/**
 * `subscribe` opens the subscription with its handlers; the latest one is used for every run, so it may close
 * over fresh props and state. Runs open from an effect (which is what makes them StrictMode-safe) but end
 * synchronously in stop() and start(), so no event of an ended run reaches its handlers.
 */
export function useSubscriptionRun(subscribe: () => Unsubscribable): SubscriptionRun {
  // A new object per start, so starting again with the same options still reopens.
  const [request, setRequest] = useState<{ readonly delayMs: number } | null>(null);
  const end = useRef<(() => void) | null>(null);
  const subscribeLatest = useEffectEvent(subscribe);

  useEffect(() => {
    if (!request) return;
    const endThis = openRun(subscribeLatest, request.delayMs);
    end.current = endThis;
    return () => {
      endThis();
      if (end.current === endThis) end.current = null;
    };
  }, [request]);

  const endCurrent = useCallback(() => {
    end.current?.();
    end.current = null;
  }, []);
  const start = useCallback(
    (options?: StartOptions) => {
      endCurrent();
      setRequest({ delayMs: options?.delayMs ?? 0 });
    },
    [endCurrent],
  );
  const stop = useCallback(() => {
    endCurrent();
    setRequest(null);
  }, [endCurrent]);
  return useMemo(() => ({ start, stop }), [start, stop]);
}

/** What a run tells its reducer: it started, an event came, it failed (under the run's own word), it was cancelled. */
export type RunAction<TEvent, TFailure extends string> =
  | { readonly type: 'start' }
  | { readonly type: 'event'; readonly event: TEvent }
  | { readonly type: TFailure; readonly error: AppErrorData }
  | { readonly type: 'cancel' };

/** A run whose state lives in a reducer: start() and cancel() tell the reducer first and last, then open or end. */
export function useReducedRun(
  dispatch: (action: { readonly type: 'start' } | { readonly type: 'cancel' }) => void,
  subscribe: () => Unsubscribable,
): { readonly start: () => void; readonly cancel: () => void } {
  const { start: open, stop } = useSubscriptionRun(subscribe);
  const start = useCallback(() => {
    dispatch({ type: 'start' });
    open();
  }, [dispatch, open]);
  const cancel = useCallback(() => {
    stop();
    dispatch({ type: 'cancel' });
  }, [dispatch, stop]);
  return useMemo(() => ({ start, cancel }), [start, cancel]);
}
