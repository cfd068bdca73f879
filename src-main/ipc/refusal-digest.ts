// Refused and malformed calls are what a misbehaving or hostile page produces by the thousand; logged one line
// each they would rotate every earlier diagnostics line out of the log. The first refusal after a quiet spell is
// logged in full (so its correlation id points at a line); the rest of that spell is counted and summarised in
// one line per period, with the first few correlation ids as samples. Calls that ran are never summarised.
import type { Clock, Logger, LogFields, Timers } from '../../src/index.js';

const SAMPLE_IDS = 5;

export class RefusalDigest {
  private pending: { count: number; byCode: Record<string, number>; samples: string[]; since: number } | null = null;
  private timer: object | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly periodMs = 1_000,
  ) {}

  /** Logs a refused call as `ipc.call`, or counts it into the current period's summary. */
  note(correlationId: string, errorCode: string, fields: LogFields): void {
    if (this.timer === null) {
      this.logger.log('warn', 'ipc.call', { correlationId, ...fields });
      this.timer = this.timers.setTimeout(() => this.flush(), this.periodMs);
      return;
    }
    this.pending ??= { count: 0, byCode: {}, samples: [], since: this.clock.monotonicMs() };
    this.pending.count += 1;
    this.pending.byCode[errorCode] = (this.pending.byCode[errorCode] ?? 0) + 1;
    if (this.pending.samples.length < SAMPLE_IDS) this.pending.samples.push(correlationId);
  }

  /** Writes the summary of the period so far and stops the period (on shutdown). */
  close(): void {
    this.flush();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes the summary of the period so far (called by the period's timer). */
  private flush(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.logger.log('warn', 'ipc.calls_refused', {
      count: pending.count,
      byCode: pending.byCode,
      sampleCorrelationIds: pending.samples,
      periodMs: Math.round(this.clock.monotonicMs() - pending.since),
    });
    // A flood that goes on keeps one summary per period rather than a full line after every summary.
    this.timer = this.timers.setTimeout(() => this.flush(), this.periodMs);
  }
}
