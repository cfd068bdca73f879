// The part of useSubscriptionRun that decides when a subscription opens and ends: no run outlives its end, a
// delayed run ended early never opens, and the end/reopen of React's development double-mount leaves one run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRun, type Unsubscribable } from '../../../src-renderer/hooks/use-subscription-run.js';

function fakeSubscriptions() {
  const opened: Array<{ unsubscribe: ReturnType<typeof vi.fn> }> = [];
  const subscribe = (): Unsubscribable => {
    const subscription = { unsubscribe: vi.fn() };
    opened.push(subscription);
    return subscription;
  };
  const live = () => opened.filter((s) => s.unsubscribe.mock.calls.length === 0).length;
  return { opened, subscribe, live };
}

describe('openRun', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens at once and ends exactly once, however often it is ended', () => {
    const subs = fakeSubscriptions();
    const end = openRun(subs.subscribe);
    expect(subs.opened).toHaveLength(1);
    end();
    end();
    expect(subs.opened[0]!.unsubscribe).toHaveBeenCalledTimes(1);
    expect(subs.live()).toBe(0);
  });

  it('opens a delayed run only when the delay is over', () => {
    const subs = fakeSubscriptions();
    const end = openRun(subs.subscribe, 2_000);
    vi.advanceTimersByTime(1_999);
    expect(subs.opened).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(subs.live()).toBe(1);
    end();
    expect(subs.live()).toBe(0);
  });

  it('never opens a delayed run that was ended before its time', () => {
    const subs = fakeSubscriptions();
    const end = openRun(subs.subscribe, 2_000);
    end();
    vi.advanceTimersByTime(10_000);
    expect(subs.opened).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends a subscription whose own handlers ended the run while it was opening', () => {
    const subs = fakeSubscriptions();
    let end: () => void = () => {};
    end = openRun(() => {
      const subscription = subs.subscribe();
      end(); // e.g. an error delivered synchronously, and the handler stops the run
      return subscription;
    }, 10);
    vi.advanceTimersByTime(10);
    expect(subs.opened).toHaveLength(1);
    expect(subs.live()).toBe(0);
  });

  it('leaves one live subscription after a StrictMode end-and-reopen, and none after the unmount', () => {
    const subs = fakeSubscriptions();
    let end = openRun(subs.subscribe); // effect
    end(); // development-only cleanup
    end = openRun(subs.subscribe); // effect again
    expect(subs.opened).toHaveLength(2);
    expect(subs.live()).toBe(1);
    end(); // the real unmount
    expect(subs.live()).toBe(0);
  });
});
