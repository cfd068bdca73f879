import { describe, expect, it } from 'vitest';
import { deadline } from '../../../src/system/deadline.js';

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('deadline', () => {
  it('aborts with a TimeoutError when the time is up, with nothing else holding it', async () => {
    // No reference to the inner timer is kept by the caller: the signal alone must still fire.
    const { signal } = deadline(30);
    expect(((await aborted(signal)) as DOMException).name).toBe('TimeoutError');
  });

  it("passes the caller's cancel through with its reason, at once", async () => {
    const cancel = new AbortController();
    const limit = deadline(10_000, cancel.signal);
    const reason = new Error('learner cancelled');
    cancel.abort(reason);
    expect(limit.signal.aborted).toBe(true);
    expect(limit.signal.reason).toBe(reason);
    limit.clear();
  });

  it('starts aborted when the cancel already fired; clear() stops the timer', async () => {
    const cancel = new AbortController();
    cancel.abort();
    expect(deadline(10_000, cancel.signal).signal.aborted).toBe(true);
    const limit = deadline(20);
    limit.clear();
    await new Promise((r) => setTimeout(r, 40));
    expect(limit.signal.aborted).toBe(false);
  });
});
