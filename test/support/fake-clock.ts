// A wall clock that only moves when told to (stable timestamps in assertions) over real monotonic time
// (durations such as time to first token stay real), and ids that count up.
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../src/ports/clock.port.js';
import type { IdGenerator } from '../../src/ports/id-generator.port.js';

export class FakeClock implements Clock {
  private ms: number;
  private mono = 0;

  constructor(start = '2026-01-15T10:00:00.000Z') {
    this.ms = Date.parse(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  monotonicMs(): number {
    return performance.now() + this.mono;
  }

  advance(ms: number): void {
    this.ms += ms;
    this.mono += ms;
  }
}

/** Counting ids, prefixed per instance so a reopened core never reissues an id the vault already holds. */
export class SequentialIds implements IdGenerator {
  private static instances = 0;
  private readonly prefix: string;
  private profiles = 0;
  private correlations = 0;

  constructor() {
    SequentialIds.instances += 1;
    this.prefix = `${process.pid.toString(36)}${SequentialIds.instances.toString(36)}`;
  }

  profileId(): string {
    this.profiles += 1;
    return `profile-${this.prefix}-${String(this.profiles).padStart(4, '0')}`;
  }

  correlationId(): string {
    this.correlations += 1;
    return `corr-${String(this.correlations).padStart(6, '0')}`;
  }
}
