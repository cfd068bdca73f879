// The deadline every bounded operation uses: it fires exactly at its time on the clock it is given, passes a
// cancel through at once, and (the one real-time check) still fires with nothing but its signal held.
import { describe, expect, it } from 'vitest';
import { nodeTimers } from '../../../src/adapters/node-timers.adapter.js';
import { deadline, silenceLimit } from '../../../src/system/deadline.js';
import { FakeClock } from '../../support/fake-clock.js';

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('deadline', () => {
  it('aborts with a TimeoutError exactly when its time is up', () => {
    const clock = new FakeClock({ frozen: true });
    const { signal } = deadline(clock, 30_000);
    clock.advance(29_999);
    expect(signal.aborted).toBe(false);
    clock.advance(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it("passes the caller's cancel through with its reason, at once", () => {
    const clock = new FakeClock({ frozen: true });
    const cancel = new AbortController();
    const limit = deadline(clock, 10_000, cancel.signal);
    const reason = new Error('learner cancelled');
    cancel.abort(reason);
    expect(limit.signal.aborted).toBe(true);
    expect(limit.signal.reason).toBe(reason);
    limit.clear();
    expect(clock.pendingTimers).toBe(0);
  });

  it('starts aborted when the cancel already fired; clear() stops the timer', () => {
    const clock = new FakeClock({ frozen: true });
    const cancel = new AbortController();
    cancel.abort();
    expect(deadline(clock, 10_000, cancel.signal).signal.aborted).toBe(true);
    const limit = deadline(clock, 20);
    limit.clear();
    expect(clock.pendingTimers).toBe(1); // only the first deadline's timer, never cleared
    clock.advance(40);
    expect(limit.signal.aborted).toBe(false);
  });

  it('real timers: fires with nothing but its signal held (the deadline must not be garbage-collected)', async () => {
    const { signal } = deadline(nodeTimers, 30);
    expect(((await aborted(signal)) as DOMException).name).toBe('TimeoutError');
  });
});

describe('silenceLimit', () => {
  it('fires only after a whole silence: each touch starts the wait again', () => {
    const clock = new FakeClock({ frozen: true });
    const limit = silenceLimit(clock, 60_000);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(59_999);
      limit.touch();
    }
    expect(limit.signal.aborted).toBe(false);
    clock.advance(60_000);
    expect(limit.signal.aborted).toBe(true);
    expect(limit.fired).toBe(true);
    expect((limit.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('a cancel is not a silence', () => {
    const clock = new FakeClock({ frozen: true });
    const cancel = new AbortController();
    const limit = silenceLimit(clock, 1_000, cancel.signal);
    cancel.abort();
    expect(limit.signal.aborted).toBe(true);
    expect(limit.fired).toBe(false);
    limit.clear();
    clock.advance(5_000);
    expect(limit.fired).toBe(false);
  });
});
