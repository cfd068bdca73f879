// The Clock port over the system's wall clock and Node's monotonic high-resolution timer.
import { performance } from 'node:perf_hooks';
import type { Clock } from '../ports/clock.port.js';

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};
