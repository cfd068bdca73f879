// A clock and timers that only move when told to. The wall clock gives stable timestamps for assertions; the
// timers fire only when advance() passes their time, so a 30 s deadline is tested by advancing 30 s, not by
// waiting. Monotonic time is real time plus what was advanced (durations such as time to first token stay
// real), or only what was advanced when `frozen` (then every figure is exact).
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../src/ports/clock.port.js';
import type { TimerHandle, Timers } from '../../src/ports/timers.port.js';

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock, Timers {
  private wallMs: number;
  private advanced = 0;
  private nextId = 1;
  private readonly pending: Pending[] = [];
  private readonly frozen: boolean;

  constructor(options: { start?: string; frozen?: boolean } = {}) {
    this.wallMs = Date.parse(options.start ?? '2026-01-15T10:00:00.000Z');
    this.frozen = options.frozen ?? false;
  }

  now(): Date {
    return new Date(this.wallMs);
  }

  monotonicMs(): number {
    return (this.frozen ? 0 : performance.now()) + this.advanced;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: Pending = { id: this.nextId++, at: this.advanced + Math.max(0, ms), callback };
    this.pending.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const index = this.pending.findIndex((p) => p.id === (handle as { id: number }).id);
    if (index !== -1) this.pending.splice(index, 1);
  }

  /** Timers still waiting to fire. */
  get pendingTimers(): number {
    return this.pending.length;
  }

  /** Moves time on by `ms`, firing every timer that comes due, in order, each at its own time. */
  advance(ms: number): void {
    const target = this.advanced + ms;
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending.splice(this.pending.indexOf(due), 1);
      this.wallMs += due.at - this.advanced;
      this.advanced = due.at;
      due.callback();
    }
    this.wallMs += target - this.advanced;
    this.advanced = target;
  }
}
